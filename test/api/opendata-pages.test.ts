import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { createAgency, createArea, createProvider, createService, createTier } from '../support/factories.js';
import { signedIn, type TestSession } from '../support/sessions.js';

describe.each(testEngines())('open-data and customer-list pages on %s', (engine) => {
  let t: TestApp;
  let kari: TestSession;
  let other: TestSession;
  const agencies: string[] = [];

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: 'empty' });
    const db = t.database.db;
    const area = await createArea(db);
    const dfo = await createProvider(db, { slug: 'dfo', name: { nb: 'DFØ' } });
    const lonn = await createService(db, { slug: 'lonn', providerId: dfo.id, areaSlug: area.slug });
    await createTier(db, { serviceId: lonn.id, slug: 'basis' });
    for (let i = 0; i < 2; i++) agencies.push((await createAgency(db)).orgnr);
    kari = await signedIn(db, [{ role: 'provider_editor', providerId: dfo.id }], { email: 'kari@dfo.no' });
    const annen = await createProvider(db, { slug: 'annen' });
    other = await signedIn(db, [{ role: 'provider_editor', providerId: annen.id }]);
  });
  afterAll(async () => t?.close());

  const multipart = (fields: Record<string, string>, file?: string) => {
    // The session's CSRF token travels as a form field, as the page's form sends it.
    fields = { _csrf: kari.csrf, ...fields };
    const b = '----ftform';
    const parts = Object.entries(fields).map(([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
    if (file !== undefined) parts.push(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="kunder.csv"\r\nContent-Type: text/csv\r\n\r\n${file}\r\n`);
    return { payload: Buffer.from(parts.join('') + `--${b}--\r\n`), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
  };
  const post = (url: string, fields: Record<string, string>, file?: string, session: TestSession | null = kari) => {
    const m = multipart(fields, file);
    return t.app.inject({ method: 'POST', url, payload: m.payload, headers: { ...m.headers, ...(session ? { cookie: session.cookie } : {}) } });
  };
  const get = (url: string, session: TestSession | null = kari) => t.app.inject({ url, headers: session ? { cookie: session.cookie } : {} });

  it('has an open-data page in every language, linked from the footer', async () => {
    const page = await t.app.inject('/apne-data');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('http://portal.test/api/v1/catalog.ttl');
    expect(page.body).toContain('NLOD 2.0');
    expect((await t.app.inject('/en/apne-data')).body).toContain('Open data');
    expect((await t.app.inject('/nn/apne-data')).body).toContain('Opne data');
    expect((await t.app.inject('/en')).body).toContain('href="/en/apne-data"');
  });

  it('sends RDF clients from a service page to its RDF (303), browsers get the page', async () => {
    const rdf = await t.app.inject({ url: '/tjenester/lonn', headers: { accept: 'text/turtle' } });
    expect(rdf.statusCode).toBe(303);
    expect(rdf.headers.location).toBe('/api/v1/services/lonn.ttl');
    const html = await t.app.inject({ url: '/tjenester/lonn', headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(html.statusCode).toBe(200);
  });

  it('sends the public to sign in, refuses another provider, and refuses a form without the CSRF token', async () => {
    const anonymous = await get('/leverandorer/dfo/kundeliste', null);
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/logg-inn');
    expect((await post('/leverandorer/dfo/kundeliste', { action: 'preview' }, 'x', null)).statusCode).toBe(401);
    const forbidden = await get('/leverandorer/dfo/kundeliste', other);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.headers['content-type']).toContain('text/html');
    const m = multipart({ action: 'preview' }, 'x');
    const withoutToken = m.payload.toString().replace(/name="_csrf"\r\n\r\n[^\r]*/, 'name="_csrf"\r\n\r\nfeil');
    const forged = await t.app.inject({ method: 'POST', url: '/leverandorer/dfo/kundeliste', payload: Buffer.from(withoutToken), headers: { ...m.headers, cookie: kari.cookie } });
    expect(forged.statusCode).toBe(403);
  });

  it('previews an upload, refuses a confirmation of something else, and applies the confirmed file', async () => {
    expect((await get('/leverandorer/dfo/kundeliste')).body).toContain('name="file"');
    const csv = `organisasjonsnummer;tjeneste;tjenestemodell;fra\r\n${agencies[0]};lonn;basis;01.02.2024\r\n${agencies[1]};lonn;basis;2024-02-01\r\n`;
    const preview = await post('/leverandorer/dfo/kundeliste', { action: 'preview', scope: 'file' }, csv);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Nye kunder (2)');
    expect(preview.body).toContain('Bekreft og lagre');
    const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(preview.body)![1]!.replace(/&quot;/g, '"');
    const confirm = { action: 'apply', scope: 'file', fileName: 'kunder.csv', expectedSha256: hidden('expectedSha256'), expectedCounts: hidden('expectedCounts'), fileBase64: hidden('fileBase64') };
    const tampered = await post('/leverandorer/dfo/kundeliste', { ...confirm, expectedCounts: '{}' });
    expect(tampered.statusCode).toBe(409);
    expect(tampered.body).toContain('Noe ble endret siden forhåndsvisningen');
    const applied = await post('/leverandorer/dfo/kundeliste', confirm);
    expect(applied.statusCode).toBe(200);
    expect(applied.body).toContain('Kundelisten er lagret: 2 endringer.');
    const again = await post('/leverandorer/dfo/kundeliste', { action: 'preview', scope: 'file' }, csv);
    expect(again.body).toContain('Nye kunder (0)');
  });

  it('shows row errors instead of a confirm button, and file errors as a message', async () => {
    const bad = await post('/leverandorer/dfo/kundeliste', { action: 'preview' }, `orgnr;tjeneste;tjenestemodell;fra\n=cmd|' /C calc'!A0;lonn;basis;2024-01-01\n`);
    expect(bad.statusCode).toBe(200);
    expect(bad.body).toContain('Organisasjonsnummeret kan bare inneholde sifre.');
    expect(bad.body).not.toContain('Bekreft og lagre');
    expect(bad.body).not.toContain("<td>=cmd"); // shown as escaped text inside the message, never as markup
    const empty = await post('/leverandorer/dfo/kundeliste', { action: 'preview' }, '');
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Velg en fil å laste opp.');
    const wrong = await post('/leverandorer/dfo/kundeliste', { action: 'preview' }, 'navn;adresse\nX;Y\n');
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Filen mangler kolonnene');
  });
});
