import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../src/db/database.js';
import { loadDemoData } from '../../src/db/seed/demo.js';
import { ensureQuestionnaires } from '../../src/db/seed/questionnaires.js';
import { projectRoot } from '../../src/paths.js';

export type Seed = 'empty' | 'demo';

/** A hash of everything a template depends on: migrations, seed code and demo data. */
export function templateKey(): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else h.update(relative(projectRoot, p)).update(readFileSync(p));
    }
  };
  for (const d of ['src/db/migrations', 'src/db/seed', 'src/db/schema', 'data/demo', 'data/questionnaires']) walk(join(projectRoot, d));
  return h.digest('hex').slice(0, 16);
}

const cacheDir = join(projectRoot, '.tmp', 'test-templates');

export function pgliteTemplatePath(seed: Seed, key = templateKey()): string {
  return join(cacheDir, `pglite-${seed}-${key}.tar`);
}

/** Builds the PGlite template data dirs (migrated; empty and with the demo data), cached on disk by content hash. */
export async function ensurePgliteTemplates(): Promise<void> {
  const key = templateKey();
  mkdirSync(cacheDir, { recursive: true });
  for (const seed of ['empty', 'demo'] as const) {
    const file = pgliteTemplatePath(seed, key);
    if (existsSync(file)) continue;
    const h = await openDatabase({});
    await h.migrate();
    if (seed === 'demo') await loadDemoData(h.db);
    else await ensureQuestionnaires(h.db);
    const blob = await h.dumpDataDir!();
    writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
    await h.close();
  }
}

export function pgTemplateName(seed: Seed, key = templateKey()): string {
  return `ft_tpl_${seed}_${key}`;
}

/** Creates the PostgreSQL template databases (migrated; empty and demo) once per content hash. */
export async function ensurePostgresTemplates(adminUrl: string): Promise<void> {
  const key = templateKey();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const seed of ['empty', 'demo'] as const) {
      const name = pgTemplateName(seed, key);
      const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
      if (exists.rowCount) continue;
      const building = `${name}_building`;
      await admin.query(`drop database if exists "${building}"`);
      await admin.query(`create database "${building}"`);
      const url = new URL(adminUrl);
      url.pathname = `/${building}`;
      const h = await openDatabase({ url: url.toString(), poolSize: 2 });
      await h.migrate();
      if (seed === 'demo') await loadDemoData(h.db);
      else await ensureQuestionnaires(h.db);
      await h.close();
      await admin.query(`alter database "${building}" rename to "${name}"`);
    }
  } finally {
    await admin.end();
  }
}
