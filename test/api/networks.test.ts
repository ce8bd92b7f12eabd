import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencies, auditEvents, networkMembers, networks } from '../../src/db/schema/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { decode, expectHtmlPage, expectProblem, inLanguages } from '../support/expectations.js';
import { caller, demoSessions, formPoster, type Who } from '../support/sessions.js';

const LOTTSTIFT = '982391490';

/** Networks: the public list and pages, creating and changing them, agencies joining and leaving with history. */
describe.each(testEngines())('networks on %s', (engine) => {
  let t: TestApp;
  let headers: Record<Who, Record<string, string>>;
  const call = caller(() => t, () => headers);
  const post = formPoster(() => t, () => headers);
  const audits = async () => (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]!.n;

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: 'demo' });
    headers = await demoSessions(t.database.db);
  });
  afterAll(async () => t?.close());

  it('lists the demo networks and filters by kind, area, county and member', async () => {
    const slugs = async (q: string) => ((await call('anonymous', 'GET', `/api/v1/networks${q}`)).json().items as { slug: string }[]).map((n) => n.slug);
    expect((await slugs('')).length).toBe(14);
    expect((await slugs('?kind=statens_hus')).sort()).toEqual(['statens-hus-forde', 'statens-hus-lyngdal', 'statens-hus-narvik', 'statens-hus-orkland', 'statens-hus-stad']);
    expect((await slugs('?kind=forum')).sort()).toEqual(['statens-arbeidsgiverrad', 'statens-innkjopsrad']);
    expect((await slugs('?county=Vestland')).sort()).toEqual(['innkjopssamarbeid-vestland', 'statens-hus-forde', 'statens-hus-stad']);
    expect(await slugs('?area=arkiv-og-dokumentforvaltning')).toEqual(expect.arrayContaining(['arkivfaglig-nettverk', 'administrativt-samarbeid-kulturforvaltningen', 'samlokaliserte-virksomheter-oslo-sentrum']));
    expect(await slugs('?member=974761335')).toEqual(['hr-nettverk-sma-og-mellomstore', 'samlokaliserte-virksomheter-oslo-sentrum'].sort((a, b) => a.localeCompare(b, 'nb')));
    expectProblem(await call('anonymous', 'GET', '/api/v1/networks?kind=klubb'), 400, /kind/);
    expectProblem(await call('anonymous', 'GET', '/api/v1/networks?member=12345'), 400, /9 sifre/);
  });

  it('shows one network with its members, facilitator and place; 404 in the asked language', async () => {
    const n = (await call('anonymous', 'GET', '/api/v1/networks/statens-hus-forde?lang=en')).json();
    expect(n).toMatchObject({ kind: 'statens_hus', name: 'Government House Førde', county: 'Vestland', municipality: { number: '4647', name: 'Sunnfjord' }, facilitator: { slug: 'statens-hus' }, members: 2, factSource: 'illustrative' });
    expect(n.memberList.map((m: { orgnr: string }) => m.orgnr).sort()).toEqual(['974760665', '981965132']);
    expectProblem(await call('anonymous', 'GET', '/api/v1/networks/finnes-ikke'), 404, /Vi finner ikke nettverket «finnes-ikke»/);
    expectProblem(await call('anonymous', 'GET', '/api/v1/networks/finnes-ikke?lang=en'), 404, /We cannot find the network/);
  });

  it('refuses a bad network with every problem named, and writes nothing', async () => {
    const before = await audits();
    const body = expectProblem(
      await call('dag', 'POST', '/api/v1/networks', { name: 'X', kind: 'professional_network', description: 'kort', areas: [], county: 'Narnia', contactEmail: 'ikke-en-adresse', facilitator: 'dfo' }),
      400,
      /Navnet må ha 3–200 tegn/,
    );
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['areas', 'contactEmail', 'county', 'description', 'name']);
    expectProblem(await call('dag', 'POST', '/api/v1/networks', { name: 'Nettverk', kind: 'sector', description: 'Et nettverk i Vestland.', areas: ['lonn'], county: 'Oslo', municipality: '4647', facilitator: 'dfo' }), 400, /Sunnfjord ligger ikke i Oslo/);
    expectProblem(await call('dag', 'POST', '/api/v1/networks', { name: 'Nettverk', kind: 'sector', description: 'Et nettverk i Vestland.', areas: ['astrologi'], facilitator: 'dfo' }), 400, /tjenesteområdet «astrologi»/);
    expectProblem(await call('dag', 'POST', '/api/v1/networks', { name: 'Nettverk', kind: 'sector', description: 'Et nettverk i Vestland.', areas: ['lonn'], facilitator: 'dfo', ministry: '974761335' }), 400, /ikke et departement/);
    expectProblem(await call('dag', 'POST', '/api/v1/networks', { name: 'Nettverk', kind: 'sector', description: 'Et nettverk i Vestland.', areas: ['lonn'], facilitator: 'statens-innkjopssenter' }), 403, /leverandører du er redaktør for/);
    expect(await audits()).toBe(before);
  });

  it('creates a network with a free address, its areas and region, in one audit event', async () => {
    const before = await audits();
    const input = { name: 'Lønnsnettverk i Vestland', nameEn: 'Payroll network in Vestland', kind: 'regional', description: 'Lønnsmedarbeidere i Vestland møtes.', areas: ['lonn', 'regnskap'], facilitator: 'dfo', municipality: '4601', contactEmail: 'lonn@dfo.example' };
    const first = await call('dag', 'POST', '/api/v1/networks', input);
    expect(first.statusCode).toBe(201);
    expect(first.headers.location).toBe('/api/v1/networks/lonnsnettverk-i-vestland');
    expect(first.json()).toMatchObject({ slug: 'lonnsnettverk-i-vestland', county: 'Vestland', municipality: { name: 'Bergen' }, areas: [{ slug: 'lonn' }, { slug: 'regnskap' }], members: 0 });
    expect((await call('dag', 'POST', '/api/v1/networks', input)).json().slug).toBe('lonnsnettverk-i-vestland-2');
    expect(await audits()).toBe(before + 2);
    // The facilitator changes it; the address stays.
    const changed = await call('dag', 'PUT', '/api/v1/networks/lonnsnettverk-i-vestland', { ...input, name: 'Lønns- og regnskapsnettverk', areas: ['regnskap'] });
    expect(changed.json()).toMatchObject({ slug: 'lonnsnettverk-i-vestland', name: 'Lønns- og regnskapsnettverk', areas: [{ slug: 'regnskap' }] });
  });

  it('lets an agency join once and leave, keeping the history; a deleted agency cannot join', async () => {
    const join = () => call('lise', 'PUT', `/api/v1/networks/statens-hus-forde/members/${LOTTSTIFT}`);
    expect((await join()).json()).toEqual({ member: true, outcome: 'joined' });
    const again = await join();
    expect(again.statusCode).toBe(200);
    expect(again.json().outcome).toBe('unchanged');
    expect((await call('lise', 'DELETE', `/api/v1/networks/statens-hus-forde/members/${LOTTSTIFT}`)).json()).toEqual({ member: false, outcome: 'left' });
    expect((await call('lise', 'DELETE', `/api/v1/networks/statens-hus-forde/members/${LOTTSTIFT}`)).json().outcome).toBe('unchanged');
    expect((await join()).statusCode).toBe(201);
    const [n] = await t.database.db.select({ id: networks.id }).from(networks).where(eq(networks.slug, 'statens-hus-forde'));
    const rows = await t.database.db.select().from(networkMembers).where(and(eq(networkMembers.networkId, n!.id), eq(networkMembers.agencyOrgnr, LOTTSTIFT)));
    expect(rows.map((r) => r.leftAt === null).sort()).toEqual([false, true]);
    const [deleted] = await t.database.db.select({ orgnr: agencies.orgnr }).from(agencies).where(sql`${agencies.deletedOn} is not null`).limit(1);
    expectProblem(await call('anne', 'PUT', `/api/v1/networks/statens-hus-forde/members/${deleted!.orgnr}`), 409, /slettet/);
    expectProblem(await call('anne', 'PUT', '/api/v1/networks/statens-hus-forde/members/982391491'), 400, /kontrollsifferet/);
  });

  it('shows a change on the cached public page at once', async () => {
    const url = '/nettverk/innkjopssamarbeid-vestland';
    const first = await t.app.inject({ url });
    expect(first.headers.etag).toBeDefined();
    expect(decode(first.body)).not.toContain('Lotteri- og stiftelsestilsynet');
    expect((await call('lise', 'PUT', `/api/v1/networks/innkjopssamarbeid-vestland/members/${LOTTSTIFT}`)).statusCode).toBe(201);
    const second = await t.app.inject({ url });
    expect(second.headers.etag).not.toBe(first.headers.etag);
    expect(decode(second.body)).toContain('Lotteri- og stiftelsestilsynet');
  });

  it('renders the list and a network in bokmål, nynorsk and English', async () => {
    for (const [lang, path] of inLanguages('/nettverk?county=Vestland')) {
      const html = expectHtmlPage(await t.app.inject({ url: path }), lang);
      expect(html).toContain(lang === 'en' ? 'Government House Førde' : 'Statens hus Førde');
      expect(html).toMatch(lang === 'en' ? /<strong>\d+ networks<\/strong>/ : /<strong>\d+ nettverk<\/strong>/);
      expect(html).not.toContain('Nettverket for administrasjonssjefer');
    }
    for (const [lang, path] of inLanguages('/nettverk/nettverket-for-administrasjonssjefer')) {
      const html = expectHtmlPage(await t.app.inject({ url: path }), lang);
      expect(html).toContain(lang === 'en' ? 'Network of heads of administration' : lang === 'nn' ? 'Nettverket for administrasjonssjefar' : 'Nettverket for administrasjonssjefer');
      expect(html).toContain('Rapport 5.2');
    }
  });

  it('joins and leaves through the page’s buttons, and creates through the form with errors shown', async () => {
    const join = await post('lise', '/nettverk/arkivfaglig-nettverk/bli-med', { virksomhet: LOTTSTIFT });
    expect(join.statusCode).toBe(303);
    expect(join.headers.location).toBe('/nettverk/arkivfaglig-nettverk?ok=joined#members');
    const page = decode((await t.app.inject({ url: '/nettverk/arkivfaglig-nettverk?ok=joined', headers: { cookie: headers.lise.cookie! } })).body);
    expect(page).toContain('Virksomheten er meldt inn.');
    expect(page).toContain('Meld Lotteri- og stiftelsestilsynet ut');
    expect((await post('lise', '/nettverk/arkivfaglig-nettverk/forlat', { virksomhet: LOTTSTIFT })).headers.location).toBe('/nettverk/arkivfaglig-nettverk?ok=left#members');
    const bad = await post('siri', '/en/nettverk/ny', { name: 'Ab', kind: 'regional', description: 'short', facilitator: 'statens-innkjopssenter' });
    const html = expectHtmlPage(bad, 'en', 400);
    expect(html).toContain('The name must have 3–200 characters.');
    expect(html).toContain('href="#f-areas"');
    const ok = await post('siri', '/nettverk/ny', { name: 'Innkjøpsnettverk', kind: 'professional_network', description: 'Innkjøpere møtes jevnlig.', areas: ['innkjop'], facilitator: 'statens-innkjopssenter' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/nettverk/innkjopsnettverk?ok=created');
  });
});
