/**
 * The hand-written migrations and the drizzle schema describe the same database. Migrations are written by hand
 * (parallel branches each own a number) and the snapshot is regenerated after merging, so nothing else would notice
 * a column the schema declares but no migration creates, or a NOT NULL the two disagree on. This migrates an empty
 * database on each engine and compares its tables and columns with the newest drizzle snapshot.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.js';
import { migrationsDir } from '../../src/paths.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { testEngines } from '../support/engines.js';

interface Snapshot {
  tables: Record<string, { name: string; columns: Record<string, { name: string; notNull: boolean }> }>;
}

function newestSnapshot(): Snapshot {
  const meta = join(migrationsDir, 'meta');
  const newest = readdirSync(meta).filter((f) => f.endsWith('_snapshot.json')).sort().at(-1)!;
  return JSON.parse(readFileSync(join(meta, newest), 'utf8')) as Snapshot;
}

/** "table.column" → NOT NULL, from the snapshot. */
function declaredColumns(s: Snapshot): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const t of Object.values(s.tables)) for (const c of Object.values(t.columns)) out.set(`${t.name}.${c.name}`, c.notNull);
  return out;
}

describe.each(testEngines())('migrations and the drizzle schema agree on %s', (engine) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(engine, 'empty');
  });
  afterAll(async () => db?.close());

  it('has every table and column the schema declares, with the same NOT NULL, and no others', async () => {
    const declared = declaredColumns(newestSnapshot());
    const rows = await queryRows<{ table_name: string; column_name: string; is_nullable: string }>(
      db.db,
      sql`select c.table_name, c.column_name, c.is_nullable from information_schema.columns c
         join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = 'public' and t.table_type = 'BASE TABLE'`,
    );
    const actual = new Map(rows.filter((r) => r.table_name !== '__drizzle_migrations').map((r) => [`${r.table_name}.${r.column_name}`, r.is_nullable === 'NO']));
    expect(declared.size).toBeGreaterThan(100);
    expect([...declared.keys()].filter((k) => !actual.has(k)).sort()).toEqual([]);
    expect([...actual.keys()].filter((k) => !declared.has(k)).sort()).toEqual([]);
    expect([...declared].filter(([k, notNull]) => actual.get(k) !== notNull).map(([k]) => k).sort()).toEqual([]);
  });
});
