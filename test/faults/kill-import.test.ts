import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { like } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencies, importRuns } from '../../src/db/schema/index.js';
import { orgnrCheckDigit } from '../../src/domain/orgnr.js';
import { endInterruptedImports, INTERRUPTED_AFTER_MS } from '../../src/imports/enhetsregisteret/importer.js';
import { projectRoot } from '../../src/paths.js';
import { programArgs } from '../support/commands.js';
import { testEngines } from '../support/engines.js';
import { type OwnDatabase, ownDatabase } from '../support/ownDatabase.js';

const TOTAL = 50_000;
const BATCH = 1000;

function dirSize(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) {
      try {
        total += statSync(join(e.parentPath, e.name)).size;
      } catch {
        // removed while we looked (a temporary file)
      }
    }
  }
  return total;
}

function units(): { orgnr: string; json: string }[] {
  const out: { orgnr: string; json: string }[] = [];
  for (let n = 71_000_000; out.length < TOTAL; n++) {
    const d = orgnrCheckDigit(String(n));
    if (d === undefined) continue;
    const orgnr = `${n}${d}`;
    out.push({
      orgnr,
      json: JSON.stringify({
        organisasjonsnummer: orgnr,
        navn: `KRASJTEST ${out.length} AS`,
        organisasjonsform: { kode: 'AS', beskrivelse: 'Aksjeselskap' },
        forretningsadresse: { land: 'Norge', landkode: 'NO', postnummer: '0150', poststed: 'OSLO', adresse: ['Testveien 1'], kommune: 'OSLO', kommunenummer: '0301' },
        antallAnsatte: out.length % 50,
        institusjonellSektorkode: { kode: '2100', beskrivelse: 'Private aksjeselskaper mv.' },
      }),
    });
  }
  return out;
}

const baseEnv = () => ({ PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test' });

/**
 * PostgreSQL: wait until the importer's connection is inside a transaction that writes agencies, so the kill lands
 * in the middle of a batch. PGlite runs inside the importer's process (nothing to watch from outside): a fixed wait
 * while the input keeps flowing; the invariant checked afterwards holds wherever the kill lands.
 */
async function waitForWriteInProgress(env: NodeJS.ProcessEnv, engine: string): Promise<void> {
  if (engine === 'pglite') {
    // Batches are being written once the data dir has grown by a few MB past what opening and migrating it leaves.
    const start = Date.now();
    let base = -1;
    while (Date.now() - start < 120_000) {
      const size = dirSize(env.DATA_DIR!);
      if (base < 0 && Date.now() - start > 1500) base = size;
      if (base >= 0 && size - base > 4 * 1024 * 1024) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the import never wrote to the data dir');
  }
  const c = new pg.Client({ connectionString: env.DATABASE_URL });
  await c.connect();
  try {
    const database = new URL(env.DATABASE_URL!).pathname.slice(1);
    const start = Date.now();
    while (Date.now() - start < 120_000) {
      const done = await c.query(`select count(*)::int as n from agencies where orgnr like '71%'`);
      if (done.rows[0].n >= BATCH) {
        const r = await c.query(
          `select count(*)::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and backend_xid is not null`,
          [database],
        );
        if (r.rows[0].n > 0) return;
      }
      await new Promise((res) => setTimeout(res, 5));
    }
    throw new Error('the import never got into a write transaction');
  } finally {
    await c.end();
  }
}

describe.each(testEngines())('kill -9 in the middle of an Enhetsregisteret import (%s)', (engine) => {
  let own: OwnDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'ft-kill-'));
  const all = units();
  const file = join(dir, 'enheter.json');

  beforeAll(async () => {
    own = await ownDatabase(engine, 'empty');
    writeFileSync(file, `[${all.map((u) => u.json).join(',')}]`);
  });
  afterAll(async () => {
    await own?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves only whole batches, the database opens again, a second run completes the import, and the killed run is ended as interrupted', async () => {
    const child = spawn(process.execPath, programArgs('src/cli/import-enhetsregisteret.ts', file, '--batch-size', String(BATCH)), {
      cwd: projectRoot,
      env: { ...baseEnv(), ...own.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      await waitForWriteInProgress(own.env, engine);
    } catch (e) {
      child.kill('SIGKILL');
      throw e;
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(stderr).not.toMatch(/Error/);

    const h = await own.open(); // PGlite: the data dir must open after a kill -9
    const written = await h.db.select({ orgnr: agencies.orgnr, name: agencies.name }).from(agencies).where(like(agencies.orgnr, '71%'));
    const runs = await h.db.select().from(importRuns);
    await h.close();
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(TOTAL);
    // Batches are transactions: what is there is whole batches of the file, each row complete. On PostgreSQL the
    // command line writes two batches at once, so a later batch may commit before the one the kill lands in: the
    // batches present are whole, and none lies further ahead than the writers could have reached.
    expect(written.length % BATCH).toBe(0);
    const position = new Map(all.map((u, i) => [u.orgnr, i]));
    expect(written.filter((w) => !position.has(w.orgnr) || !/^krasjtest \d+ as$/i.test(w.name.nb ?? '')).slice(0, 3)).toEqual([]);
    const perBatch = new Map<number, number>();
    for (const w of written) {
      const b = Math.floor(position.get(w.orgnr)! / BATCH);
      perBatch.set(b, (perBatch.get(b) ?? 0) + 1);
    }
    expect([...perBatch.values()].filter((n) => n !== BATCH)).toEqual([]);
    const writers = engine === 'postgres' ? 2 : 1;
    expect(Math.max(...perBatch.keys())).toBeLessThan(perBatch.size + writers - 1);
    expect(runs.map((r) => r.status)).toEqual(['running']); // the killed run never got to record an end

    // Again, with the whole file: idempotent, so it completes what the first run left.
    const again = spawnSync(process.execPath, programArgs('src/cli/import-enhetsregisteret.ts', file, '--batch-size', String(BATCH), '--json'), { cwd: projectRoot, env: { ...baseEnv(), ...own.env }, encoding: 'utf8', timeout: 300_000 });
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    const summary = JSON.parse(again.stdout) as { created: number; unchanged: number };
    expect(summary.created + summary.unchanged).toBe(TOTAL);
    expect(summary.unchanged).toBe(written.length);
    const h2 = await own.open();
    const complete = await h2.db.select({ orgnr: agencies.orgnr }).from(agencies).where(like(agencies.orgnr, '71%'));
    const finished = await h2.db.select({ status: importRuns.status }).from(importRuns);
    // The killed run's heartbeat is recent: the second run left it alone. Once it has been silent for
    // INTERRUPTED_AFTER_MS, the next import or server start ends it as interrupted; the finished run is untouched.
    expect(await endInterruptedImports(h2.db, new Date(Date.now() + INTERRUPTED_AFTER_MS - 60_000))).toBe(0);
    expect(await endInterruptedImports(h2.db, new Date(Date.now() + INTERRUPTED_AFTER_MS + 60_000))).toBe(1);
    const reconciled = await h2.db.select({ status: importRuns.status, message: importRuns.message, finishedAt: importRuns.finishedAt }).from(importRuns);
    await h2.close();
    expect(complete).toHaveLength(TOTAL);
    expect(finished.map((r) => r.status).sort()).toEqual(['running', 'succeeded']);
    expect(reconciled.map((r) => r.status).sort()).toEqual(['failed', 'succeeded']);
    expect(reconciled.find((r) => r.status === 'failed')).toMatchObject({ message: expect.stringMatching(/^Interrupted/), finishedAt: expect.any(Date) });
  }, 300_000);
});
