import { loadConfig } from '../../src/config.js';
import type { Engine } from '../../src/db/database.js';
import { buildApp } from '../../src/server/app.js';
import type { App } from '../../src/server/types.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import type { Seed } from './templates.js';

export interface TestApp {
  app: App;
  database: TestDatabase;
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
    async close() {
      await app.close();
      await database.close();
    },
  };
}
