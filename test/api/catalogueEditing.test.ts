import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { caller, demoSessions, type Who } from '../support/sessions.js';
import { validateCpsv, violations } from '../support/shacl.js';

/**
 * Editing the catalogue through the API (issue 12): a stale edit is refused (412) with nothing saved, bad input
 * is a 400 naming each field in the asked language, a published change shows on the next request in search, the
 * service's JSON and page, the history and catalog.ttl (dct:modified) — still valid CPSV-AP-NO — a renamed slug
 * answers 301, and a retired service keeps its page (marked) but leaves default search until reinstated.
 */
describe.each(testEngines())('catalogue editing on %s', (engine) => {
  let t: TestApp;
  let headers: Record<Who, Record<string, string>>;
  const call = caller(() => t, () => headers);
  let doc: Record<string, unknown>;
  const put = (who: Who, slug: string, body: unknown, ifMatch?: string, lang = 'nb') =>
    t.app.inject({ method: 'PUT', url: `/api/v1/services/${slug}/draft?lang=${lang}`, headers: { ...headers[who], 'content-type': 'application/json', ...(ifMatch ? { 'if-match': ifMatch } : {}) }, payload: JSON.stringify(body) });

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: 'demo' });
    headers = await demoSessions(t.database.db);
    doc = (await call('anonymous', 'GET', '/api/v1/services/dfo-regnskap/versions/1')).json().document;
  });
  afterAll(async () => t?.close());

  it('refuses unknown fields and bad values with 400 problem+json naming each field, in nb/nn/en', async () => {
    const bad = { ...doc, colour: 'blå', status: 'sleeping', serviceLevels: { uptimePercent: 120, supportHours: null, responseTime: null } };
    const nb = await put('dag', 'dfo-regnskap', bad);
    expect(nb.statusCode).toBe(400);
    expect(nb.headers['content-type']).toContain('application/problem+json');
    const fields = (nb.json().errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['colour', 'serviceLevels.uptimePercent', 'status']);
    const en = await put('dag', 'dfo-regnskap', bad, undefined, 'en');
    const nn = await put('dag', 'dfo-regnskap', bad, undefined, 'nn');
    const msg = (r: typeof en) => (r.json().errors as { field: string; message: string }[]).find((e) => e.field === 'colour')!.message;
    expect(new Set([msg(nb), msg(nn), msg(en)]).size).toBe(3);
    expect((await call('dag', 'GET', '/api/v1/services/dfo-regnskap/draft')).statusCode).toBe(404);
  });

  it('a stale If-Match gets 412 and nothing is saved', async () => {
    const first = await put('dag', 'dfo-regnskap', { ...doc, keywords: 'første' });
    expect(first.statusCode).toBe(201);
    const etag = first.headers.etag as string;
    const second = await put('anne', 'dfo-regnskap', { ...doc, keywords: 'andre' }, etag);
    expect(second.statusCode).toBe(200);
    const stale = await put('dag', 'dfo-regnskap', { ...doc, keywords: 'tredje' }, etag);
    expect(stale.statusCode).toBe(412);
    expect((await put('dag', 'dfo-regnskap', { ...doc, keywords: 'uten' })).statusCode).toBe(428);
    const now = await call('dag', 'GET', '/api/v1/services/dfo-regnskap/draft');
    expect(now.json().document.keywords).toBe('andre');
    expect(now.headers.etag).toBe(second.headers.etag);
    expect((await call('dag', 'DELETE', '/api/v1/services/dfo-regnskap/draft')).statusCode).toBe(204);
  });

  it('a publish shows on the next request: search, JSON, page, history and catalog.ttl (still 0 SHACL violations)', async () => {
    const ttlBefore = (await t.app.inject('/api/v1/catalog.ttl')).body;
    const pageBefore = await t.app.inject('/tjenester/dfo-regnskap');
    expect(pageBefore.statusCode).toBe(200);
    const name = { nb: 'Regnskapstjenester Zebrafink', nn: 'Rekneskapstenester Zebrafink', en: 'Accounting Zebrafink' };
    expect((await put('dag', 'dfo-regnskap', { ...doc, name })).statusCode).toBe(201);
    // A draft is not public.
    expect((await call('anonymous', 'GET', '/api/v1/services?q=zebrafink')).json().total).toBe(0);
    const pub = await call('dag', 'POST', '/api/v1/services/dfo-regnskap/publish');
    expect(pub.statusCode).toBe(200);
    expect(pub.json().version).toBe(2);
    const search = (await call('anonymous', 'GET', '/api/v1/services?q=zebrafink')).json();
    expect(search.items.map((i: { slug: string }) => i.slug)).toEqual(['dfo-regnskap']);
    expect((await call('anonymous', 'GET', '/api/v1/services/dfo-regnskap')).json().name).toBe(name.nb);
    expect((await t.app.inject('/tjenester/dfo-regnskap')).body).toContain('Regnskapstjenester Zebrafink');
    expect((await t.app.inject('/en/tjenester/dfo-regnskap')).body).toContain('Accounting Zebrafink');
    const versions = (await call('anonymous', 'GET', '/api/v1/services/dfo-regnskap/versions')).json();
    expect(versions.items.map((v: { number: number; changedFields: string[] }) => [v.number, v.changedFields])).toEqual([
      [2, ['name']],
      [1, []],
    ]);
    const v2 = (await call('anonymous', 'GET', '/api/v1/services/dfo-regnskap/versions/2')).json();
    expect(v2.changes.map((c: { field: string }) => c.field).sort()).toEqual(['name.en', 'name.nb', 'name.nn']);
    const ttl = (await t.app.inject('/api/v1/catalog.ttl')).body;
    expect(ttl).toContain('Regnskapstjenester Zebrafink');
    expect(ttl).not.toBe(ttlBefore);
    expect(violations(await validateCpsv(ttl))).toEqual([]);
  });

  it('a renamed slug answers 301 to the new address (page and API)', async () => {
    const current = (await call('anonymous', 'GET', '/api/v1/services/dfo-regnskap/versions/2')).json().document;
    expect((await put('dag', 'dfo-regnskap', { ...current, slug: 'dfo-regnskapstjenester' })).statusCode).toBe(201);
    expect((await call('dag', 'POST', '/api/v1/services/dfo-regnskap/publish')).statusCode).toBe(200);
    const page = await t.app.inject('/tjenester/dfo-regnskap');
    expect(page.statusCode).toBe(301);
    expect(page.headers.location).toBe('/tjenester/dfo-regnskapstjenester');
    const nn = await t.app.inject('/nn/tjenester/dfo-regnskap');
    expect([nn.statusCode, nn.headers.location]).toEqual([301, '/nn/tjenester/dfo-regnskapstjenester']);
    const api = await call('anonymous', 'GET', '/api/v1/services/dfo-regnskap');
    expect([api.statusCode, api.headers.location]).toEqual([301, '/api/v1/services/dfo-regnskapstjenester']);
    expect((await t.app.inject('/tjenester/dfo-regnskapstjenester')).statusCode).toBe(200);
  });

  it('retire keeps the page, marked, out of default search; reinstate brings it back', async () => {
    const q = () => call('anonymous', 'GET', '/api/v1/services?q=zebrafink');
    expect((await q()).json().total).toBe(1);
    expect((await call('dag', 'POST', '/api/v1/services/dfo-regnskapstjenester/retire')).statusCode).toBe(200);
    expect((await q()).json().total).toBe(0);
    const page = await t.app.inject('/tjenester/dfo-regnskapstjenester');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Denne tjenesten er avviklet');
    expect((await call('anonymous', 'GET', '/api/v1/services/dfo-regnskapstjenester')).json().retiredAt).not.toBeNull();
    expect((await call('dag', 'POST', '/api/v1/services/dfo-regnskapstjenester/retire')).statusCode).toBe(409);
    expect((await call('dag', 'POST', '/api/v1/services/dfo-regnskapstjenester/reinstate')).statusCode).toBe(200);
    expect((await q()).json().total).toBe(1);
    expect((await t.app.inject('/tjenester/dfo-regnskapstjenester')).body).not.toContain('Denne tjenesten er avviklet');
  });
});
