import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, linkChecks, serviceReviews, services } from '../../src/db/schema/index.js';
import { checkCatalogueLinks } from '../../src/ops/linkCheck.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { decode, expectHtmlPage, inLanguages, tableRows } from '../support/expectations.js';
import { caller, demoSessions, formPoster, type Who } from '../support/sessions.js';

/** A loopback server: /ok answers 200, /gone 404, /head-refused 405 to HEAD but 200 to GET, /slow never answers. */
async function linkServer(): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    if (req.url === '/ok') return res.writeHead(200).end('ok');
    if (req.url === '/head-refused') return res.writeHead(req.method === 'HEAD' ? 405 : 200).end();
    if (req.url === '/slow') return; // never answers: the check times out
    res.writeHead(404).end('gone');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe.each(testEngines())('data quality on %s', (engine) => {
  let t: TestApp;
  let headers: Record<Who, Record<string, string>>;
  const call = caller(() => t, () => headers);
  const post = formPoster(() => t, () => headers);
  const NOW = new Date('2026-12-05T12:00:00Z');

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: 'demo', clock: () => NOW });
    headers = await demoSessions(t.database.db);
  });
  afterAll(async () => t?.close());

  it('the demo catalogue has every name and summary in nynorsk and English: no language gaps for any provider', async () => {
    const html = expectHtmlPage(await call('anne', 'GET', '/kvalitet'), 'nb');
    const rows = tableRows(html, 'table-leverandorer');
    const head = rows[0]!;
    const total = rows.at(-1)!;
    expect(total[0]).toBe('Sum');
    expect(rows.length).toBeGreaterThan(15); // every provider and the sum
    expect(total[head.indexOf('Mangler nynorsk')]).toBe('0');
    expect(total[head.indexOf('Mangler engelsk')]).toBe('0');
    expect(Number(total[head.indexOf('Oppføringer')]!.replace(/\s/g, ''))).toBe(185);
    // Service levels and prices that are not stated are counted honestly.
    expect(Number(total[head.indexOf('Tjenestenivå ikke oppgitt')]!.replace(/\s/g, ''))).toBeGreaterThan(0);
  });

  it('a provider editor sees only its own provider; the page is there in nb, nn and en', async () => {
    const rows = tableRows(decode((await call('dag', 'GET', '/kvalitet')).body), 'table-leverandorer');
    expect(rows).toHaveLength(2); // the header and DFØ, no sum for one provider
    expect(rows[1]![0]).toMatch(/Direktoratet for forvaltning og økonomistyring/);
    for (const [lang, path] of inLanguages('/kvalitet/dfo')) expectHtmlPage(await call('dag', 'GET', path), lang);
    expect(decode((await call('dag', 'GET', '/nn/kvalitet/dfo')).body)).toContain('Merk som gjennomgått');
    expect(decode((await call('dag', 'GET', '/en/kvalitet/dfo')).body)).toContain('Mark as reviewed');
  });

  it('lists a missing translation and a missing description under the entry, with the fields named', async () => {
    const db = t.database.db;
    await db.update(services).set({ summary: { nb: 'Bare bokmål her.' }, description: { nb: '' } }).where(eq(services.slug, 'dfo-lonn-utlegg'));
    const html = decode((await call('dag', 'GET', '/kvalitet/dfo')).body);
    const entry = /id="tjeneste-dfo-lonn-utlegg"[\s\S]*?<\/article>/.exec(html)?.[0] ?? '';
    expect(entry).toContain('Mangler nynorsk');
    expect(entry).toMatch(/Mangler engelsk<\/dt><dd>sammendrag/);
    expect(entry).toMatch(/Mangler felt CPSV-AP-NO krever<\/dt><dd>beskrivelse/);
  });

  it('marks an entry as reviewed: the review gap goes, an audit event is written, the page says so', async () => {
    const db = t.database.db;
    const before = decode((await call('dag', 'GET', '/kvalitet/dfo')).body);
    const lonn = /id="tjeneste-dfo-lonn-reiseutgifter"[\s\S]*?<\/article>/.exec(before)?.[0] ?? '';
    expect(lonn).toContain('Ikke gjennomgått på 12 måneder');
    const res = await post('dag', '/kvalitet/dfo/gjennomgatt', { service: 'dfo-lonn-reiseutgifter' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/kvalitet/dfo?ok=dfo-lonn-reiseutgifter#tjeneste-dfo-lonn-reiseutgifter');
    const after = decode((await call('dag', 'GET', '/kvalitet/dfo?ok=dfo-lonn-reiseutgifter')).body);
    expect(after).toContain('er merket som gjennomgått');
    const entry = /id="tjeneste-dfo-lonn-reiseutgifter"[\s\S]*?<\/article>/.exec(after)?.[0] ?? '';
    expect(entry).not.toContain('Ikke gjennomgått på 12 måneder');
    const [s] = await db.select({ id: services.id }).from(services).where(eq(services.slug, 'dfo-lonn-reiseutgifter'));
    const [review] = await db.select().from(serviceReviews).where(eq(serviceReviews.serviceId, s!.id));
    expect(review?.reviewedAt.toISOString()).toBe(NOW.toISOString());
    const events = await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'service.review'), eq(auditEvents.entityId, s!.id)));
    expect(events).toHaveLength(1);
    expect(events[0]!.actingRole).toBe('provider_editor');
    // An unknown service is a 404 and changes nothing.
    expect((await post('dag', '/kvalitet/dfo/gjennomgatt', { service: 'finnes-ikke' })).statusCode).toBe(404);
  });

  it('downloads the same tables as CSV and XLSX', async () => {
    const csv = await call('anne', 'GET', '/kvalitet/tabeller/leverandorer.csv');
    expect(csv.statusCode).toBe(200);
    expect(String(csv.headers['content-type'])).toMatch(/^text\/csv/);
    expect(String(csv.headers['content-disposition'])).toMatch(/attachment; filename="kvalitet-leverandorer-2026-12-05\.csv"/);
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Leverandør;Oppføringer;Uten avvik;Mangler nynorsk;Mangler engelsk;Ikke gjennomgått på 12 mnd.;Mangler felt CPSV-AP-NO krever;Døde lenker;Tjenestenivå ikke oppgitt;Pris ikke oppgitt');
    const entries = await call('dag', 'GET', '/kvalitet/dfo/tabeller/oppforinger.csv');
    const utlegg = entries.body.split('\r\n').find((l) => l.startsWith('Utlegg;'));
    expect(utlegg).toMatch(/^Utlegg;sammendrag;sammendrag;beskrivelse;/);
    const xlsx = await call('dag', 'GET', '/kvalitet/dfo/tabeller/oppforinger.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await call('dag', 'GET', '/kvalitet/dfo/tabeller/ukjent.csv')).statusCode).toBe(404);
  });

  it('checks links as a job against a loopback server (timeouts, 404, HEAD refused) and shows the broken ones', async () => {
    const { server, base } = await linkServer();
    try {
      const db = t.database.db;
      await db.update(services).set({ website: `${base}/gone` }).where(eq(services.slug, 'dfo-lonn-a-ordningen'));
      await db.update(services).set({ website: `${base}/slow` }).where(eq(services.slug, 'dfo-lonn-tid-og-turnus'));
      await db.update(services).set({ website: `${base}/head-refused` }).where(eq(services.slug, 'dfo-lonn-lonnsforhandlinger'));
      await db.update(services).set({ website: `${base}/ok` }).where(eq(services.slug, 'dfo-lonn-hr-systemer'));
      // Only loopback addresses: the demo data's real addresses are never requested in tests.
      const results = await checkCatalogueLinks(db, { providerSlug: 'dfo', timeoutMs: 500, filter: (u) => u.startsWith(base), now: () => NOW });
      expect(results.map((r) => [r.url.slice(base.length), r.ok, r.httpStatus])).toEqual([
        ['/gone', false, 404],
        ['/head-refused', true, 200],
        ['/ok', true, 200],
        ['/slow', false, null],
      ]);
      expect(results.find((r) => r.url.endsWith('/slow'))?.error).toMatch(/timeout/);
      expect(await db.select().from(linkChecks).where(eq(linkChecks.url, `${base}/gone`))).toHaveLength(1);
      const html = decode((await call('dag', 'GET', '/kvalitet/dfo')).body);
      expect(html).toContain(`${base}/gone (HTTP 404)`);
      expect(html).toContain(`${base}/slow (timeout after 500 ms)`);
      expect(html).not.toContain(`${base}/ok (`);
      expect(html).toContain('Lenkene ble sist sjekket');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
