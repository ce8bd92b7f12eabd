import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { caller, useDemoSessions, type Who } from '../support/sessions.js';

const cards = (html: string) => [...html.matchAll(/<article[^>]*class="declaration-card"[^>]*id="agency-(\d{9})"/g)].map((m) => m[1]!);
const csvOrgnrs = (body: string) => (parse(body, { delimiter: ';', bom: true, relax_column_count: true }) as string[][]).slice(1).map((r) => r[0]!);
async function xlsxOrgnrs(payload: Buffer): Promise<string[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(payload as never);
  const out: string[] = [];
  book.worksheets[0]!.eachRow((row) => out.push(String(row.getCell(1).value ?? '')));
  return out.filter((x) => /^\d{9}$/.test(x));
}

/**
 * The declarations overview's download holds exactly what the overview lists: under the page's filters (reason,
 * and for the provider the follow-up), for the same reader, and nothing of the rows the filter leaves out.
 */
describe.each(testEngines())('the declarations download follows the overview’s filters on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });
  const headers = useDemoSessions(t);
  const call = caller(() => t, () => headers);
  let travel: string; // opt-outs, several demo declarations with reasons and follow-ups
  let cloud: string; // accessions (voluntary agreement)

  beforeAll(async () => {
    const list = (await t.app.inject({ url: '/api/v1/procurements' })).json().items as { id: string; status: string; obligation: string }[];
    travel = list.find((p) => p.status === 'consultation')!.id;
    cloud = list.find((p) => p.obligation === 'voluntary')!.id;
  });

  /** The page's cards and both downloads under one query, as one reader. */
  const listed = async (who: Who, id: string, query: string) => {
    const page = await call(who, 'GET', `/anskaffelser/${id}/erklaeringer${query}`);
    expect(page.statusCode).toBe(200);
    const csv = await call(who, 'GET', `/anskaffelser/${id}/erklaeringer/tabeller/erklaeringer.csv${query}`);
    const xlsx = await call(who, 'GET', `/anskaffelser/${id}/erklaeringer/tabeller/erklaeringer.xlsx${query}`);
    expect([csv.statusCode, xlsx.statusCode]).toEqual([200, 200]);
    expect(csv.headers['cache-control']).toBe('private, no-store');
    return { page: page.body, cards: cards(page.body).sort(), csv: csvOrgnrs(csv.body).sort(), xlsx: (await xlsxOrgnrs(xlsx.rawPayload)).sort(), old: csvOrgnrs((await call(who, 'GET', `/anskaffelser/${id}/erklaeringer.csv${query}`)).body).sort() };
  };

  it.each([['?grunn=own_contract'], ['?oppfolging=contacted'], ['?oppfolging=to_contact&grunn=own_contract'], ['?grunn=cost']])(
    'the provider’s download under %s has exactly the listed rows',
    async (query) => {
      const all = await listed('siri', travel, '');
      const some = await listed('siri', travel, query);
      expect(all.cards.length).toBeGreaterThan(2);
      expect(some.csv).toEqual(some.cards);
      expect(some.xlsx).toEqual(some.cards);
      expect(some.old).toEqual(some.cards); // the first address of the download takes the same filters
      expect(some.csv.length).toBeLessThan(all.csv.length);
      for (const orgnr of all.cards.filter((x) => !some.cards.includes(x))) expect(some.csv).not.toContain(orgnr);
      // The page's download links carry its filter.
      expect(some.page).toContain(`href="/anskaffelser/${travel}/erklaeringer/tabeller/erklaeringer.csv${query.replace(/&/g, '&amp;')}"`);
    },
  );

  it('a filter that matches something leaves a non-empty download', async () => {
    const some = await listed('siri', travel, '?grunn=own_contract');
    expect(some.csv.length).toBeGreaterThan(0);
    expect((await listed('siri', travel, '?oppfolging=contacted')).csv.length).toBeGreaterThan(0);
  });

  it('an agency editor’s download ignores the follow-up filter, as the page does, and holds only their agencies', async () => {
    const own = await listed('per', travel, '?oppfolging=resolved');
    expect(own.cards).toEqual(['916132727', '974761335']); // Per's agencies that opted out, whatever their follow-up
    expect(own.csv).toEqual(own.cards);
    expect(own.xlsx).toEqual(own.cards);
  });

  it('a ministry viewer’s download under a reason filter has the listed rows of the ministry’s agencies', async () => {
    await call('lise', 'PUT', `/api/v1/procurements/${travel}/declarations/982391490`, { answers: { reason: 'cost' } });
    const all = await listed('mona', travel, '');
    const some = await listed('mona', travel, '?grunn=own_contract');
    expect(all.cards).toContain('982391490');
    expect(some.csv).toEqual(some.cards);
    expect(some.csv).not.toContain('982391490');
  });

  it('the accessions’ download (no filters on that page) lists what the page lists, for the provider and an agency', async () => {
    const admin = await listed('anne', cloud, '');
    expect(admin.cards.length).toBe(2);
    expect(admin.csv).toEqual(admin.cards);
    expect(admin.xlsx).toEqual(admin.cards);
    const lise = await listed('lise', cloud, '');
    expect(lise.cards).toEqual(['982391490']);
    expect(lise.csv).toEqual(lise.cards);
  });

  it('an unknown filter value is a 400, not a 500; the public (sent to sign in) and another provider get no download', async () => {
    expect((await call('siri', 'GET', `/anskaffelser/${travel}/erklaeringer/tabeller/erklaeringer.csv?oppfolging=forgotten`)).statusCode).toBe(400);
    expect((await call('anonymous', 'GET', `/anskaffelser/${travel}/erklaeringer/tabeller/erklaeringer.csv?grunn=cost`)).statusCode).toBe(303);
    expect((await call('dag', 'GET', `/anskaffelser/${travel}/erklaeringer/tabeller/erklaeringer.xlsx`)).statusCode).toBe(403);
  });
});
