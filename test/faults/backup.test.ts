import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintTables, type TableFingerprint } from '../../src/ops/backup.js';
import { projectRoot } from '../../src/paths.js';
import { programArgs } from '../support/commands.js';
import { testEngines } from '../support/engines.js';
import { type OwnDatabase, ownDatabase } from '../support/ownDatabase.js';
import { signedIn } from '../support/sessions.js';

const CHILD_TIMEOUT = 120_000;

/** `npm run backup|restore -- <file>` as an operator runs it: a child process configured by the environment. */
function cli(mode: 'backup' | 'restore', file: string, env: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, programArgs('src/cli/backup.ts', mode, file), {
    cwd: projectRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', ...env },
    encoding: 'utf8',
    timeout: CHILD_TIMEOUT,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe.each(testEngines())('backup and restore on %s', (engine) => {
  let t: OwnDatabase;
  let before: TableFingerprint[];
  const dir = mkdtempSync(join(tmpdir(), 'ft-backup-files-'));
  const file = join(dir, engine === 'pglite' ? 'fellestjenester.tar.gz' : 'fellestjenester.dump');

  beforeAll(async () => {
    t = await ownDatabase(engine, 'demo');
    const h = await t.open();
    // Something written after the seed: a user, a role and a session, so the backup is more than the template.
    await signedIn(h.db, [{ role: 'admin' }], { name: 'Kari Backup', email: 'kari.backup@example.no' });
    before = await fingerprintTables(h.db);
    await h.close();
  });
  afterAll(async () => {
    await t?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  // Each child may take up to CHILD_TIMEOUT (a PGlite child loads the engine and the whole database: a minute on a
  // loaded 2-core machine); the tests get that time per child they start, not vitest's default minute in all.
  it('backup → wipe → restore gives back every table, row for row', { timeout: 2 * CHILD_TIMEOUT + 30_000 }, async () => {
    expect(before.length).toBeGreaterThan(20);
    expect(before.find((f) => f.table === 'public.agencies')!.rows).toBeGreaterThan(100);
    expect(before.find((f) => f.table === 'public.users')!.rows).toBeGreaterThan(0);
    expect(before.find((f) => f.table === 'drizzle.__drizzle_migrations')!.rows).toBeGreaterThan(0);

    const b = cli('backup', file, t.env);
    expect(b.err).toBe('');
    expect(b.code).toBe(0);
    expect(b.out).toMatch(/Backup written to/);
    expect(statSync(file).size).toBeGreaterThan(10_000);

    await t.wipe();
    const wiped = await t.open();
    expect((await fingerprintTables(wiped.db)).filter((f) => f.table !== 'drizzle.__drizzle_migrations' && f.rows > 0)).toEqual([]);
    await wiped.close();

    const r = cli('restore', file, t.env);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/public\.agencies\s+\d+ rows/);

    const h = await t.open();
    const after = await fingerprintTables(h.db);
    await h.close();
    expect(after).toEqual(before);
  });

  it('a damaged backup file is refused and leaves the database as it was', { timeout: CHILD_TIMEOUT + 30_000 }, async () => {
    const bad = join(dir, 'damaged');
    writeFileSync(bad, readFileSync(file).subarray(0, 2000));
    const r = cli('restore', bad, t.env);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Restore failed/);
    const h = await t.open();
    const now = await fingerprintTables(h.db);
    await h.close();
    expect(now).toEqual(before);
  });

  it('a missing file and a missing argument are usage errors, not stack traces', { timeout: CHILD_TIMEOUT + 30_000 }, () => {
    const missing = cli('restore', join(dir, 'nope'), t.env);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/No such file/);
    expect(missing.err).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'nope'))).toBe(false);
  });
});
