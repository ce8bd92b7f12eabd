import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import pg from 'pg';
import { type DatabaseHandle, type Engine, openDatabase } from '../../src/db/database.js';
import { testDatabaseUrl } from './engines.js';
import { clonePgliteDataDir, pgTemplateName, type Seed } from './templates.js';

export interface TestDatabase extends DatabaseHandle {
  /** Drops the test database (PostgreSQL) and closes connections. */
  close(): Promise<void>;
}

/**
 * A fresh database for one test file, cloned from a migrated template: PGlite opens a copy of the template's data
 * dir (~0.5 s), PostgreSQL makes one with CREATE DATABASE … TEMPLATE (~0.1 s). Always close it in afterAll.
 */
export async function createTestDatabase(engine: Engine, seed: Seed = 'demo', options: { searchPoolSize?: number } = {}): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const dataDir = clonePgliteDataDir(seed);
    const h = await openDatabase({ dataDir });
    return {
      ...h,
      async close() {
        try {
          await h.close();
        } finally {
          rmSync(dataDir, { recursive: true, force: true });
        }
      },
    };
  }
  const adminUrl = testDatabaseUrl();
  const name = `ft_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}" template "${pgTemplateName(seed)}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const h = await openDatabase({ url: url.toString(), poolSize: 4, ...options });
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
