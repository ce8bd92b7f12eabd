/**
 * Voluntary non-use of services, followed up (issue 17, item 1; the report's 2.1.4 and 5.3): the reason is optional
 * and those who gave none are counted; the statistics follow the small-group rule and answer for any past day; the
 * provider's follow-up and notes never reach the agency or its ministry; one table model for page and download.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.js';
import { serviceOptOuts } from '../../src/db/schema/index.js';
import { MIN_GROUP_SIZE } from '../../src/domain/smallGroups.js';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { decode, expectHtmlPage, expectProblem } from '../support/expectations.js';
import { caller, useDemoSessions, formPoster } from '../support/sessions.js';

const LOTTSTIFT = '982391490';
const VALG = '916132727';
const KUD = '972417866';

interface Stats {
  asOf: string;
  total: number | null;
  agencies: number | null;
  withoutReason: number | null;
  reasons: { code: string | null; label: string; count: number | null }[];
  bySize: { sizeClass: string; count: number | null }[];
  byMinistry: { ministry: { orgnr: string } | null; count: number | null }[];
  byService: { service: { slug: string }; total: number | null; withoutReason: number | null }[];
}

describe.each(testEngines())('non-use of services on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });
  const headers = useDemoSessions(t);
  const call = caller(() => t, () => headers);
  const form = formPoster(() => t, () => headers);
  const stats = async (q = '') => (await t.app.inject({ url: `/api/v1/stats/non-use${q}` })).json() as Stats;
  const standing = async () =>
    queryRows<{ n: number; none: number }>(
      t.database.db,
      sql`select count(*)::int as n, count(*) filter (where coalesce(answers->>'reason', '') = '')::int as none from service_opt_outs where withdrawn_at is null`,
    ).then((r) => r[0]!);

  it('counts every standing non-use and those without a reason, hiding every figure under five', async () => {
    const s = await stats();
    const db = await standing();
    expect(s.total).toBe(db.n);
    expect(db.none).toBeGreaterThanOrEqual(MIN_GROUP_SIZE);
    expect(s.withoutReason).toBe(db.none);
    expect(s.reasons.find((r) => r.code === null)).toMatchObject({ label: 'Ingen grunn oppgitt', count: db.none });
    for (const cells of [s.reasons, s.bySize, s.byMinistry]) {
      for (const c of cells) if (c.count !== null) expect(c.count === 0 || c.count >= MIN_GROUP_SIZE).toBe(true);
      // What is hidden in a breakdown holds 0 or at least five together, so it cannot be worked out from the total.
      const hidden = s.total! - cells.reduce((sum, c) => sum + (c.count ?? 0), 0);
      expect(hidden === 0 || hidden >= MIN_GROUP_SIZE).toBe(true);
    }
    expect(s.reasons.some((r) => r.count === null)).toBe(true);
    expect(s.byService.find((x) => x.service.slug === 'dfo-regnskap')!.total).toBeGreaterThanOrEqual(MIN_GROUP_SIZE);
    expect(s.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('answers for a past day and refuses a day that is not one', async () => {
    const past = await stats('?asOf=2020-12-10');
    expect(past).toMatchObject({ asOf: '2020-12-10', total: 0, withoutReason: 0 });
    expectProblem(await t.app.inject({ url: '/api/v1/stats/non-use?asOf=2021-02-30' }), 400, /2021-02-30/);
    expectProblem(await t.app.inject({ url: '/api/v1/stats/non-use?asOf=2999-01-01' }), 400, /2999-01-01/);
    const page = decode(expectHtmlPage(await t.app.inject({ url: '/statistikk/ikke-bruk?asOf=2020-12-10' }), 'nb'));
    expect(page).toContain('Tall per 10. desember 2020.');
    expect(page).toContain('Ingen virksomheter har registrert fravalg ennå.');
  });

  it('lets an agency say it does not use a service without giving a reason; then it is counted as such', async () => {
    const before = await stats();
    const res = await form('lise', `/min-side/virksomhet/${LOTTSTIFT}/fravalg`, { service: 'dfo-regnskap-prosjektsoknad' });
    expect(res.statusCode).toBe(303);
    const own = (await call('lise', 'GET', `/api/v1/agencies/${LOTTSTIFT}/non-use`)).json() as { items: { service: { slug: string }; reason: unknown; followUp?: unknown }[] };
    const row = own.items.find((i) => i.service.slug === 'dfo-regnskap-prosjektsoknad')!;
    expect(row.reason).toBeNull();
    expect('followUp' in row).toBe(false);
    const after = await stats();
    expect(after.total).toBe(before.total! + 1);
    expect(after.withoutReason).toBe(before.withoutReason! + 1);
  });

  it('keeps the provider’s follow-up and note internal: the agency and its ministry never see them', async () => {
    const [row] = await t.database.db
      .select({ id: serviceOptOuts.id })
      .from(serviceOptOuts)
      .where(and(eq(serviceOptOuts.agencyOrgnr, VALG), isNull(serviceOptOuts.withdrawnAt)));
    const note = 'Ringte økonomisjefen 3. mars; vurderer på nytt etter valget.';
    const put = await call('dag', 'PUT', `/api/v1/non-use/${row!.id}/follow-up`, { state: 'contacted', note });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ followUp: { state: 'contacted', note, by: 'Dag Olsen' } });
    expectProblem(await call('dag', 'PUT', `/api/v1/non-use/${row!.id}/follow-up`, { state: 'forgotten' }), 400, /oppfølgingsstatus/);
    const list = (await call('dag', 'GET', '/api/v1/providers/dfo/non-use')).json() as { items: { id: string; followUp: { note: string } | null }[] };
    expect(list.items.find((i) => i.id === row!.id)!.followUp!.note).toBe(note);
    const agencyView = await call('per', 'GET', `/api/v1/agencies/${VALG}/non-use`);
    expect(agencyView.statusCode).toBe(200);
    expect(agencyView.body).not.toContain('Ringte');
    expect(agencyView.body).not.toContain('contacted');
    const page = decode(expectHtmlPage(await t.app.inject({ url: '/min-side/leverandor/dfo/ikke-bruk', headers: { cookie: headers.dag.cookie! } }), 'nb'));
    expect(page).toContain(note);
    expect(page).toContain('Valgdirektoratet');
    const ministry = decode(expectHtmlPage(await t.app.inject({ url: `/min-side/departement/${KUD}`, headers: { cookie: headers.mona.cookie! } }), 'nb'));
    expect(ministry).toContain('Fravalg av fellestjenester');
    expect(ministry).toContain('Arkivverket');
    expect(ministry).not.toContain('Ringte');
    const [audit] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_events where action = 'service_opt_out.follow_up' and entity_id = ${row!.id}`);
    expect(audit!.n).toBe(1);
  });

  it('follows up from the provider’s page without JavaScript (form post, then back with a notice)', async () => {
    const [row] = await t.database.db.select({ id: serviceOptOuts.id }).from(serviceOptOuts).where(and(eq(serviceOptOuts.agencyOrgnr, '986105174'), isNull(serviceOptOuts.withdrawnAt)));
    const res = await form('dag', `/min-side/leverandor/dfo/ikke-bruk/${row!.id}`, { state: 'resolved', note: 'Egen sektorløsning, avklart.' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/min-side/leverandor/dfo/ikke-bruk?ok=saved#nu-${row!.id}`);
    const page = decode(expectHtmlPage(await t.app.inject({ url: '/min-side/leverandor/dfo/ikke-bruk?ok=saved', headers: { cookie: headers.dag.cookie! } }), 'nb'));
    expect(page).toContain('Oppfølgingen er lagret.');
    expect(page).toContain('Egen sektorløsning, avklart.');
  });

  it('shows the statistics page in nb, nn and en, with the same figures as its download and the API', async () => {
    const s = await stats();
    for (const [prefix, lang, title] of [['', 'nb', 'Fravalg av fellestjenester'], ['/nn', 'nn', 'Fråval av fellestenester'], ['/en', 'en', 'Shared services not used']] as const) {
      const html = decode(expectHtmlPage(await t.app.inject({ url: `${prefix}/statistikk/ikke-bruk` }), lang));
      expect(html).toContain(title);
    }
    const csv = await t.app.inject({ url: '/statistikk/ikke-bruk/tabeller/oversikt.csv' });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.split(/\r?\n/);
    expect(lines.find((l) => l.includes('Fravalg i alt'))).toContain(String(s.total));
    expect(lines.find((l) => l.includes('Uten oppgitt grunn'))).toContain(String(s.withoutReason));
    const front = decode(expectHtmlPage(await t.app.inject({ url: '/statistikk' }), 'nb'));
    expect(front).toContain('/statistikk/ikke-bruk');
  });
});
