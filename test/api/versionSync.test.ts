import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase, queryRows } from '../../src/db/database.js';
import { dataVersion } from '../../src/db/readCache.js';
import { areas } from '../../src/db/schema/index.js';
import { fedVersion } from '../../src/db/versionFeed.js';
import { registerVersionSync } from '../../src/server/versionSync.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { testEngines } from '../support/engines.js';

/**
 * Issue 16: before answering an unsafe request, the process that handled it reads the data versions only when the
 * request wrote outside a transaction (src/db/writeTracking.ts); a transaction's commit has read them already
 * (src/db/pgTransaction.ts). Real PostgreSQL, the feed's notifications held back, so only the process's own reads
 * can move its versions.
 */
describe.runIf(testEngines().includes('postgres'))('the version read before an unsafe request is answered', () => {
  let other: TestDatabase;
  let handle: DatabaseHandle;
  let app: FastifyInstance;
  let syncs = 0;
  let n = 0;
  let base = '';
  const area = () => ({ slug: `synk-${++n}`, name: { nb: 'Synk' }, description: { nb: 'Skrevet i en test' } });

  beforeAll(async () => {
    other = await createTestDatabase('postgres', 'empty');
    const [{ name }] = (await queryRows<{ name: string }>(other.db, sql`select current_database() as name`)) as [{ name: string }];
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    handle = await openDatabase({ url: url.toString(), poolSize: 2, versionFeed: true });
    const sync = handle.syncVersions!;
    const { db } = handle;
    app = Fastify({ bodyLimit: 1 << 20 });
    registerVersionSync(app, {
      ...handle,
      syncVersions: async () => {
        syncs++;
        await sync();
      },
    });
    // A hook after the tracking one that writes (as a session's touch would): it counts too.
    app.addHook('onRequest', async (req) => {
      if (req.headers['x-write-in-hook']) await db.insert(areas).values(area());
    });
    app.post('/outside', async () => {
      await db.insert(areas).values(area());
      return { ok: true };
    });
    app.post('/inside', async () => {
      await db.transaction(async (tx) => {
        await tx.insert(areas).values(area());
        await tx.execute(sql`select 1`);
      });
      await db.select().from(areas).limit(1);
      return { ok: true };
    });
    app.post('/read', async () => ({ n: (await db.select({ slug: areas.slug }).from(areas)).length }));
    app.get('/outside', async () => {
      await db.insert(areas).values(area());
      return { ok: true };
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app?.close();
    await handle?.close();
    await other?.close();
  });
  beforeEach(() => {
    syncs = 0;
  });

  // Over a real socket, a body of 200 KB: it arrives in several of the socket's callbacks, as it does in production,
  // and the handler must still run in the request's async context.
  const post = async (url: string, headers: Record<string, string> = {}) => {
    const res = await fetch(base + url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ some: 'body'.repeat(50_000) }) });
    await res.arrayBuffer();
    return { statusCode: res.status };
  };

  it('reads them after a statement that wrote outside a transaction, a JSON body read in between', async () => {
    const release = handle.versionFeed!()!.holdNotifications();
    try {
      const res = await post('/outside');
      expect(res.statusCode).toBe(200);
      expect(syncs).toBe(1);
      expect(fedVersion(handle.db, 'catalogue')).toBe(await dataVersion(other.db, 'catalogue'));
    } finally {
      release();
    }
  });

  it('reads them when an earlier hook wrote', async () => {
    expect((await post('/read', { 'x-write-in-hook': '1' })).statusCode).toBe(200);
    expect(syncs).toBe(1);
  });

  it('does not read them again when every write was in a transaction, whose commit read them', async () => {
    const release = handle.versionFeed!()!.holdNotifications();
    try {
      expect((await post('/inside')).statusCode).toBe(200);
      expect(syncs).toBe(0);
      expect(fedVersion(handle.db, 'catalogue')).toBe(await dataVersion(other.db, 'catalogue'));
    } finally {
      release();
    }
  });

  it('does not read them for an unsafe request that only read, nor for a GET', async () => {
    expect((await post('/read')).statusCode).toBe(200);
    expect((await fetch(`${base}/outside`)).status).toBe(200);
    expect(syncs).toBe(0);
  });

  it('keeps each request\'s writes its own when requests overlap', async () => {
    const results = await Promise.all([post('/read'), post('/outside'), post('/read'), post('/inside'), post('/read')]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(syncs).toBe(1);
  });
});
