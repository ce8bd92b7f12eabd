import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { loadDemoData } from '../../src/db/seed/demo.js';
import { ensureQuestionnaires } from '../../src/db/seed/questionnaires.js';
import { projectRoot } from '../../src/paths.js';

export type Seed = 'empty' | 'demo';

let memoKey: string | undefined;

/** A hash of everything a template depends on: migrations, seed code and demo data (computed once per process). */
export function templateKey(): string {
  memoKey ??= computeTemplateKey();
  return memoKey;
}

function computeTemplateKey(): string {
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

/**
 * Where this run's PGlite data dirs live: in memory (/dev/shm) where the machine has it, so copying a template and
 * PostgreSQL's writes cost no disk. One folder per run (the runner's pid in its name), removed at its end; a folder
 * left by a killed run is removed by the next one.
 */
const scratchRoot = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const RUN_PREFIX = 'ft-test-run-';

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Builds the PGlite templates (migrated; empty and with the demo data): a tarball cached in .tmp by content hash
 * (survives reboots), unpacked once per run into a data dir every test database copies. Returns the run's folder.
 */
export async function ensurePgliteTemplates(): Promise<string> {
  const key = templateKey();
  mkdirSync(cacheDir, { recursive: true });
  for (const name of readdirSync(scratchRoot)) {
    const pid = name.startsWith(RUN_PREFIX) ? Number(name.slice(RUN_PREFIX.length).split('-')[0]) : NaN;
    if (pid && !pidAlive(pid)) rmSync(join(scratchRoot, name), { recursive: true, force: true });
  }
  const runDir = mkdtempSync(join(scratchRoot, `${RUN_PREFIX}${process.pid}-`));
  for (const seed of ['empty', 'demo'] as const) {
    const file = pgliteTemplatePath(seed, key);
    if (!existsSync(file)) {
      const h = await openDatabase({});
      await h.migrate();
      if (seed === 'demo') await loadDemoData(h.db);
      else await ensureQuestionnaires(h.db);
      const blob = await h.dumpDataDir!();
      writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
      await h.close();
    }
    const h = await openDatabase({ dataDir: join(runDir, `template-${seed}`), loadDataDir: new Blob([readFileSync(file)]) });
    await h.close();
  }
  return runDir;
}

export function removePgliteRunDir(runDir: string): void {
  rmSync(runDir, { recursive: true, force: true });
}

/**
 * A new PGlite data dir, a copy of the run's template (a file copy in memory, ~0.2 s of CPU, where unpacking the
 * template's tarball with loadDataDir costs 2–3 s). The caller removes it.
 */
export function clonePgliteDataDir(seed: Seed): string {
  const runDir = inject('pgliteRunDir');
  if (!runDir) throw new Error('no PGlite templates: test/support/globalSetup.ts makes them (run through vitest with its config)');
  const dir = mkdtempSync(join(runDir, 'db-'));
  cpSync(join(runDir, `template-${seed}`), dir, { recursive: true });
  return dir;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's folder of PGlite template data dirs and test databases. */
    pgliteRunDir: string;
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
