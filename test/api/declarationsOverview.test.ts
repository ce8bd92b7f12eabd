import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { optOutEveryone } from '../../bench/support/loadFixtures.js';
import { OVERVIEW_PAGE_SIZE } from '../../src/resources/declarations/pages.js';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { DEMO_EMAIL, sessionOf } from '../support/sessions.js';

const cards = (html: string) => [...html.matchAll(/<article[^>]*class="declaration-card"[^>]*id="agency-(\d{9})"/g)].map((m) => m[1]!);

/** The provider's overview of every agency's opt-out: paged, counts over all, a follow-up returns to its page. */
describe.each(testEngines())('the opt-out overview with ~180 declarations on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });
  let base: string;
  let total: number;
  let siri: { cookie: string; csrf: string };

  beforeAll(async () => {
    const db = t.database.db;
    const filled = await optOutEveryone(db);
    total = filled.total;
    base = `/anskaffelser/${filled.procurementId}/erklaeringer`;
    siri = await sessionOf(db, DEMO_EMAIL.siri);
  });

  const get = (url: string) => t.app.inject({ url, headers: { cookie: siri.cookie } });

  it('shows one page of cards with a pager, and the counts over all of them', async () => {
    expect(total).toBeGreaterThan(150);
    const first = await get(base);
    expect(first.statusCode).toBe(200);
    const onFirst = cards(first.body);
    expect(onFirst).toHaveLength(OVERVIEW_PAGE_SIZE);
    expect(first.body).toMatch(/<nav aria-label="[^"]+" class="pager">/);
    expect(first.body).toContain(`${total}`); // the standing count is over every declaration
    const pages = Math.ceil(total / OVERVIEW_PAGE_SIZE);
    const seen = new Set(onFirst);
    for (let n = 2; n <= pages; n++) {
      const res = await get(`${base}?page=${n}`);
      expect(res.statusCode).toBe(200);
      for (const id of cards(res.body)) seen.add(id);
    }
    expect(seen.size).toBe(total); // every declaration on exactly one page
    // Past the end: the last page, not an error.
    expect(cards((await get(`${base}?page=${pages + 5}`)).body)).toHaveLength(total - (pages - 1) * OVERVIEW_PAGE_SIZE);
    expect((await get(`${base}?page=0`)).statusCode).toBe(400);
  });

  it('the filter and the page travel with the pager and with a follow-up', async () => {
    const page2 = await get(`${base}?oppfolging=to_contact&page=2`);
    expect(page2.statusCode).toBe(200);
    const [orgnr] = cards(page2.body);
    expect(page2.body).toContain(`${base}/${orgnr}/oppfolging?oppfolging=to_contact&amp;page=2`);
    expect(page2.body).toMatch(/href="[^"]*erklaeringer\?oppfolging=to_contact&amp;page=3#list"/);
    const res = await t.app.inject({
      method: 'POST',
      url: `${base}/${orgnr}/oppfolging?oppfolging=to_contact&page=2`,
      headers: { cookie: siri.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: siri.csrf, state: 'contacted', note: '' }).toString(),
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${base}?ok=followup&oppfolging=to_contact&page=2#agency-${orgnr}`);
  });

  it('downloads every declaration, not one page, as CSV (semicolons in bokmål, commas in English, Oslo times) and XLSX', async () => {
    const csv = await get(`${base}.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['cache-control']).toBe('private, no-store');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="erklaeringer-[0-9a-f]{8}\.csv"$/);
    expect(csv.body.startsWith('\ufeffOrganisasjonsnummer;Navn;')).toBe(true);
    const rows = csv.body.slice(1).split('\r\n').slice(1, -1);
    expect(rows).toHaveLength(total);
    expect(rows[0]).toMatch(/^\d{9};.*;\d{4}-\d{2}-\d{2} \d{2}:\d{2};\d{4}-\d{2}-\d{2} \d{2}:\d{2};;/);
    expect(csv.body).not.toMatch(/\d{2}:\d{2}:\d{2}\.\d{3}Z/);
    expect((await get(`/en${base}.csv`)).body.startsWith('\ufeffOrganisation number,')).toBe(true);
    const xlsx = await get(`${base}.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    expect(wb.worksheets[0]!.rowCount).toBe(total + 1);
    const signedOut = await t.app.inject({ url: `${base}.csv` });
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toMatch(/logg-inn/);
  });
});
