import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cacheStats } from '../../src/db/cacheStats.js';
import { catalogueVersion } from '../../src/db/readCache.js';
import { publicAssetsDir } from '../../src/paths.js';
import { negotiateEncoding } from '../../src/server/compression.js';
import { schemaCompilations } from '../../src/server/lazySchemas.js';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/server/app.js';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { createAgency } from '../support/factories.js';

const decode = (encoding: string | undefined, body: Buffer) =>
  (encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body).toString('utf8');

describe('Accept-Encoding negotiation', () => {
  it('prefers brotli, falls back to gzip, honours q=0 and *', () => {
    const cases: [string | undefined, string | undefined][] = [
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['gzip;q=0.5, br;q=0.2', 'gzip'],
      ['*', 'br'],
      ['identity', undefined],
      [undefined, undefined],
      ['*, br;q=0, gzip;q=0', undefined],
    ];
    expect(cases.map(([header]) => negotiateEncoding(header))).toEqual(cases.map(([, expected]) => expected));
  });
});

describe.each(testEngines())('compression and cached pages on %s (issue 16)', (engine) => {
  const t = useTestApp(engine);

  it('a public page is sent brotli or gzip by Accept-Encoding, the same page as uncompressed, with the cache headers kept', async () => {
    const plain = await t.app.inject({ url: '/tjenester' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
    ] as const) {
      const res = await t.app.inject({ url: '/tjenester', headers: { 'accept-encoding': accept } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
      expect(decode(encoding, res.rawPayload)).toBe(plain.body);
      expect(res.headers['cache-control']).toBe('public, no-cache');
      expect(res.headers.etag).toBe(plain.headers.etag);
      expect(String(res.headers.vary)).toMatch(/Accept-Encoding/);
      expect(String(res.headers['content-type'])).toMatch(/^text\/html/);
      const revalidated = await t.app.inject({ url: '/tjenester', headers: { 'accept-encoding': accept, 'if-none-match': String(res.headers.etag) } });
      expect(revalidated.statusCode).toBe(304);
      expect(revalidated.rawPayload.length).toBe(0);
    }
  });

  it('a cached page is rendered and compressed once per data version: hits send the stored bytes', async () => {
    const url = '/en/tjenester?q=l%C3%B8nn';
    const stored = t.app.pageCacheSize().entries;
    const first = await t.app.inject({ url, headers: { 'accept-encoding': 'br' } });
    expect(first.statusCode).toBe(200);
    // A search page is stored the second time it is asked for (most searches are asked for once).
    expect(t.app.pageCacheSize().entries).toBe(stored);
    const second = await t.app.inject({ url, headers: { 'accept-encoding': 'br' } });
    expect(Buffer.compare(second.rawPayload, first.rawPayload)).toBe(0);
    expect(t.app.pageCacheSize().entries).toBe(stored + 1);
    const before = { ...cacheStats };
    const hits = await Promise.all(Array.from({ length: 5 }, () => t.app.inject({ url, headers: { 'accept-encoding': 'br' } })));
    for (const hit of hits) expect(Buffer.compare(hit.rawPayload, first.rawPayload)).toBe(0);
    expect(cacheStats.pageHits - before.pageHits).toBe(5);
    expect(cacheStats.pageMisses - before.pageMisses).toBe(0);
    // Another language is another page, stored once too.
    const nb = await t.app.inject({ url: '/tjenester?q=l%C3%B8nn', headers: { 'accept-encoding': 'br' } });
    expect(decode('br', nb.rawPayload)).toContain('lang="nb"');
    expect(decode('br', first.rawPayload)).toContain('lang="en"');
    // A change to the data makes a new version: rendered (and compressed) again, with a new ETag.
    const version = await catalogueVersion(t.database.db);
    await createAgency(t.database.db, { name: { nb: 'Direktoratet for komprimering' } });
    for (let i = 0; i < 100 && (await catalogueVersion(t.database.db)) === version; i++) await new Promise((r) => setTimeout(r, 20));
    const missesBefore = cacheStats.pageMisses;
    const fresh = await t.app.inject({ url, headers: { 'accept-encoding': 'br' } });
    expect(cacheStats.pageMisses - missesBefore).toBe(1);
    expect(fresh.headers.etag).not.toBe(first.headers.etag);
  });

  it('JSON from the API is compressed; small responses and problems under 1 KB are not', async () => {
    const plain = await t.app.inject({ url: '/api/v1/services' });
    const res = await t.app.inject({ url: '/api/v1/services', headers: { 'accept-encoding': 'gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(decode('gzip', res.rawPayload))).toEqual(plain.json());
    expect(String(res.headers.vary)).toMatch(/Accept-Encoding/);
    const small = await t.app.inject({ url: '/api/v1/nothing-here', headers: { 'accept-encoding': 'br' } });
    expect(small.statusCode).toBe(404);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json().status).toBe(404);
  });

  it('pages reference fingerprinted assets, served precompressed and cached as immutable', async () => {
    const html = (await t.app.inject({ url: '/' })).body;
    const assets = [...html.matchAll(/\/assets\/([\w.-]+\.(?:css|svg))/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const name of assets) {
      expect(name, 'a content hash in the name').toMatch(/\.[0-9a-f]{10}\.(css|svg)$/);
      const plain = await t.app.inject({ url: `/assets/${name}` });
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      if (plain.rawPayload.length < 1024) continue;
      const br = await t.app.inject({ url: `/assets/${name}`, headers: { 'accept-encoding': 'gzip, br' } });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(decode('br', br.rawPayload)).toBe(plain.body);
      expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    }
    // The fonts the font CSS names carry a hash too (they are immutable like the rest).
    const manifest = JSON.parse(readFileSync(join(publicAssetsDir, 'manifest.json'), 'utf8')) as Record<string, string>;
    const fontCss = readFileSync(join(publicAssetsDir, manifest['fonts.css']!), 'utf8');
    const fonts = [...fontCss.matchAll(/\/assets\/fonts\/([\w.-]+\.woff2)/g)].map((m) => m[1]!);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f).toMatch(/\.[0-9a-f]{10}\.woff2$/);
      expect(existsSync(join(publicAssetsDir, 'fonts', f))).toBe(true);
    }
  });

  it('route schemas compile on first use, not at start, and validate as before', async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://portal.test' });
    const atStart = { ...schemaCompilations };
    const second = await buildApp({ config, database: t.database });
    await second.ready();
    expect(schemaCompilations).toEqual(atStart);
    await second.close();
    const before = { ...schemaCompilations };
    const bad = await t.app.inject({ url: '/api/v1/services?limit=abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toMatch(/limit/);
    const good = await t.app.inject({ url: '/api/v1/services?limit=1' });
    expect(good.json().items).toHaveLength(1);
    // The route's validators were compiled at most once, on this first use, and not again.
    const after = { ...schemaCompilations };
    await t.app.inject({ url: '/api/v1/services?limit=2' });
    expect(schemaCompilations.validators).toBe(after.validators);
    expect(after.validators + after.serializers).toBeGreaterThanOrEqual(before.validators + before.serializers);
  });
});
