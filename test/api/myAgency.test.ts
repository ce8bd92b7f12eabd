import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/auth/sessions.js';
import { agencies, agencyInHouseAreas, agencyLocations, auditEvents, serviceOptOuts, services, subscriptions, users } from '../../src/db/schema/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { decode, expectHtmlPage } from '../support/expectations.js';

const LOTTSTIFT = '982391490';

/** The agency's self-service through its forms: profile, locations, usage register with history, non-use. */
describe.each(testEngines())('Min virksomhet on %s', (engine) => {
  let t: TestApp;
  const session: Record<'lise' | 'dag', { cookie: string; csrf: string }> = { lise: { cookie: '', csrf: '' }, dag: { cookie: '', csrf: '' } };

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: 'demo' });
    for (const [who, email] of [['lise', 'lise.berg@lottstift.example'], ['dag', 'dag.olsen@dfo.example']] as const) {
      const [u] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.email, email));
      const s = await createSession(t.database.db, u!.id, { idleMinutes: 60, maxHours: 1 });
      session[who] = { cookie: `ft_session=${s.token}`, csrf: s.csrfToken };
    }
  });
  afterAll(async () => t?.close());

  const post = (path: string, form: Record<string, string>, who: 'lise' | 'dag' = 'lise') =>
    t.app.inject({
      method: 'POST',
      url: `/min-side/virksomhet/${LOTTSTIFT}${path}`,
      headers: { cookie: session[who].cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: session[who].csrf, ...form }).toString(),
    });
  const audits = async () => (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]!.n;

  it('shows the page in all three languages', async () => {
    for (const [lang, prefix] of [['nb', ''], ['nn', '/nn'], ['en', '/en']] as const) {
      const html = expectHtmlPage(await t.app.inject({ url: `${prefix}/min-side/virksomhet/${LOTTSTIFT}`, headers: { cookie: session.lise.cookie } }), lang);
      expect(html).toContain(lang === 'en' ? 'Norwegian Gaming and Foundation Authority' : 'Lotteri- og stiftelsestilsynet');
    }
  });

  it('updates the profile, and refuses bad values with the form again and nothing written', async () => {
    const before = await audits();
    const bad = await post('/profil', { employees: 'mange', email: 'ikke-e-post', phone: '' });
    const html = decode(expectHtmlPage(bad, 'nb', 400));
    expect(html).toContain('Antall ansatte må være et helt tall.');
    expect(html).toContain('Skriv en gyldig e-postadresse.');
    expect(await audits()).toBe(before);
    const ok = await post('/profil', { employees: '45', email: 'post@lottstift.example', phone: '+47 57 82 80 00' });
    expect(ok.statusCode).toBe(303);
    const [a] = await t.database.db.select().from(agencies).where(eq(agencies.orgnr, LOTTSTIFT));
    expect(a).toMatchObject({ employees: 45, employeesSource: 'agency', email: 'post@lottstift.example' });
    expect(await audits()).toBe(before + 1);
    const page = decode((await t.app.inject({ url: `/min-side/virksomhet/${LOTTSTIFT}`, headers: { cookie: session.lise.cookie } })).body);
    expect(page).toContain('Liten (under 50 ansatte)');
  });

  it('adds and removes locations', async () => {
    expect((await post('/steder', { name: 'Førde', postalCode: '68OO' })).statusCode).toBe(400);
    expect((await post('/steder', { name: 'Førde', address: 'Storehagen 1', postalCode: '6800', city: 'Førde' })).statusCode).toBe(303);
    const [loc] = await t.database.db.select().from(agencyLocations).where(eq(agencyLocations.agencyOrgnr, LOTTSTIFT));
    expect(loc).toMatchObject({ name: 'Førde', postalCode: '6800' });
    expect((await post(`/steder/${loc!.id}/fjern`, {})).statusCode).toBe(303);
    expect(await t.database.db.select().from(agencyLocations).where(eq(agencyLocations.agencyOrgnr, LOTTSTIFT))).toHaveLength(0);
  });

  it('keeps the usage register’s history: a tier change ends one row and starts another; ending keeps the row', async () => {
    const [svc] = await t.database.db.select().from(services).where(eq(services.slug, 'dfo-regnskap'));
    const rows = () => t.database.db.select().from(subscriptions).where(and(eq(subscriptions.agencyOrgnr, LOTTSTIFT), eq(subscriptions.serviceId, svc!.id)));
    const already = (await rows()).length;
    if ((await rows()).some((r) => r.endedOn === null)) expect((await post('/bruk/avslutt', { service: 'dfo-regnskap', endedOn: '2090-01-01' })).statusCode).toBe(303);
    expect((await post('/bruk', { service: 'dfo-regnskap', tier: 'delservice', since: '2091-02-01' })).statusCode).toBe(303);
    expect((await post('/bruk', { service: 'dfo-regnskap', tier: 'fullservice', since: '2091-06-01' })).statusCode).toBe(303);
    const bad = await post('/bruk', { service: 'dfo-regnskap', tier: 'gull', since: '2091-07-01' });
    expect(decode(expectHtmlPage(bad, 'nb', 400))).toContain('Tjenesten har ingen tjenestemodell «gull».');
    expect((await post('/bruk', { service: 'finnes-ikke', since: '2091-07-01' })).statusCode).toBe(400);
    expect((await post('/bruk/avslutt', { service: 'dfo-regnskap', endedOn: '2092-01-01' })).statusCode).toBe(303);
    expect((await post('/bruk/avslutt', { service: 'dfo-regnskap' })).statusCode).toBe(404);
    const mine = (await rows()).filter((r) => (r.startedOn ?? '') >= '2091-01-01').sort((a, b) => a.startedOn!.localeCompare(b.startedOn!));
    expect(mine.map((r) => [r.startedOn, r.endedOn, r.endReason])).toEqual([
      ['2091-02-01', '2091-05-31', 'tier_change'],
      ['2091-06-01', '2092-01-01', 'left'],
    ]);
    expect((await rows()).length).toBe(already + 2);
  });

  it('records a voluntary non-use with a reason, which the provider then sees', async () => {
    const bad = await post('/fravalg', { service: 'dfo-lonn-reiseutgifter', q_reason: 'other' });
    expect(decode(expectHtmlPage(bad, 'nb', 400))).toContain('«Utdyp gjerne» må fylles ut.');
    expect((await post('/fravalg', { service: 'dfo-lonn-reiseutgifter', q_reason: 'cost', q_details: 'For dyrt for oss', q_may_contact: 'yes' })).statusCode).toBe(303);
    const [row] = await t.database.db.select().from(serviceOptOuts).innerJoin(services, eq(services.id, serviceOptOuts.serviceId)).where(eq(services.slug, 'dfo-lonn-reiseutgifter'));
    expect(row!.service_opt_outs.answers).toEqual({ reason: 'cost', details: 'For dyrt for oss', may_contact: 'yes' });
    const dfo = decode((await t.app.inject({ url: '/min-side', headers: { cookie: session.dag.cookie } })).body);
    expect(dfo).toContain('Lotteri- og stiftelsestilsynet');
    expect(dfo).toContain('Kostnad – For dyrt for oss – Ja');
  });

  it('declares the areas it handles in-house, which the coverage statistics then count; history kept', async () => {
    const db = t.database.db;
    const postAreas = (areasTicked: string[], who: 'lise' | 'dag' = 'lise') => {
      const body = new URLSearchParams({ _csrf: session[who].csrf });
      for (const a of areasTicked) body.append('areas', a);
      return t.app.inject({ method: 'POST', url: `/min-side/virksomhet/${LOTTSTIFT}/egne-omrader`, headers: { cookie: session[who].cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
    };
    const rows = () => db.select().from(agencyInHouseAreas).where(eq(agencyInHouseAreas.agencyOrgnr, LOTTSTIFT));
    const ownIn = async (area: string) => {
      const body = (await t.app.inject({ url: '/api/v1/stats/coverage' })).json() as { areas: { area: { slug: string }; counts: Record<string, number> }[] };
      return body.areas.find((x) => x.area.slug === area)!.counts.own ?? -1;
    };
    const page = await t.app.inject({ url: `/min-side/virksomhet/${LOTTSTIFT}`, headers: { cookie: session.lise.cookie } });
    expect(page.body).toContain('Områder dere løser selv');
    expect(page.body).toMatch(/<input[^>]*type="checkbox"[^>]*name="areas"[^>]*value="arkiv-og-dokumentforvaltning"/);

    const ownBefore = await ownIn('arkiv-og-dokumentforvaltning');
    const before = await audits();
    const first = await postAreas(['arkiv-og-dokumentforvaltning', 'lokaler-og-tekniske-tjenester']);
    expect(first.statusCode).toBe(303);
    expect((await rows()).filter((r) => r.endedOn === null).map((r) => r.areaSlug).sort()).toEqual(['arkiv-og-dokumentforvaltning', 'lokaler-og-tekniske-tjenester']);
    expect(await audits()).toBe(before + 1);
    expect(await ownIn('arkiv-og-dokumentforvaltning')).toBe(ownBefore + 1);
    const ticked = await t.app.inject({ url: `/min-side/virksomhet/${LOTTSTIFT}`, headers: { cookie: session.lise.cookie } });
    expect(ticked.body).toMatch(/<input[^>]*checked=""[^>]*value="arkiv-og-dokumentforvaltning"/);
    expect(ticked.body).not.toMatch(/<input[^>]*checked=""[^>]*value="lonn"/);

    // Unticking one ends its row (kept as history); the other row is untouched; the same set again writes nothing.
    const kept = (await rows()).find((r) => r.areaSlug === 'arkiv-og-dokumentforvaltning')!;
    expect((await postAreas(['arkiv-og-dokumentforvaltning'])).statusCode).toBe(303);
    const after = await rows();
    expect(after).toHaveLength(2);
    expect(after.find((r) => r.areaSlug === 'lokaler-og-tekniske-tjenester')!.endedOn).not.toBeNull();
    expect(after.find((r) => r.areaSlug === 'arkiv-og-dokumentforvaltning')).toEqual(kept);
    const n = await audits();
    expect((await postAreas(['arkiv-og-dokumentforvaltning'])).statusCode).toBe(303);
    expect(await audits()).toBe(n);

    // An unknown area: the form again with a message, nothing written. Another agency's editor: refused.
    const bad = await postAreas(['arkiv-og-dokumentforvaltning', 'finnes-ikke']);
    expect(bad.statusCode).toBe(400);
    expect(decode(bad.body)).toContain('Ukjent tjenesteområde: finnes-ikke.');
    expect(await rows()).toHaveLength(2);
    expect((await postAreas([], 'dag')).statusCode).toBe(403);
    expect((await rows()).filter((r) => r.endedOn === null)).toHaveLength(1);
  });

  it('refuses another agency’s editor', async () => {
    const res = await post('/profil', { employees: '1' }, 'dag');
    expect(res.statusCode).toBe(403);
    const [a] = await t.database.db.select().from(agencies).where(eq(agencies.orgnr, LOTTSTIFT));
    expect(a!.employees).toBe(45);
  });
});
