import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import pg from 'pg';
import { type DatabaseHandle, type Engine, openDatabase } from '../../src/db/database.js';
import { testDatabaseUrl } from './engines.js';
import { clonePgliteDataDir, pgTemplateName, type Seed } from './templates.js';

/**
 * A database a child process can open by configuration (DATA_DIR or DATABASE_URL), cloned from a template: for
 * tests that run the real server or a command line and then look at what it left behind.
 */
export interface OwnDatabase {
  /** The environment that points the portal or a command at it. */
  env: NodeJS.ProcessEnv;
  open(): Promise<DatabaseHandle>;
  /** Removes the database (PGlite: the data dir; PostgreSQL: drops and creates it empty). */
  wipe(): Promise<void>;
  cleanup(): Promise<void>;
}

export async function ownDatabase(engine: Engine, seed: Seed = 'demo'): Promise<OwnDatabase> {
  if (engine === 'pglite') {
    const dataDir = clonePgliteDataDir(seed);
    return {
      env: { DATA_DIR: dataDir },
      open: () => openDatabase({ dataDir }),
      async wipe() {
        rmSync(dataDir, { recursive: true, force: true });
      },
      async cleanup() {
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = testDatabaseUrl();
  const name = `ft_own_${randomBytes(5).toString('hex')}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await admin(`create database "${name}" template "${pgTemplateName(seed)}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    open: () => openDatabase({ url: url.toString(), poolSize: 2 }),
    async wipe() {
      await admin(`drop database "${name}" with (force)`);
      await admin(`create database "${name}"`);
    },
    async cleanup() {
      await admin(`drop database if exists "${name}" with (force)`);
    },
  };
}
