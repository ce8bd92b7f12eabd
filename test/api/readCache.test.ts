import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { cachedRead, catalogueVersion } from '../../src/db/readCache.js';
import { services, subscriptions } from '../../src/db/schema/index.js';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { createAgency } from '../support/factories.js';
import { expectCacheablePage } from '../support/expectations.js';

/** Cached read models must never show stale data after a change, whichever connection made it. */
describe.each(testEngines())('read cache on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });
  const get = async (url: string) => (await t.app.inject({ method: 'GET', url })).json();

  it('runs a lazy read (a thenable such as a query builder) once, however often it is hit', async () => {
    let runs = 0;
    // As drizzle's query builders: each `then` (and `catch`, which goes through it) runs the query again.
    const lazy = {
      then<T>(ok?: (v: number) => T, fail?: (e: unknown) => T) {
        runs += 1;
        return Promise.resolve(42).then(ok, fail);
      },
      catch<T>(fail: (e: unknown) => T) {
        return this.then(undefined, fail);
      },
    };
    const read = () => cachedRead(t.database.db, 'a lazy read', () => lazy as unknown as Promise<number>);
    expect([await read(), await read(), await read()]).toEqual([42, 42, 42]);
    expect(runs).toBe(1);
  });

  it('bumps the catalogue version on writes to the catalogue and the usage register', async () => {
    const v0 = await catalogueVersion(t.database.db);
    await t.database.db.update(services).set({ keywords: 'x' }).where(eq(services.slug, 'nksb-sikring-av-bygg'));
    const v1 = await catalogueVersion(t.database.db);
    expect(v1).toBeGreaterThan(v0);
    const a = await createAgency(t.database.db);
    expect(await catalogueVersion(t.database.db)).toBeGreaterThan(v1);
    void a;
  });

  it('shows a renamed service at once in search, detail and home page', async () => {
    const before = await get('/api/v1/services/ssie-sentralbord-og-kundesenter');
    expect(before.name).not.toBe('Sentralbord fra Engerdal');
    await get('/api/v1/services?q=sentralbord'); // warm the cache
    await t.database.db
      .update(services)
      .set({ name: { nb: 'Sentralbord fra Engerdal' } })
      .where(eq(services.slug, 'ssie-sentralbord-og-kundesenter'));
    expect((await get('/api/v1/services/ssie-sentralbord-og-kundesenter')).name).toBe('Sentralbord fra Engerdal');
    const found = await get('/api/v1/services?q=Engerdal');
    expect(found.items.map((i: { name: string }) => i.name)).toContain('Sentralbord fra Engerdal');
  });

  it('counts a new subscription at once', async () => {
    const before = (await get('/api/v1/services/nksb-sikring-av-bygg')).users.registered;
    const [svc] = await t.database.db.select({ id: services.id }).from(services).where(eq(services.slug, 'nksb-sikring-av-bygg'));
    const a = await createAgency(t.database.db);
    await t.database.db.insert(subscriptions).values({ agencyOrgnr: a.orgnr, serviceId: svc!.id, startedOn: '2020-01-01' });
    expect((await get('/api/v1/services/nksb-sikring-av-bygg')).users.registered).toBe(before + 1);
  });
});

describe.each(testEngines())('public page cache on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });

  it('gives catalogue pages an ETag and Cache-Control, answers If-None-Match with 304', async () => {
    const first = await t.app.inject({ url: '/tjenester/dfo-lonn' });
    const etag = expectCacheablePage(first);
    const again = await t.app.inject({ url: '/tjenester/dfo-lonn', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('serves a changed page after a write, with a new ETag', async () => {
    const first = await t.app.inject({ url: '/tjenester/nksb-sikring-av-bygg' });
    await t.database.db.update(services).set({ name: { nb: 'Sikring av bygg (NKSB)' } }).where(eq(services.slug, 'nksb-sikring-av-bygg'));
    const second = await t.app.inject({ url: '/tjenester/nksb-sikring-av-bygg', headers: { 'if-none-match': first.headers.etag as string } });
    expect(second.statusCode).toBe(200);
    expect(second.headers.etag).not.toBe(first.headers.etag);
    expect(second.body).toContain('Sikring av bygg (NKSB)');
  });

  it('never caches or marks public a request that carries cookies', async () => {
    const res = await t.app.inject({ url: '/tjenester', headers: { cookie: 'x=1' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBeUndefined();
    expect(res.headers['cache-control']).toBeUndefined();
  });

  it('does not cache error pages', async () => {
    expect((await t.app.inject({ url: '/tjenester/finnes-ikke' })).statusCode).toBe(404);
    const again = await t.app.inject({ url: '/tjenester/finnes-ikke' });
    expect(again.statusCode).toBe(404);
    expect(String(again.headers['cache-control'] ?? '')).not.toMatch(/public/);
    expect(again.headers.etag).toBeUndefined();
  });
});

describe('public page cache and content negotiation', () => {
  const t = useTestApp('pglite', { seed: 'demo' });

  it('sends an RDF client to the RDF even when the HTML page is cached', async () => {
    expect((await t.app.inject({ url: '/tjenester/dfo-lonn' })).statusCode).toBe(200); // now cached
    const rdf = await t.app.inject({ url: '/tjenester/dfo-lonn', headers: { accept: 'text/turtle' } });
    expect(rdf.statusCode).toBe(303);
    expect(rdf.headers.location).toMatch(/dfo-lonn\.ttl$/);
  });
});
