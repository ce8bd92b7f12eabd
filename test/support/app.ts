import { afterAll, beforeAll } from 'vitest';
import { type Config, loadConfig } from '../../src/config.js';
import type { Engine } from '../../src/db/database.js';
import { buildApp } from '../../src/server/app.js';
import type { App } from '../../src/server/types.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import type { Seed } from './templates.js';

export interface TestApp {
  app: App;
  database: TestDatabase;
  /** The app's configuration (the object it reads, so a test may change a setting the app reads per request). */
  config: Config;
  close(): Promise<void>;
}

/** The real application on a real database, for API tests through app.inject() (or listen() for browsers). */
export async function createTestApp(
  engine: Engine,
  options: { seed?: Seed; env?: NodeJS.ProcessEnv; clock?: () => Date } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(engine, options.seed ?? 'demo');
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://portal.test', ...options.env });
  const app = await buildApp({ config, database, clock: options.clock });
  await app.ready();
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/**
 * The app for the enclosing describe block: made in its beforeAll and closed in its afterAll. The object is filled
 * in by beforeAll, so read it in hooks and tests, not while the block is being declared.
 */
export function useTestApp(engine: Engine, options: Parameters<typeof createTestApp>[1] = {}): TestApp {
  const t = {} as TestApp;
  beforeAll(async () => {
    Object.assign(t, await createTestApp(engine, options));
  });
  afterAll(async () => t.close?.());
  return t;
}
