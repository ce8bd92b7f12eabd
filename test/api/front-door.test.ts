import { brotliDecompressSync } from 'node:zlib';
import { request } from 'node:http';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type DatabaseHandle, openDatabase, queryRows } from '../../src/db/database.js';
import { buildApp } from '../../src/server/app.js';
import type { App } from '../../src/server/types.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { testEngines } from '../support/engines.js';

/**
 * Issue 16: a stored public page is answered by the front door (src/server/pageCache.ts) before Fastify sees the
 * request, once Fastify has answered it: the same bytes and headers, a new request id, counted in the metrics. Any
 * change of data, a cookie, a conditional or RDF request, an undeclared parameter, or an encoding not made yet goes
 * through Fastify. On PostgreSQL the door needs the LISTEN/NOTIFY version feed (as `npm start` and every worker run).
 */
describe.each(testEngines())('the front door for stored pages on %s', (engine) => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let app: App;
  let base = '';
  let slug = '';

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'demo');
    handle = database;
    if (engine === 'postgres') {
      const [{ name }] = (await queryRows<{ name: string }>(database.db, sql`select current_database() as name`)) as [{ name: string }];
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${name}`;
      handle = await openDatabase({ url: url.toString(), poolSize: 4, versionFeed: true });
    }
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://portal.test' });
    app = await buildApp({ config, database: handle });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    [{ slug }] = (await queryRows<{ slug: string }>(database.db, sql`select slug from services where retired_at is null order by slug limit 1`)) as [{ slug: string }];
  });
  afterAll(async () => {
    await app?.close();
    if (handle !== database) await handle?.close();
    await database?.close();
  });

  interface Answer {
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
    viaFastify: boolean;
  }
  /** One request with node:http (the raw bytes, no decompression), and whether Fastify handled it. */
  async function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
    const before = app.frontDoorAnswers();
    const res = await new Promise<{ status: number; headers: Answer['headers']; body: Buffer }>((resolve, reject) => {
      request(base + path, { headers }, (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => resolve({ status: r.statusCode!, headers: r.headers, body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });
    return { ...res, viaFastify: app.frontDoorAnswers() === before };
  }
  const pageHeaders = (a: Answer) => Object.fromEntries(Object.entries(a.headers).filter(([k]) => !['x-request-id', 'date', 'connection', 'keep-alive'].includes(k)));

  it('answers a page Fastify answered before with the same bytes and headers and a new request id', async () => {
    const first = await get(`/tjenester/${slug}`);
    expect(first.status).toBe(200);
    expect(first.viaFastify).toBe(true);
    const second = await get(`/tjenester/${slug}`);
    expect(second.viaFastify).toBe(false);
    expect(second.status).toBe(200);
    expect(second.body.equals(first.body)).toBe(true);
    expect(pageHeaders(second)).toEqual(pageHeaders(first));
    expect(String(second.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(second.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
    // A well-formed incoming id is kept, as Fastify keeps it.
    expect((await get(`/tjenester/${slug}`, { 'x-request-id': 'trace-1234567' })).headers['x-request-id']).toBe('trace-1234567');
    // The catalogue list and a language's page too, each after its first answer.
    for (const path of ['/tjenester', '/en/tjenester']) {
      expect((await get(path)).viaFastify, path).toBe(true);
      const again = await get(path);
      expect(again.viaFastify, path).toBe(false);
      expect(again.status).toBe(200);
    }
    // A search page is stored only when asked for again (most are asked for once): the door answers the third.
    const search = '/nn/tjenester?q=l%C3%B8nn';
    expect((await get(search)).viaFastify).toBe(true);
    expect((await get(search)).viaFastify).toBe(true);
    const third = await get(search);
    expect(third.viaFastify).toBe(false);
    expect(third.status).toBe(200);
  });

  it('sends an encoding from the door once Fastify has made it, with the right Content-Encoding', async () => {
    const path = '/tjenester?sort=name';
    const plain = await get(path);
    const first = await get(path, { 'accept-encoding': 'br' });
    expect(first.viaFastify).toBe(true);
    const second = await get(path, { 'accept-encoding': 'gzip, br' });
    expect(second.viaFastify).toBe(false);
    expect(second.headers['content-encoding']).toBe('br');
    expect(Number(second.headers['content-length'])).toBe(second.body.length);
    expect(brotliDecompressSync(second.body).equals(plain.body)).toBe(true);
    // gzip was never asked for: Fastify compresses it the first time.
    expect((await get(path, { 'accept-encoding': 'gzip' })).viaFastify).toBe(true);
    expect((await get(path, { 'accept-encoding': 'gzip' })).viaFastify).toBe(false);
  });

  it('leaves to Fastify a signed-in, conditional, RDF or non-canonical request', async () => {
    const path = `/tjenester/${slug}`;
    const stored = await get(path);
    expect(stored.viaFastify).toBe(false);
    expect((await get(path, { cookie: 'x=1' })).viaFastify).toBe(true);
    const conditional = await get(path, { 'if-none-match': String(stored.headers.etag) });
    expect(conditional).toMatchObject({ viaFastify: true, status: 304 });
    const rdf = await get(path, { accept: 'text/turtle' });
    expect(rdf).toMatchObject({ viaFastify: true, status: 303 });
    expect((await get(`${path}?utm_source=news`)).viaFastify).toBe(true);
    expect((await get(path, { 'accept-encoding': 'identity' })).viaFastify).toBe(false);
  });

  it('goes to Fastify after a change to the catalogue, and shows the change', async () => {
    const path = `/tjenester/${slug}`;
    await get(path);
    expect((await get(path)).viaFastify).toBe(false);
    await queryRows(database.db, sql`update services set name = jsonb_set(name, '{nb}', to_jsonb('Endret i dag'::text)) where slug = ${slug}`);
    // On PostgreSQL the notification reaches the app's feed shortly after the commit.
    let changed: Answer | undefined;
    for (let i = 0; i < 50; i++) {
      changed = await get(path);
      if (changed.body.includes('Endret i dag')) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(changed!.body.toString('utf8')).toContain('Endret i dag');
    expect(changed!.viaFastify).toBe(true);
    expect((await get(path)).viaFastify).toBe(false);
  });

  it('counts its answers in the metrics by route, as Fastify does', async () => {
    const count = async () => {
      const text = (await get('/metrics')).body.toString('utf8');
      const line = text.split('\n').find((l) => l.startsWith('http_requests_total{') && l.includes('route="/tjenester/:slug"') && l.includes('status="200"'));
      return Number(line?.split(' ').at(-1) ?? 0);
    };
    const before = await count();
    for (let i = 0; i < 5; i++) expect((await get(`/tjenester/${slug}`)).status).toBe(200);
    expect((await count()) - before).toBe(5);
  });
});
