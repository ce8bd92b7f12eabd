import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { agencies, procurements } from '../../src/db/schema/index.js';
import { buildApp } from '../../src/server/app.js';
import type { App } from '../../src/server/types.js';
import { testEngines } from '../support/engines.js';
import { signedIn, type TestSession } from '../support/sessions.js';
import { pgliteTemplatePath } from '../support/templates.js';

/**
 * The embedded database on a full disk: a 120 MB tmpfs holds the PGlite data dir, a filler file takes the rest.
 * Needs root (mount), as CI runs; PostgreSQL's own disk is the server's business (same SQLSTATE 53100 → the same 503).
 */
describe.each(testEngines().filter((e) => e === 'pglite'))('a full disk under the embedded database (%s)', () => {
  const mnt = mkdtempSync(join(tmpdir(), 'ft-diskfull-'));
  const filler = join(mnt, 'filler');
  let database: DatabaseHandle;
  let app: App;
  let writer: TestSession;
  let travel: string;

  const fill = () => {
    try {
      execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=1M'], { stdio: 'ignore' });
    } catch {
      // dd stops with "No space left on device": that is the point
    }
    expect(statfsSync(mnt).bavail).toBe(0);
  };

  beforeAll(async () => {
    if (process.getuid?.() !== 0) throw new Error('this test mounts a small tmpfs and needs root (CI runs as root)');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=120m', 'tmpfs', mnt]);
    database = await openDatabase({ dataDir: join(mnt, 'db'), loadDataDir: new Blob([readFileSync(pgliteTemplatePath('demo'))]) });
    const [p] = await database.db.select({ id: procurements.id }).from(procurements).where(eq(procurements.status, 'consultation'));
    travel = p!.id;
    writer = await signedIn(database.db, [{ role: 'admin' }]);
    app = await buildApp({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://portal.test' }), database });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    try {
      execFileSync('umount', ['-l', mnt]);
    } finally {
      rmSync(mnt, { recursive: true, force: true });
    }
  });

  it('a write gets 503 with Retry-After and a plain message, reads keep working, and writes work again once there is room', async () => {
    const orgnrs = (await database.db.select({ orgnr: agencies.orgnr }).from(agencies).where(and(eq(agencies.kind, 'agency'), isNull(agencies.deletedOn))).limit(40)).map((a) => a.orgnr);
    fill();
    // The first writes may still fit in pages and WAL already allocated; once the database must grow, it cannot.
    let refused: Awaited<ReturnType<App['inject']>> | undefined;
    for (let i = 0; i < orgnrs.length && !refused; i++) {
      const res = await app.inject({
        method: 'PUT',
        url: `/api/v1/procurements/${travel}/declarations/${orgnrs[i]}`,
        headers: { ...writer.headers, 'content-type': 'application/json' },
        payload: { answers: { reason: 'cost' } },
      });
      if (res.statusCode >= 500) refused = res;
      else expect(res.statusCode, res.body).toBeLessThan(300);
    }
    expect(refused, 'no write was refused on a full disk').toBeDefined();
    expect(refused!.statusCode).toBe(503);
    expect(refused!.headers['retry-after']).toBe('120');
    expect(refused!.json()).toMatchObject({ status: 503, detail: expect.stringMatching(/Databasen har ikke plass til flere data/) });
    expect(refused!.body).not.toMatch(/No space left|base\/\d+/);

    // Reading needs no room.
    expect((await app.inject({ url: '/api/v1/services' })).statusCode).toBe(200);

    rmSync(filler);
    const after = await app.inject({
      method: 'PUT',
      url: `/api/v1/procurements/${travel}/declarations/${orgnrs.at(-1)}`,
      headers: { ...writer.headers, 'content-type': 'application/json' },
      payload: { answers: { reason: 'cost' } },
    });
    expect(after.statusCode, after.body).toBeLessThan(300);
  });
});
