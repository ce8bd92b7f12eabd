/**
 * Baselines and gains per agency (issue 17, item 4; the report's 3.3): an agency records where it stood before a
 * service and later its result; the service's sums are public with the small-group rule. Over HTTP, both engines.
 */
import { and, eq, isNull, notInArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { agencyBaselines, services, subscriptions } from '../../src/db/schema/index.js';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { decode, expectHtmlPage, expectProblem } from '../support/expectations.js';
import { caller, useDemoSessions, formPoster } from '../support/sessions.js';

const LOTTSTIFT = '982391490'; // Lise's agency

describe.each(testEngines())('baselines per agency on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });
  const headers = useDemoSessions(t);
  let used = ''; // a service Lise's agency uses and has no demo baseline for
  let unused = ''; // one it does not use
  beforeAll(async () => {
    const { db } = t.database;
    const withBaseline = (await db.select({ id: agencyBaselines.serviceId }).from(agencyBaselines)).map((r) => r.id);
    const [u] = await db
      .select({ slug: services.slug, id: services.id })
      .from(subscriptions)
      .innerJoin(services, eq(services.id, subscriptions.serviceId))
      .where(and(eq(subscriptions.agencyOrgnr, LOTTSTIFT), isNull(subscriptions.endedOn), notInArray(services.id, withBaseline)))
      .orderBy(services.slug)
      .limit(1);
    used = u!.slug;
    const mine = (await db.select({ id: subscriptions.serviceId }).from(subscriptions).where(eq(subscriptions.agencyOrgnr, LOTTSTIFT))).map((r) => r.id);
    const [n] = await db.select({ slug: services.slug }).from(services).where(notInArray(services.id, mine)).orderBy(services.slug).limit(1);
    unused = n!.slug;
  });
  const call = caller(() => t, () => headers);
  const form = formPoster(() => t, () => headers);

  it('sums the demo agencies’ figures, the same as the rows say, and hides what fewer than 5 gave', async () => {
    const res = await t.app.inject({ url: '/api/v1/services/dfo-lonn/baselines' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const [s] = await t.database.db.select({ id: services.id }).from(services).where(eq(services.slug, 'dfo-lonn'));
    const rows = await t.database.db.select().from(agencyBaselines).where(eq(agencyBaselines.serviceId, s!.id));
    expect(body.withBaseline).toBe(rows.length);
    expect(body.withResult).toBe(rows.filter((r) => r.result).length);
    const both = rows.filter((r) => r.result?.ftes !== undefined && r.baseline.ftes !== undefined);
    const ftes = body.measures.find((m: { measure: string }) => m.measure === 'ftes');
    expect(both.length).toBeGreaterThanOrEqual(5);
    expect(ftes.total.agencies).toBe(both.length);
    expect(ftes.total.baseline).toBeCloseTo(both.reduce((x, r) => x + r.baseline.ftes!, 0), 3);
    expect(ftes.total.result).toBeCloseTo(both.reduce((x, r) => x + r.result!.ftes!, 0), 3);
    expect(ftes.total.change).toBeLessThan(0);
    // Every size class shown holds at least 5; the hidden ones together hold 0 or at least 5.
    const shown = ftes.bySize.filter((g: { sum: unknown }) => g.sum);
    for (const g of shown) expect(g.sum.agencies).toBeGreaterThanOrEqual(5);
    const rest = ftes.total.agencies - shown.reduce((x: number, g: { sum: { agencies: number } }) => x + g.sum.agencies, 0);
    expect(rest === 0 || rest >= 5).toBe(true);
  });

  it('records a baseline and then a result for one’s own agency, refusing what does not fit', async () => {
    const url = `/api/v1/services/${used}/baselines/${LOTTSTIFT}`;
    expectProblem(await call('lise', 'PUT', `${url}/result`, { period: '2025', ftes: 1 }), 409, /utgangspunktet før resultatet/);
    const bad = await t.app.inject({ method: 'PUT', url: `${url}?lang=nn`, headers: { ...headers.lise, 'content-type': 'application/json' }, payload: JSON.stringify({ period: '2024-13', ftes: 'to', hoursPerMonth: -3 }) });
    expectProblem(bad, 400, /Skriv eit tal/);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['ftes']);
    const range = await call('lise', 'PUT', url, { period: '2024-13', hoursPerMonth: -3 });
    expect(range.json().errors.map((e: { field: string }) => e.field)).toEqual(['period', 'hoursPerMonth']);
    expectProblem(await call('lise', 'PUT', url, { period: '2024' }), 400, /minst ett av timer, kostnad og årsverk/);
    const created = await call('lise', 'PUT', url, { period: '2024-03', ftes: '2,5', costNokPerYear: '1 200 000' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ baseline: { period: '2024-03', measures: { ftes: 2.5, costNokPerYear: 1_200_000 } }, result: null });
    expectProblem(await call('lise', 'PUT', `${url}/result`, { period: '2023', ftes: 1 }), 400, /periode før utgangspunktet/);
    expectProblem(await call('lise', 'PUT', `${url}/result`, { period: '2025', hoursPerMonth: 10 }), 400, /minst ett av målene/);
    const result = await call('lise', 'PUT', `${url}/result`, { period: '2025', ftes: 1.5, note: 'Etter ett år' });
    expect(result.statusCode).toBe(200);
    expect(result.json().result).toEqual({ period: '2025', measures: { ftes: 1.5 }, note: 'Etter ett år' });
    expect((await call('lise', 'GET', url)).json().baseline.measures.ftes).toBe(2.5);
    // A changed baseline is 200 and must still come before the result.
    expectProblem(await call('lise', 'PUT', url, { period: '2026', ftes: 3 }), 400, /periode før utgangspunktet/);
    expect((await call('lise', 'PUT', url, { period: '2024', ftes: 3 })).statusCode).toBe(200);
    // One agency is no figure.
    const sums = (await t.app.inject({ url: `/api/v1/services/${used}/baselines` })).json();
    expect(sums).toMatchObject({ withBaseline: 1, withResult: 1 });
    expect(sums.measures.every((m: { total: unknown }) => m.total === null)).toBe(true);
    // Not a user of the service: no baseline.
    expectProblem(await call('lise', 'PUT', `/api/v1/services/${unused}/baselines/${LOTTSTIFT}`, { period: '2024', ftes: 1 }), 409, /bruker ikke tjenesten/);
    expectProblem(await call('lise', 'PUT', `/api/v1/services/finnes-ikke/baselines/${LOTTSTIFT}`, { period: '2024', ftes: 1 }), 404, /.+/);
  });

  it('shows the sums on the page in every language and takes the figures by form, errors beside the fields', async () => {
    for (const [prefix, lang, title, ftes] of [['', 'nb', 'Virksomhetenes utgangspunkt og resultater', 'Årsverk'], ['/nn', 'nn', 'Utgangspunkt og resultat hos verksemdene', 'Årsverk'], ['/en', 'en', 'Agencies’ baselines and results', 'FTEs']] as const) {
      const html = decode(expectHtmlPage(await t.app.inject({ url: `${prefix}/tjenester/dfo-lonn/utgangspunkt` }), lang));
      expect(html).toContain(title);
      expect(html).toContain(ftes);
    }
    const page = decode(expectHtmlPage(await t.app.inject({ url: `/tjenester/${used}/utgangspunkt`, headers: { cookie: headers.lise.cookie! } }), 'nb'));
    expect(page).toContain(`action="/tjenester/${used}/utgangspunkt/${LOTTSTIFT}"`);
    const bad = decode(expectHtmlPage(await form('lise', `/tjenester/${used}/utgangspunkt/${LOTTSTIFT}`, { period: 'i fjor', ftes: '2' }), 'nb', 400));
    expect(bad).toContain(`href="#baseline-${LOTTSTIFT}-period"`);
    expect(bad).toMatch(new RegExp(`id="baseline-${LOTTSTIFT}-period"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="baseline-${LOTTSTIFT}-period"`));
    const ok = await form('lise', `/tjenester/${used}/utgangspunkt/${LOTTSTIFT}/resultat`, { period: '2025-06', ftes: '1,2' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/tjenester/${used}/utgangspunkt?ok=result#result-${LOTTSTIFT}`);
    expect((await call('lise', 'GET', `/api/v1/services/${used}/baselines/${LOTTSTIFT}`)).json().result.measures.ftes).toBe(1.2);
  });
});
