import { parse } from 'csv-parse/sync';
import { desc, isNull, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.js';
import { surveys } from '../../src/db/schema/index.js';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { useDemoSessions, type Who } from '../support/sessions.js';

/** A CSV download as records (BOM checked and removed; `;` in nb/nn, `,` in en). */
function records(body: string, lang: 'nb' | 'nn' | 'en' = 'nb'): string[][] {
  expect(body.charCodeAt(0)).toBe(0xfeff);
  return parse(body.slice(1), { delimiter: lang === 'en' ? ',' : ';', relax_column_count: false }) as string[][];
}

describe.each(testEngines())('every list table downloads as CSV and XLSX on %s (demo data)', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });
  const headers = useDemoSessions(t);
  const get = (url: string, who: Who = 'anonymous') => t.app.inject({ url, headers: headers[who] });

  it('the catalogue: the search results with the same query, filters and order, every hit (not only the page)', async () => {
    const page = await get('/tjenester?q=l%C3%B8nn&model=central');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/tjenester/tabeller/tjenester.csv?q=l%C3%B8nn&amp;model=central"');
    const api = (await get('/api/v1/services?q=l%C3%B8nn&model=central&limit=100')).json() as { total: number; items: { name: string }[] };
    expect(api.total).toBeGreaterThan(0);
    const csv = await get('/tjenester/tabeller/tjenester.csv?q=l%C3%B8nn&model=central');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="tjenester.csv"');
    const [head, ...rows] = records(csv.body);
    expect(head).toEqual(['Navn', 'Leverandør', 'Tjenesteområde', 'Del av', 'Type tilbud', 'Leveransemodell', 'Målgruppe', 'Bruk', 'Finansiering', 'Status', 'Sist endret']);
    expect(rows.length).toBe(api.total);
    expect(new Set(rows.map((r) => r[5]))).toEqual(new Set(['Sentral']));
    // Unfiltered: every service, more than one page of 20.
    const all = records((await get('/tjenester/tabeller/tjenester.csv')).body);
    expect(all.length - 1).toBe(((await get('/api/v1/services?limit=1')).json() as { total: number }).total);
    expect(all.length - 1).toBeGreaterThan(20);
    // Oslo time: the newest change of a service, as the register holds it, written in Oslo wall-clock time.
    const [newest] = await queryRows<{ at: string }>(t.database.db, sql`select to_char(max(updated_at) at time zone 'Europe/Oslo', 'YYYY-MM-DD HH24:MI') as at from services where status <> 'draft'`);
    expect(all.some((r) => r[10] === newest!.at)).toBe(true);
  });

  it.each([
    ['/nn', 'nn', 'Namn', 'Tenesteområde'],
    ['/en', 'en', 'Name', 'Service area'],
  ] as const)('the catalogue download (%s) speaks the page’s language', async (prefix, lang, name, area) => {
    const page = await get(`${prefix}/tjenester?q=arkiv`);
    expect(page.body).toContain(`href="${prefix}/tjenester/tabeller/tjenester.csv?q=arkiv"`);
    const [head] = records((await get(`${prefix}/tjenester/tabeller/tjenester.csv?q=arkiv`)).body, lang);
    expect(head![0]).toBe(name);
    expect(head![2]).toBe(area);
  });

  it('agencies: the filtered list with kind and employees, XLSX with the same rows', async () => {
    const page = await get('/virksomheter?ministry=972417866');
    expect(page.body).toContain('href="/virksomheter/tabeller/virksomheter.csv?ministry=972417866"');
    const api = (await get('/api/v1/agencies?ministry=972417866&limit=100')).json() as { total: number };
    const [head, ...rows] = records((await get('/virksomheter/tabeller/virksomheter.csv?ministry=972417866')).body);
    expect(head).toEqual(['Organisasjonsnummer', 'Navn', 'Type', 'Departement', 'Ansatte', 'Størrelse', 'Slettet i Enhetsregisteret']);
    expect(rows.length).toBe(api.total);
    expect(rows.every((r) => /^\d{9}$/.test(r[0]!))).toBe(true);
    // Numbers stay numbers: no thousands grouping in the file.
    expect(rows.filter((r) => r[4]).every((r) => /^\d+$/.test(r[4]!))).toBe(true);
    const xlsx = await get('/virksomheter/tabeller/virksomheter.xlsx?ministry=972417866');
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as never);
    const sheet = book.worksheets[0]!;
    const cells: string[] = [];
    sheet.eachRow((row) => cells.push(String(row.getCell(2).value)));
    expect(cells).toContain(rows[0]![1]);
  });

  it('procurements: every procurement of the list, with its status in words', async () => {
    const page = await get('/anskaffelser');
    expect(page.body).toContain('href="/anskaffelser/tabeller/anskaffelser.csv"');
    const api = (await get('/api/v1/procurements')).json() as { items: unknown[] };
    const [head, ...rows] = records((await get('/anskaffelser/tabeller/anskaffelser.csv')).body);
    expect(head!.slice(0, 2)).toEqual(['Anskaffelse', 'Kategori']);
    expect(rows.length).toBe(api.items.length);
    expect(rows.every((r) => !/^[a-z_]+$/.test(r[4]!))).toBe(true);
  });

  it('the usage register: the agency’s own people and DFØ only, never the public or another agency', async () => {
    const url = '/min-side/virksomhet/982391490/tabeller/bruksregister.csv';
    const page = await get('/min-side/virksomhet/982391490', 'lise');
    expect(page.body).toContain(`href="${url}"`);
    const mine = await get(url, 'lise');
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['cache-control']).toBe('private, no-store');
    const [head, ...rows] = records(mine.body);
    expect(head).toEqual(['Tjeneste', 'Leverandør', 'Tjenestemodell', 'Fra', 'Til', 'Grunn til avslutning']);
    const [n] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from subscriptions where agency_orgnr = '982391490'`);
    expect(rows.length).toBe(n!.n);
    expect((await get(url, 'anne')).statusCode).toBe(200);
    expect((await get(url)).statusCode).toBe(303); // to sign-in, like the page
    expect((await get(url, 'siri')).statusCode).toBe(403);
  });

  it('survey results: the tables the reader may see; an open survey’s results only for its provider and DFØ', async () => {
    // DFØ's own surveys (a needs survey before a procurement belongs to its procurement's provider).
    const rows = await t.database.db.select({ id: surveys.id, closesOn: surveys.closesOn }).from(surveys).where(isNull(surveys.procurementId)).orderBy(desc(surveys.closesOn));
    const open = rows[0]!.id;
    const closed = rows[1]!.id;
    const page = await get(`/undersokelser/${closed}`);
    expect(page.body).toContain(`href="/undersokelser/${closed}/tabeller/samlet.csv"`);
    expect(page.body).toContain(`href="/undersokelser/${closed}/tabeller/storrelse.xlsx"`);
    const [head, ...overall] = records((await get(`/undersokelser/${closed}/tabeller/samlet.csv`)).body);
    expect(head).toEqual(['Spørsmål', 'Svar', 'Gjennomsnitt']);
    expect(overall.length).toBeGreaterThan(0);
    // Means keep a decimal comma in bokmål, a point in English.
    expect(overall.some((r) => /^\d+,\d+$/.test(r[2]!))).toBe(true);
    const en = records((await get(`/en/undersokelser/${closed}/tabeller/samlet.csv`)).body, 'en');
    expect(en.slice(1).some((r) => /^\d+\.\d+$/.test(r[2]!))).toBe(true);
    // The open survey: nothing public yet, the full view for DFØ.
    expect((await get(`/undersokelser/${open}/tabeller/samlet.csv`)).statusCode).toBe(404);
    expect((await get(`/undersokelser/${open}`)).body).not.toContain('/tabeller/samlet.csv');
    const dag = await get(`/undersokelser/${open}/tabeller/samlet.csv`, 'dag');
    expect(dag.statusCode).toBe(200);
    expect(records(dag.body).length).toBeGreaterThan(1);
  });

  it('ideas and networks: the filtered lists', async () => {
    const ideasPage = await get('/ideer?sort=newest');
    expect(ideasPage.body).toContain('href="/ideer/tabeller/forslag.csv?sort=newest"');
    const ideas = (await get('/api/v1/ideas')).json() as { items: unknown[] };
    const [ideaHead, ...ideaRows] = records((await get('/ideer/tabeller/forslag.csv?sort=newest')).body);
    expect(ideaHead).toContain('Stemmer');
    expect(ideaRows.length).toBe(ideas.items.length);
    const created = ideaRows.map((r) => r[ideaHead!.indexOf('Foreslått')]!);
    expect([...created].sort().reverse()).toEqual(created);

    const all = records((await get('/nettverk/tabeller/nettverk.csv')).body);
    const kind = 'regional';
    const some = records((await get(`/nettverk/tabeller/nettverk.csv?kind=${kind}`)).body);
    expect((await get(`/nettverk?kind=${kind}`)).body).toContain(`href="/nettverk/tabeller/nettverk.csv?kind=${kind}"`);
    expect(all.length).toBeGreaterThan(some.length);
    expect(some.length).toBeGreaterThan(1);
  });

  it('an unknown table is a 404 that names the tables there are', async () => {
    const res = await get('/virksomheter/tabeller/nope.csv');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('virksomheter');
    expect((await get('/virksomheter/tabeller/virksomheter.pdf')).statusCode).toBe(404);
  });
});
