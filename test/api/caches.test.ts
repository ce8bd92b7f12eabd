import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheStats } from '../../src/db/cacheStats.js';
import { catalogueVersion } from '../../src/db/readCache.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { createAgency } from '../support/factories.js';

/** No cheap way to burn CPU or memory through the caches (issue 14, item 2). */
describe.each(testEngines())('caches under junk requests on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { env: { PAGE_CACHE_MB: '1' } });
  });
  afterAll(async () => t?.close());

  it('junk query parameters neither render a page again nor add entries', async () => {
    expect((await t.app.inject({ url: '/tjenester' })).statusCode).toBe(200);
    const canonical = await t.app.inject({ url: '/tjenester' });
    const before = { ...cacheStats, ...t.app.pageCacheSize() };
    for (let i = 0; i < 200; i++) {
      const res = await t.app.inject({ url: `/tjenester?x=${i}&utm_source=${i}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers.etag).toBe(canonical.headers.etag);
      // The page served is the canonical one: no junk echoed into its links.
      expect(res.body).not.toContain(`x=${i}`);
    }
    expect(cacheStats.pageMisses - before.pageMisses).toBe(0);
    expect(cacheStats.pageHits - before.pageHits).toBe(200);
    expect(t.app.pageCacheSize().entries).toBe(before.entries);
    // The same for a page that declares no query at all.
    await t.app.inject({ url: '/' });
    const home = t.app.pageCacheSize().entries;
    for (let i = 0; i < 50; i++) expect((await t.app.inject({ url: `/?junk${i}=${i}` })).statusCode).toBe(200);
    expect(t.app.pageCacheSize().entries).toBe(home);
  });

  it('distinct searches are bounded by bytes, not by how many an attacker sends', async () => {
    for (let i = 0; i < 300; i++) expect((await t.app.inject({ url: `/tjenester?q=s%C3%B8k${i}` })).statusCode).toBe(200);
    const size = t.app.pageCacheSize();
    expect(size.bytes).toBeLessThanOrEqual(1024 * 1024);
    expect(size.entries).toBeLessThan(300);
  });

  it('the catalogue export is built once per catalogue version', async () => {
    const db = t.database.db;
    for (const url of ['/api/v1/catalog.jsonld', '/api/v1/catalog.ttl']) {
      const first = await t.app.inject({ url });
      expect(first.statusCode).toBe(200);
      const before = { ...cacheStats };
      for (let i = 0; i < 5; i++) expect((await t.app.inject({ url })).body).toBe(first.body);
      expect(cacheStats.readMisses - before.readMisses, url).toBe(0);
      expect(cacheStats.readHits - before.readHits, url).toBe(5);
    }
    const version = await catalogueVersion(db);
    const agency = await createAgency(db, { name: { nb: 'Direktoratet for eksportprøver' } });
    for (let i = 0; i < 100 && (await catalogueVersion(db)) === version; i++) await new Promise((r) => setTimeout(r, 20));
    const before = { ...cacheStats };
    const rebuilt = await t.app.inject({ url: '/api/v1/catalog.jsonld' });
    expect(rebuilt.statusCode).toBe(200);
    expect(cacheStats.readMisses - before.readMisses).toBe(1);
    expect(agency.orgnr).toMatch(/^\d{9}$/);
  });
});
