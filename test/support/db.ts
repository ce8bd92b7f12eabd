import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { type DatabaseHandle, type Engine, openDatabase } from '../../src/db/database.js';
import { testDatabaseUrl } from './engines.js';
import { pgliteTemplatePath, pgTemplateName, type Seed } from './templates.js';

export interface TestDatabase extends DatabaseHandle {
  /** Drops the test database (PostgreSQL) and closes connections. */
  close(): Promise<void>;
}

/**
 * A fresh database for one test file, cloned from a migrated template: PGlite from a dumped data dir (~1–2 s),
 * PostgreSQL with CREATE DATABASE … TEMPLATE (~0.1 s). Always close it in afterAll.
 */
export async function createTestDatabase(engine: Engine, seed: Seed = 'demo'): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const tar = readFileSync(pgliteTemplatePath(seed));
    const h = await openDatabase({ loadDataDir: new Blob([tar]) });
    return h;
  }
  const adminUrl = testDatabaseUrl();
  const name = `ft_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}" template "${pgTemplateName(seed)}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const h = await openDatabase({ url: url.toString(), poolSize: 4 });
  return {
    ...h,
    async close() {
      await h.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}
