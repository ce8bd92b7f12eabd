/**
 * Statistics on a small dataset whose every figure is worked out by hand in the comments: coverage per area, the
 * gap, adoption by size class (the 151–200 gap and unknown size included), tiers, trends from history,
 * recommendations, opt-outs' empty shape, downloads and bad input. The same figures through the API and the pages.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { agencyInHouseAreas, declarations, procurements, providers as providersTable, services as servicesTable, subscriptions as subscriptionsTable } from '../../src/db/schema/index.js';
import { currentQuestionnaire, ensureQuestionnaires, QUESTIONNAIRE_SLUGS } from '../../src/db/seed/questionnaires.js';
import { formatOrgnr } from '../../src/domain/orgnr.js';
import { osloToday } from '../../src/domain/osloTime.js';
import { optOutReport, reasonLabel } from '../../src/resources/stats/optouts.js';
import { testEngines } from '../support/engines.js';
import { createArea, createProvider, createService, createSubscription, createTier, fakeOrgnr } from '../support/factories.js';
import { decode, expectHtmlPage, expectProblem, inLanguages, tableRows, textOf } from '../support/expectations.js';
import { useAppWithNamedAgencies } from '../support/namedApp.js';

const UNKNOWN = fakeOrgnr();

/** The cells of the row of a table (by id) whose first cell is `first`, as text with spaces normalized. */
function rowCells(html: string, tableId: string, first: string): string[] | undefined {
  return tableRows(html, tableId).find((cells) => cells[0] === first);
}

describe.each(testEngines())('statistics on %s', (engine) => {
  const { t, orgnr: o, add } = useAppWithNamedAgencies(engine);

  beforeAll(async () => {
    const db = t.database.db;
    // Nine state bodies (the population), one municipality, one deleted agency.
    await add('KD', { kind: 'ministry', name: { nb: 'Kunnskapsdepartementet', en: 'Ministry of Education' }, employees: 300 }); // large
    await add('JD', { kind: 'ministry', name: { nb: 'Justisdepartementet', en: 'Ministry of Justice' }, employees: null }); // unknown
    await add('kd1', { name: { nb: 'Alfa-etaten' }, ministryOrgnr: o.KD, employees: 20 }); // small
    await add('kd2', { name: { nb: 'Beta-direktoratet' }, ministryOrgnr: o.KD, employees: 100 }); // medium
    await add('kd3', { name: { nb: 'Gamma-tilsynet' }, ministryOrgnr: o.KD, employees: 175 }); // gap (151–200)
    await add('kd4', { name: { nb: '=HYPERLINK("http://x") Delta' }, ministryOrgnr: o.KD, employees: null }); // unknown
    await add('jd1', { name: { nb: 'Epsilon-etaten' }, ministryOrgnr: o.JD, employees: 500 }); // large
    await add('jd2', { name: { nb: 'Zeta-nemnda' }, ministryOrgnr: o.JD, employees: 10 }); // small
    await add('st', { kind: 'other', name: { nb: 'Stortinget' }, employees: 300 }); // large
    await add('m1', { kind: 'municipality', name: { nb: 'Eta kommune' }, employees: 50 });
    await add('d1', { name: { nb: 'Nedlagt etat' }, ministryOrgnr: o.KD, employees: 40, deletedOn: '2019-07-01' });

    await createArea(db, { slug: 'lonn', name: { nb: 'Lønn', nn: 'Løn', en: 'Payroll' }, sortOrder: 1 });
    await createArea(db, { slug: 'regnskap', name: { nb: 'Regnskap', en: 'Accounting' }, sortOrder: 2 });
    await createArea(db, { slug: 'it-drift', name: { nb: 'IT-drift', en: 'IT operation' }, sortOrder: 3, gapArea: true });
    await createArea(db, { slug: 'arkiv', name: { nb: 'Arkiv', en: 'Archive' }, sortOrder: 4, gapArea: true });
    const dfo = await createProvider(db, { slug: 'dfo', name: { nb: 'DFØ' }, model: 'central' });
    const unit = await createProvider(db, { slug: 'unit', name: { nb: 'Unit' }, model: 'sector' });
    const dss = await createProvider(db, { slug: 'dss', name: { nb: 'DSS' }, model: 'group' });
    const nett = await createProvider(db, { slug: 'nett', name: { nb: 'Nettverket' }, model: 'network' });
    const svc = async (slug: string, name: string, providerId: string, areaSlug: string, over: Partial<Parameters<typeof createService>[1]> = {}) =>
      createService(db, { slug, name: { nb: name }, providerId, areaSlug, ...over });
    const lonn = await svc('lonn', 'Lønnstjenester', dfo.id, 'lonn');
    const regnskap = await svc('regnskap', 'Regnskapstjenester', dfo.id, 'regnskap');
    const sektorIt = await svc('sektor-it', 'Sektor-IT', unit.id, 'it-drift', { model: 'sector', targetGroup: 'sector', targetMinistryOrgnr: o.KD });
    const gruppeArkiv = await svc('gruppe-arkiv', 'Gruppearkiv', dss.id, 'arkiv', { model: 'group', targetGroup: 'group' });
    const nettArkiv = await svc('nett-arkiv', 'Nettverksarkiv', nett.id, 'arkiv', { model: 'network', targetGroup: 'by_agreement' });
    const sky = await svc('sky', 'Skymarked', dfo.id, 'it-drift', { targetGroup: 'state_and_municipal', launchedOn: '2024-03-01' });
    await svc('planlagt', 'Planlagt arkivavtale', dfo.id, 'arkiv', { status: 'planned', plannedOn: '2099-01-01' });
    const basis = await createTier(db, { serviceId: lonn.id, slug: 'basis', name: { nb: 'Basis', en: 'Basic' }, sortOrder: 1, current: false });
    const full = await createTier(db, { serviceId: lonn.id, slug: 'fullservice', name: { nb: 'Fullservice', en: 'Full service' }, sortOrder: 2 });
    const sub = (agency: string, serviceId: string, startedOn: string | null, over: Partial<Parameters<typeof createSubscription>[1]> = {}) =>
      createSubscription(db, { agencyOrgnr: o[agency]!, serviceId, startedOn, ...over });
    // Payroll: today kd1 basis, kd2 basis (moved from full service on 2021-01-01), kd3, jd1, st full service.
    await sub('kd1', lonn.id, '2019-03-01', { tierId: basis.id });
    await sub('kd2', lonn.id, '2018-01-01', { tierId: full.id, endedOn: '2020-12-31', endReason: 'tier_change' });
    await sub('kd2', lonn.id, '2021-01-01', { tierId: basis.id });
    await sub('kd3', lonn.id, '2017-05-01', { tierId: full.id });
    await sub('jd1', lonn.id, '2010-01-01', { tierId: full.id });
    await sub('st', lonn.id, '2022-01-01', { tierId: full.id });
    await sub('d1', lonn.id, '2015-01-01', { endedOn: '2019-06-30', endReason: 'merger' });
    await sub('kd1', regnskap.id, '2020-01-01');
    await sub('jd1', regnskap.id, null); // start unknown: counted today, not in the trend
    await sub('kd1', sektorIt.id, '2019-01-01');
    await sub('kd2', sektorIt.id, '2019-01-01');
    await sub('KD', sektorIt.id, '2019-01-01');
    await sub('KD', gruppeArkiv.id, '2016-01-01');
    await sub('JD', gruppeArkiv.id, '2016-01-01');
    await sub('jd2', nettArkiv.id, '2021-01-01');
    await sub('m1', sky.id, '2024-06-01');
    await sub('jd1', sky.id, '2024-06-01');
    await sub('kd3', sky.id, '2999-01-01'); // not started: not use today
    await db.insert(agencyInHouseAreas).values({ agencyOrgnr: o.jd2!, areaSlug: 'it-drift', declaredOn: '2020-01-01' });
    await db.insert(agencyInHouseAreas).values({ agencyOrgnr: o.kd4!, areaSlug: 'arkiv', declaredOn: '2018-01-01', endedOn: '2019-01-01' }); // no longer
  });

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const json = async (url: string) => {
    const res = await get(url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const serviceId = async (slug: string) => (await t.database.db.select({ id: servicesTable.id }).from(servicesTable).where(eq(servicesTable.slug, slug)))[0]!.id;
  const noInlineStyleOrScript = (html: string) => {
    expect(html).not.toMatch(/<style|<script| style="/);
  };

  describe('coverage', () => {
    it('counts each state body once per area under its first arrangement, the rest as none known', async () => {
      const body = await json('/api/v1/stats/coverage?limit=100');
      expect(body.population).toBe(9);
      expect(body.kinds).toEqual(['central', 'sector', 'group', 'network', 'own', 'none']);
      const by = Object.fromEntries(body.areas.map((a: { area: { slug: string } }) => [a.area.slug, a]));
      expect(by.lonn.counts).toEqual({ central: 5, sector: 0, group: 0, network: 0, own: 0, none: 4 });
      expect(by.lonn.shares.central).toBeCloseTo(5 / 9, 10);
      // it-drift: jd1 central (the cloud market), KD, kd1, kd2 sector, jd2 in-house; JD, kd3 (not started), kd4, Stortinget none.
      expect(by['it-drift'].counts).toEqual({ central: 1, sector: 3, group: 0, network: 0, own: 1, none: 4 });
      expect(by['it-drift'].gapExposed).toBe(5);
      expect(by.arkiv.counts).toEqual({ central: 0, sector: 0, group: 2, network: 1, own: 0, none: 6 });
      expect(by.arkiv.gapExposed).toBe(7);
      expect(by.arkiv.area).toEqual({ slug: 'arkiv', name: 'Arkiv', gapArea: true });
    });

    it('lists the agencies by name with their cell per area, in pages', async () => {
      const body = await json('/api/v1/stats/coverage?limit=3&offset=1');
      expect(body.agencies).toMatchObject({ total: 9, limit: 3, offset: 1 });
      // Norwegian collation puts the name starting with = first.
      expect(body.agencies.items.map((a: { name: string }) => a.name)).toEqual(['Alfa-etaten', 'Beta-direktoratet', 'Epsilon-etaten']);
      const epsilon = body.agencies.items[2];
      expect(epsilon).toMatchObject({ orgnr: o.jd1, sizeClass: 'large', ministry: { orgnr: o.JD, name: 'Justisdepartementet' } });
      expect(epsilon.coverage).toEqual([
        { area: 'lonn', primary: 'central', models: ['central'], inHouse: false },
        { area: 'regnskap', primary: 'central', models: ['central'], inHouse: false },
        { area: 'it-drift', primary: 'central', models: ['central'], inHouse: false },
        { area: 'arkiv', primary: 'none', models: [], inHouse: false },
      ]);
    });

    it('filters by ministry area, size class (gap and unknown included) and kind', async () => {
      expect((await json(`/api/v1/stats/coverage?ministry=${o.KD}`)).population).toBe(5);
      const gap = await json('/api/v1/stats/coverage?size=gap');
      expect(gap.population).toBe(1);
      expect(gap.agencies.items[0].orgnr).toBe(o.kd3);
      expect((await json('/api/v1/stats/coverage?size=unknown')).population).toBe(2);
      expect((await json('/api/v1/stats/coverage?kind=municipality')).areas.find((a: { area: { slug: string } }) => a.area.slug === 'it-drift').counts.central).toBe(1);
      expect((await json('/api/v1/stats/coverage?size=small&size=medium')).population).toBe(3);
    });

    it('reports the gap: agencies without central, sector or group arrangements in IT operation or archive, by size', async () => {
      const { gap } = await json('/api/v1/stats/coverage');
      expect(gap.areas).toEqual(['it-drift', 'arkiv']);
      // Only KD has sector IT and group archive; everyone else lacks one of them.
      expect(gap.exposed).toBe(8);
      const by = Object.fromEntries(gap.bySize.map((s: { sizeClass: string }) => [s.sizeClass, s]));
      expect(Object.keys(by)).toEqual(['small', 'medium', 'gap', 'large', 'unknown']);
      expect(by.large).toEqual({ sizeClass: 'large', agencies: 3, exposed: 2, share: 2 / 3 });
      expect(by.gap).toEqual({ sizeClass: 'gap', agencies: 1, exposed: 1, share: 1 });
      expect(by.unknown).toEqual({ sizeClass: 'unknown', agencies: 2, exposed: 2, share: 1 });
    });

    it.each(inLanguages('/statistikk/dekning'))('the coverage page in %s shows the chart, the table and the matrix', async (lang, path) => {
      const html = expectHtmlPage(await get(path), lang);
      noInlineStyleOrScript((await get(path)).body);
      expect(textOf(html, 'h1')).toBe({ nb: 'Dekning', nn: 'Dekning', en: 'Coverage' }[lang]);
      expect(html).toMatch(/<figure class="chart[^"]*" id="dekning-diagram">/);
      expect(html).toMatch(/<svg class="chart__svg" role="img" aria-labelledby="dekning-diagram-title" aria-describedby="dekning-diagram-desc"/);
      expect(html).toContain({ nb: 'Ingen kjent', nn: 'Ingen kjend', en: 'None known' }[lang]);
      const prefix = lang === 'nb' ? '' : `/${lang}`;
      expect(html).toContain(`href="${prefix}/statistikk/dekning/tabeller/omrader.csv"`);
      expect(html).toContain(`href="${prefix}/statistikk/dekning/tabeller/virksomheter.xlsx"`);
      expect(html).toContain(formatOrgnr(o.kd3!));
    });

    it('shows the same figures on the page as in the API', async () => {
      const html = decode((await get('/statistikk/dekning')).body);
      // Lønn: 5 central, 4 none known, 55,6 % with a known arrangement, 4 without central/sector/group.
      expect(rowCells(html, 'table-omrader', 'Lønn')).toEqual(['Lønn', '5', '0', '0', '0', '0', '4', '55,6 %', '4']);
      // Epsilon-etaten in the matrix: central for payroll, accounting and IT, none known for archive.
      expect(rowCells(html, 'table-virksomheter', 'Epsilon-etaten')).toEqual(['Epsilon-etaten', formatOrgnr(o.jd1!), 'Justisdepartementet', 'Stor', 'Sentral', 'Sentral', 'Sentral', 'Ingen kjent']);
      expect(html).toContain('Grunnlaget er 9 statlige virksomheter');
    });
  });

  describe('adoption', () => {
    const item = async (url: string, slug: string) => (await json(url)).items.find((i: { service: { slug: string } }) => i.service.slug === slug);

    it('gives the share of eligible agencies by size class, never dropping the gap or unknown', async () => {
      const lonn = await item('/api/v1/stats/adoption', 'lonn');
      expect(lonn).toMatchObject({ users: 5, eligibilityKnown: true, eligibleUsers: 5, eligible: 9 });
      expect(lonn.share).toBeCloseTo(5 / 9, 10);
      expect(lonn.bySize).toEqual([
        { sizeClass: 'small', users: 1, eligible: 2, share: 0.5 },
        { sizeClass: 'medium', users: 1, eligible: 1, share: 1 },
        { sizeClass: 'gap', users: 1, eligible: 1, share: 1 },
        { sizeClass: 'large', users: 2, eligible: 3, share: 2 / 3 },
        { sizeClass: 'unknown', users: 0, eligible: 2, share: 0 },
      ]);
      expect(lonn.tiers).toEqual({
        total: 5,
        notStated: 0,
        tiers: [
          { slug: 'basis', name: 'Basis', current: false, count: 2, share: 0.4 },
          { slug: 'fullservice', name: 'Fullservice', current: true, count: 3, share: 0.6 },
        ],
      });
    });

    it('limits sector services to their ministry area and municipal services include municipalities', async () => {
      expect(await item('/api/v1/stats/adoption', 'sektor-it')).toMatchObject({ users: 3, eligible: 5, share: 0.6 });
      expect(await item('/api/v1/stats/adoption', 'sky')).toMatchObject({ users: 2, eligible: 10, share: 0.2 });
    });

    it('gives counts but no share where the register does not say who may use a service', async () => {
      expect(await item('/api/v1/stats/adoption', 'gruppe-arkiv')).toMatchObject({ users: 2, eligibilityKnown: false, eligible: null, share: null });
    });

    it('splits one service by ministry area, and counts within one ministry area', async () => {
      const [lonn] = (await json('/api/v1/stats/adoption?service=lonn')).items;
      const by = Object.fromEntries(lonn.byMinistry.map((m: { ministry: { orgnr: string } | null }) => [m.ministry?.orgnr ?? 'none', m]));
      expect(by[o.KD!]).toMatchObject({ users: 3, eligible: 5, share: 0.6 });
      expect(by[o.JD!]).toMatchObject({ users: 1, eligible: 3 });
      expect(by.none).toMatchObject({ ministry: null, users: 1, eligible: 1 });
      expect(await item(`/api/v1/stats/adoption?ministry=${o.JD}`, 'lonn')).toMatchObject({ users: 1, eligible: 3 });
    });

    it('filters, sorts and pages', async () => {
      const byName = await json('/api/v1/stats/adoption?sort=name&limit=2');
      expect(byName.total).toBe(7);
      expect(byName.items.map((i: { service: { name: string } }) => i.service.name)).toEqual(['Gruppearkiv', 'Lønnstjenester']);
      const dfo = await json('/api/v1/stats/adoption?provider=dfo&sort=share');
      // payroll 5/9, accounting 2/9 (jd1's start date is unknown, but it uses it today), cloud market 2/10, planned 0/9
      expect(dfo.items.map((i: { service: { slug: string } }) => i.service.slug)).toEqual(['lonn', 'regnskap', 'sky', 'planlagt']);
      expect((await json('/api/v1/stats/adoption?area=arkiv')).total).toBe(3);
    });

    it('shows the tier split and the size chart on the page, with numbers formatted in Norwegian', async () => {
      const res = await get('/statistikk/bruk?provider=dfo');
      noInlineStyleOrScript(res.body);
      const html = expectHtmlPage(res, 'nb');
      expect(html).toContain('Andel som bruker Lønnstjenester, etter størrelse');
      expect(html).toMatch(/Basis \(gammel modell\)<\/td><td class="num">2<\/td><td class="num">40\s%<\/td>/);
      expect(html).toMatch(/>151–200 ansatte</);
      expect(html).not.toContain('Mellom mellomstor og stor');
      expect(html).toMatch(/>Ukjent størrelse</);
    });
  });

  describe('trends', () => {
    it('counts distinct customers at the end of each year from history, leaving undated rows out', async () => {
      const body = await json('/api/v1/stats/trends?from=2018');
      expect(body.by).toBe('area');
      expect(body.points.slice(0, 5).map((p: { date: string }) => p.date)).toEqual(['2018-12-31', '2019-12-31', '2020-12-31', '2021-12-31', '2022-12-31']);
      expect(body.undated).toBe(1);
      const lonn = body.series.find((s: { area: { slug: string } }) => s.area.slug === 'lonn');
      // 2018: kd2, kd3, jd1, d1 · 2019: d1 gone, kd1 in · 2020: kd2 still (ends 31.12) · 2021: kd2 again (basis) · 2022: + Stortinget
      expect(lonn.values.slice(0, 5)).toEqual([4, 4, 4, 4, 5]);
      expect(lonn.values.at(-1)).toBe(5);
      expect(lonn.growth).toBeCloseTo(0.25, 10);
      const regnskap = body.series.find((s: { area: { slug: string } }) => s.area.slug === 'regnskap');
      expect(regnskap.values.at(-1)).toBe(1); // jd1 has no start date
    });

    it('gives series per service for a provider, and new and planned services', async () => {
      const body = await json('/api/v1/stats/trends?provider=dfo&from=2023');
      expect(body.by).toBe('service');
      expect(body.series.map((s: { service: { slug: string } }) => s.service.slug).sort()).toEqual(['lonn', 'regnskap', 'sky']);
      expect(body.launched.map((s: { slug: string }) => s.slug)).toEqual(['sky']);
      expect(body.planned).toEqual([{ slug: 'planlagt', name: 'Planlagt arkivavtale', provider: { slug: 'dfo', name: 'DFØ' }, area: { slug: 'arkiv', name: 'Arkiv' }, plannedOn: '2099-01-01' }]);
    });

    it.each(inLanguages('/statistikk/utvikling'))('the trends page in %s', async (lang, path) => {
      const html = expectHtmlPage(await get(path), lang);
      expect(html).toMatch(/<figure class="chart[^"]*" id="utvikling-diagram">/);
      expect(html).toContain({ nb: 'Planlagt arkivavtale', nn: 'Planlagt arkivavtale', en: 'Planlagt arkivavtale' }[lang]);
      expect(html).toContain({ nb: '1 aktivt kundeforhold uten startdato', nn: '1 aktivt kundeforhold utan startdato', en: '1 active subscription without a start date' }[lang]);
    });
  });

  describe('opt-outs and accessions', () => {
    it('says so while no procurement has opened its consultation', async () => {
      const body = await json('/api/v1/stats/optouts');
      expect(body).toMatchObject({ available: false, items: [] });
      expect(body.note).toMatch(/Ingen anskaffelse har åpnet/);
      expect((await json('/api/v1/stats/optouts?lang=en')).note).toMatch(/No procurement has opened/);
      const html = expectHtmlPage(await get('/statistikk/fravalg'), 'nb');
      expect(html).toContain('Fravalg og tilslutning per anskaffelse');
      expect(html).toContain('Ingen anskaffelse har åpnet');
    });

    it('counts each eligible agency once, by size, with reasons labelled from the questionnaire', async () => {
      const db = t.database.db;
      await ensureQuestionnaires(db);
      const q = (await currentQuestionnaire(db, QUESTIONNAIRE_SLUGS.opt_out))!;
      const [provider] = await db.select().from(providersTable).where(eq(providersTable.slug, 'dfo'));
      const now = new Date();
      const procurement = async (title: string, status: 'planned' | 'consultation') =>
        (await db.insert(procurements).values({ providerId: provider!.id, title: { nb: title, en: `${title} (en)` }, category: 'Test', description: { nb: 'Test.' }, obligation: 'mandatory', status, questionnaireId: q.id, consultationOpensAt: status === 'planned' ? null : now }).returning())[0]!;
      const open = await procurement('Reiseavtale', 'consultation');
      const planned = await procurement('Planlagt avtale', 'planned');
      const declare = (p: { id: string }, agency: string, kind: 'opt_out' | 'accession', reason: string | null, withdrawn = false) =>
        db.insert(declarations).values({ procurementId: p.id, agencyOrgnr: o[agency]!, kind, questionnaireId: q.id, answers: reason ? { reason } : {}, submittedAt: now, updatedAt: now, submittedBy: 'Test', withdrawnAt: withdrawn ? now : null });
      // Eligible ("state"): the two ministries and six agencies = 8 (Stortinget is "other", m1 a municipality, d1 deleted).
      await declare(open, 'kd1', 'opt_out', 'cost'); // small
      await declare(open, 'kd3', 'opt_out', 'cost'); // gap
      await declare(open, 'jd1', 'opt_out', 'own_contract'); // large
      await declare(open, 'kd2', 'accession', null); // medium
      await declare(open, 'jd2', 'opt_out', 'cost', true); // withdrawn: not counted
      await declare(open, 'm1', 'opt_out', 'cost'); // not eligible: counted apart
      await declare(planned, 'kd1', 'opt_out', 'cost'); // not asked yet: procurement left out

      // Every figure, before the small-group rule: what the rules compute (never sent as is).
      const full = await optOutReport(t.database.db, t.app.deps.config.sizeThresholds, osloToday());
      expect(full).toHaveLength(1);
      const item = full[0]!;
      expect(item).toMatchObject({ procurementId: open.id, status: 'consultation', provider: { slug: 'dfo' }, eligible: 8, optOuts: 3, accessions: 1, undeclared: 4, optOutRate: 0.375, accessionRate: 0.125, outsideEligible: 1 });
      expect(item.title).toMatchObject({ nb: 'Reiseavtale', en: 'Reiseavtale (en)' });
      const costLabel = (q.definition.questions.find((x) => x.id === 'reason') as { options: { value: string; label: { nb: string } }[] }).options.find((x) => x.value === 'cost')!.label.nb;
      expect(item.reasons).toEqual([
        { code: 'cost', count: 2, share: 2 / 3 },
        expect.objectContaining({ code: 'own_contract', count: 1 }),
      ]);
      expect(reasonLabel(item, 'cost', 'nb')).toBe(costLabel);
      const size = Object.fromEntries(item.bySize.map((b) => [b.sizeClass, b]));
      expect(size.small).toMatchObject({ eligible: 2, optOuts: 1, accessions: 0 });
      expect(size.medium).toMatchObject({ eligible: 1, optOuts: 0, accessions: 1 });
      expect(size.gap).toMatchObject({ eligible: 1, optOuts: 1 });
      expect(size.large).toMatchObject({ eligible: 2, optOuts: 1, reasons: [expect.objectContaining({ code: 'own_contract', count: 1 })] });
      expect(size.unknown).toMatchObject({ eligible: 2, optOuts: 0, undeclared: 2 });

      // The public sees that the procurement is open and how many may answer, but with 4 declarations (fewer than
      // 5) nothing about who declared what: no counts, no reasons, no groups (issue 14, item 3).
      const body = await json('/api/v1/stats/optouts');
      expect(body.available).toBe(true);
      expect(body.items).toHaveLength(1);
      expect(body.items[0]).toMatchObject({ procurementId: open.id, title: 'Reiseavtale', status: 'consultation', provider: { slug: 'dfo' }, eligible: 8, optOuts: null, accessions: null, undeclared: null, optOutRate: null, accessionRate: null, hidden: true, outsideEligible: null, reasons: [] });
      for (const b of body.items[0].bySize) expect(b).toMatchObject({ optOuts: null, accessions: null, hidden: true, reasons: [] });
      for (const m of body.items[0].byMinistry) expect(m).toMatchObject({ optOuts: null, accessions: null, hidden: true });
      expect(JSON.stringify(body)).not.toContain('own_contract');
      expect((await json('/api/v1/stats/optouts?lang=en')).items[0].title).toBe('Reiseavtale (en)');

      const html = expectHtmlPage(await get('/statistikk/fravalg'), 'nb');
      expect(html).not.toContain('Ingen anskaffelse har åpnet');
      expect(rowCells(html, 'table-fravalg', 'Reiseavtale')).toEqual(['Reiseavtale', 'DFØ', 'Åpen for svar', '8', '–', '–', '–', '–', '–']);
      expect(html).not.toContain('table-begrunnelser-1');
      expect(html).toContain('færre enn 5 virksomheter har svart');
      expect((await get('/statistikk/fravalg/tabeller/begrunnelser-1.csv')).statusCode).toBe(404);

      // Two more agencies declare: 6 in all. Now the totals show; a size class with 1–4 declarations stays hidden,
      // and so does the next smallest, so neither can be worked out from the total.
      for (const key of ['KD', 'kd4']) await declare(open, key, 'accession', null);
      const six = (await json('/api/v1/stats/optouts')).items[0];
      expect(six).toMatchObject({ eligible: 8, optOuts: 3, accessions: 3, hidden: false, reasons: [] });
      const shownDeclared = six.bySize.filter((b: { hidden: boolean }) => !b.hidden).reduce((n: number, b: { optOuts: number; accessions: number }) => n + b.optOuts + b.accessions, 0);
      expect(6 - shownDeclared === 0 || 6 - shownDeclared >= 5).toBe(true);
      expect(six.bySize.some((b: { hidden: boolean }) => b.hidden)).toBe(true);
      expect(six.bySize.every((b: { reasons: unknown[] }) => b.reasons.length === 0)).toBe(true);
    });
  });

  describe('"Hva kan vi bruke?"', () => {
    it('ranks services by use among similar agencies, says why, and leaves out what the agency cannot use', async () => {
      const body = await json(`/api/v1/agencies/${o.kd4}/recommendations`);
      expect(body.agency).toMatchObject({ orgnr: o.kd4, sizeClass: 'unknown', ministry: { orgnr: o.KD, name: 'Kunnskapsdepartementet' } });
      expect(body.similar).toBe('Lignende virksomheter er de andre virksomhetene under Kunnskapsdepartementet. Størrelsen er ukjent, så den er ikke brukt.');
      expect(body.usesCount).toBe(0);
      const all = body.areas.flatMap((a: { items: unknown[] }) => a.items);
      const score = Object.fromEntries(all.map((r: { service: { slug: string }; score: number }) => [r.service.slug, r.score]));
      // 3 of 4 KD peers use payroll and sector IT; 1 of 4 accounting and the group archive; nobody the cloud market.
      // Not suggested (issue 18): the group archive (eligibility unknown: the agency may not be allowed to use it)
      // and the cloud market (no similar agency uses it).
      expect(Object.keys(score).sort()).toEqual(['lonn', 'regnskap', 'sektor-it']);
      expect(score.lonn).toBe(score['sektor-it']);
      expect(score['sektor-it']).toBeGreaterThan(score.regnskap);
      expect(body.areas.map((a: { area: { slug: string } }) => a.area.slug)).toEqual(['lonn', 'regnskap', 'it-drift']);
      const lonn = all.find((r: { service: { slug: string } }) => r.service.slug === 'lonn');
      expect(lonn).toMatchObject({ eligibility: 'yes', similar: { users: 3, peers: 4 }, sameMinistry: { users: 3, peers: 4 }, sameSize: null });
      expect(lonn.reasons).toEqual([{ kind: 'sameMinistry', users: 3, peers: 4, text: 'Brukes av 3 av 4 virksomheter under Kunnskapsdepartementet.' }]);
      expect(all.some((r: { service: { slug: string } }) => r.service.slug === 'gruppe-arkiv' || r.service.slug === 'sky')).toBe(false);
      expect(all.some((r: { service: { slug: string } }) => r.service.slug === 'nett-arkiv')).toBe(false);
      expect(body.planned.map((p: { slug: string }) => p.slug)).toEqual(['planlagt']);
      expect(body.coverage.find((c: { area: { slug: string } }) => c.area.slug === 'arkiv')).toMatchObject({ primary: 'none', inHouse: false });
    });

    it('compares a small agency with its ministry area and with other small agencies', async () => {
      const body = await json(`/api/v1/agencies/${o.jd2}/recommendations?lang=en`);
      const lonn = body.areas.flatMap((a: { items: unknown[] }) => a.items).find((r: { service: { slug: string } }) => r.service.slug === 'lonn');
      // Peers: JD and jd1 (same ministry), kd1 (also small); jd1 and kd1 use payroll.
      expect(lonn).toMatchObject({ similar: { users: 2, peers: 3 }, sameMinistry: { users: 1, peers: 2 }, sameSize: { users: 1, peers: 1 } });
      expect(lonn.reasons.map((r: { text: string }) => r.text)).toEqual(['Used by 1 of 1 other agencies of size “small”.', 'Used by 1 of 2 agencies under Ministry of Justice.']);
      expect(body.coverage.find((c: { area: { slug: string } }) => c.area.slug === 'it-drift')).toMatchObject({ primary: 'own', inHouse: true });
    });

    it.each(inLanguages(''))('the page in %s lists suggestions by area with reasons, and the coverage', async (lang) => {
      const prefix = lang === 'nb' ? '' : `/${lang}`;
      const res = await get(`${prefix}/virksomheter/${o.kd4}/hva-kan-vi-bruke`);
      noInlineStyleOrScript(res.body);
      const html = expectHtmlPage(res, lang);
      expect(textOf(html, 'h1')).toBe({ nb: 'Hva kan vi bruke?', nn: 'Kva kan vi bruke?', en: 'What could we use?' }[lang]);
      expect(html).toContain({ nb: 'Brukes av 3 av 4 virksomheter under Kunnskapsdepartementet.', nn: 'Blir brukt av 3 av 4 verksemder under Kunnskapsdepartementet.', en: 'Used by 3 of 4 agencies under Ministry of Education.' }[lang]);
      expect(html.indexOf('Lønnstjenester')).toBeLessThan(html.indexOf('Regnskapstjenester'));
      expect(html.indexOf('Regnskapstjenester')).toBeGreaterThan(-1);
      expect(html).toContain(`href="${prefix}/virksomheter/${o.kd4}/hva-kan-vi-bruke/tabeller/forslag.csv"`);
    });

    it('is linked from the agency page', async () => {
      const html = decode((await get(`/virksomheter/${o.kd4}`)).body);
      expect(html).toContain(`href="/virksomheter/${o.kd4}/hva-kan-vi-bruke"`);
      expect(decode((await get(`/virksomheter/${o.KD}`)).body)).toContain(`href="/statistikk/departementer/${o.KD}"`);
    });
  });

  describe('per provider and per ministry', () => {
    it('shows a provider\'s services with adoption, tiers and trend', async () => {
      const res = await get('/statistikk/leverandorer/dfo');
      const html = expectHtmlPage(res, 'nb');
      expect(textOf(html, 'h1')).toBe('Statistikk: DFØ');
      expect(html).toMatch(/<figure class="chart[^"]*" id="modeller-diagram">/);
      expect(html).toMatch(/<figure class="chart[^"]*" id="utvikling-diagram">/);
      expect(decode((await get('/leverandorer/dfo')).body)).toContain('href="/statistikk/leverandorer/dfo"');
    });

    it('shows a ministry area: coverage of its agencies, the services they use, who lacks IT and archive', async () => {
      const html = expectHtmlPage(await get(`/statistikk/departementer/${o.KD}`), 'nb');
      expect(textOf(html, 'h1')).toBe('Statistikk: Kunnskapsdepartementet');
      expect(html).toContain('Grunnlaget er 5 statlige virksomheter');
      expect(html).toContain('4 av 5 virksomheter mangler en sentral, sektor- eller gruppeløsning');
      expect(html).not.toContain('Epsilon-etaten');
      expect(expectHtmlPage(await get('/en/statistikk/departementer'), 'en')).toContain(`href="/en/statistikk/departementer/${o.KD}"`);
    });
  });

  describe('downloads', () => {
    it('sends CSV that Norwegian Excel opens, with the page\'s filters and every row', async () => {
      const res = await get(`/statistikk/dekning/tabeller/virksomheter.csv?ministry=${o.KD}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="dekning-virksomheter-\d{4}-\d{2}-\d{2}\.csv"$/);
      const lines = res.body.split('\r\n');
      expect(lines[0]).toBe('\uFEFFVirksomhet;Organisasjonsnummer;Departementsområde;Størrelse;Lønn;Regnskap;IT-drift;Arkiv');
      expect(lines).toHaveLength(1 + 5 + 1); // header, the 5 agencies of the ministry area, nothing after the last CRLF
      expect(lines.slice(1, 6).every((l) => l.includes(';Kunnskapsdepartementet;'))).toBe(true);
      expect(lines[6]).toBe('');
    });

    it('neutralizes formula injection in exported names', async () => {
      const csv = (await get('/statistikk/dekning/tabeller/virksomheter.csv')).body;
      expect(csv).toContain(`"'=HYPERLINK(""http://x"") Delta";${formatOrgnr(o.kd4!)};Kunnskapsdepartementet;Ukjent størrelse;Ingen kjent;`);
    });

    it('writes percentages with a decimal comma in bokmål and a point in English', async () => {
      const nb = (await get('/statistikk/dekning/tabeller/omrader.csv')).body.split('\r\n');
      expect(nb[1]).toBe('Lønn;5;0;0;0;0;4;55,6;4');
      const en = (await get('/en/statistikk/dekning/tabeller/omrader.csv')).body.split('\r\n');
      expect(en[0]).toBe('\uFEFFService area,Central,Sector,Group,Collaboration,In-house,None known,Share with a known arrangement (%),"Without central, sector or group"');
      expect(en[1]).toBe('Payroll,5,0,0,0,0,4,55.6,4');
    });

    it('sends XLSX with numeric cells and number formats', async () => {
      const res = await get('/statistikk/bruk/tabeller/tjenester.xlsx?provider=dfo');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as never);
      const ws = wb.worksheets[0]!;
      expect(ws.getRow(1).values).toEqual([undefined, 'Tjeneste', 'Leverandør', 'Tjenesteområde', 'Brukere', 'Kan bruke', 'Andel', 'Andel liten', 'Andel mellomstor', 'Andel 151–200 ansatte', 'Andel stor', 'Andel ukjent størrelse']);
      expect(ws.getCell('A2').value).toBe('Lønnstjenester');
      expect(ws.getCell('D2').value).toBe(5);
      expect(ws.getCell('E2').value).toBe(9);
      expect(ws.getCell('F2').value).toBeCloseTo(5 / 9, 10);
      expect(ws.getCell('F2').numFmt).toBe('0.0%');
    });

    it('refuses unknown tables and formats with a 404 that names the tables', async () => {
      const res = await get('/statistikk/dekning/tabeller/finnes-ikke.csv');
      expect(res.statusCode).toBe(404);
      expect(decode(res.body)).toContain('Siden har ingen tabell «finnes-ikke». (omrader, virksomheter)');
      expect((await get('/statistikk/dekning/tabeller/omrader.pdf')).statusCode).toBe(404);
    });
  });

  describe('bad input gets a clear 4xx, never a 500', () => {
    const api: [string, number, RegExp][] = [
      ['/api/v1/stats/coverage?size=huge', 400, /size/],
      ['/api/v1/stats/coverage?ministry=123', 400, /9 sifre/],
      [`/api/v1/stats/coverage?ministry=${UNKNOWN}`, 400, /tilhører ikke et departement/],
      ['/api/v1/stats/coverage?limit=0', 400, /limit/],
      ['/api/v1/stats/adoption?area=finnes-ikke', 400, /Filteret «area» har ingen verdi «finnes-ikke»/],
      ['/api/v1/stats/adoption?service=finnes-ikke&lang=en', 400, /service/],
      ['/api/v1/stats/adoption?sort=random', 400, /sort/],
      ['/api/v1/stats/trends?from=1800', 400, /from/],
      ['/api/v1/stats/trends?by=ministry', 400, /by/],
      ['/api/v1/agencies/123/recommendations', 400, /9 sifre/],
      [`/api/v1/agencies/${UNKNOWN}/recommendations`, 404, /Vi finner ingen virksomhet/],
      [`/api/v1/agencies/${UNKNOWN}/recommendations?lang=en`, 404, /organisation number/],
    ];
    it.each(api)('%s → %i', async (url, status, detail) => {
      expectProblem(await get(url), status, detail);
    });

    const pages: [string, number][] = [
      ['/statistikk/dekning?size=huge', 400],
      ['/statistikk/dekning?page=99', 404],
      ['/statistikk/bruk?area=finnes-ikke', 400],
      ['/statistikk/leverandorer/finnes-ikke', 404],
      [`/statistikk/departementer/${UNKNOWN}`, 404],
      ['/statistikk/departementer/12', 400],
      ['/virksomheter/123/hva-kan-vi-bruke', 400],
      [`/virksomheter/${UNKNOWN}/hva-kan-vi-bruke`, 404],
    ];
    it.each(pages)('%s → %i page', async (url, status) => {
      const res = await get(url);
      expectHtmlPage(res, 'nb', status);
    });
  });

  it('serves cached figures until the data changes, then new ones', async () => {
    const users = async () => (await json('/api/v1/stats/adoption?service=sky')).items[0].users;
    expect(await users()).toBe(2);
    expect(await users()).toBe(2);
    const [row] = await t.database.db.insert(subscriptionsTable).values({ agencyOrgnr: o.kd4!, serviceId: await serviceId('sky'), startedOn: '2020-01-01' }).returning();
    expect(await users()).toBe(3);
    await t.database.db.delete(subscriptionsTable).where(eq(subscriptionsTable.id, row!.id));
    expect(await users()).toBe(2);
  });

  it('counts an agency once per service when rows overlap today (one ends in the future, one is open)', async () => {
    const users = async () => (await json('/api/v1/stats/adoption?service=sky')).items[0].users;
    const id = await serviceId('sky');
    const rows = await t.database.db
      .insert(subscriptionsTable)
      .values([
        { agencyOrgnr: o.kd4!, serviceId: id, startedOn: '2020-01-01', endedOn: '2099-12-31' },
        { agencyOrgnr: o.kd4!, serviceId: id, startedOn: '2021-01-01' },
        { agencyOrgnr: o.kd1!, serviceId: id, startedOn: '2021-01-01', endedOn: '2099-12-31' },
        { agencyOrgnr: o.kd1!, serviceId: id, startedOn: '2022-01-01', endedOn: '2098-12-31' },
      ])
      .returning();
    expect(await users()).toBe(4);
    const rec = await json(`/api/v1/agencies/${o.kd3}/recommendations`);
    const sky = rec.areas.flatMap((a: { items: unknown[] }) => a.items).find((r: { service: { slug: string } }) => r.service.slug === 'sky');
    expect(sky.sameMinistry).toEqual({ users: 2, peers: 4 }); // kd1 and kd4, once each
    for (const r of rows) await t.database.db.delete(subscriptionsTable).where(eq(subscriptionsTable.id, r.id));
    expect(await users()).toBe(2);
  });

  it('is in the OpenAPI document', async () => {
    const doc = await json('/api/v1/openapi.json');
    for (const p of ['/api/v1/stats/coverage', '/api/v1/stats/adoption', '/api/v1/stats/trends', '/api/v1/stats/optouts', '/api/v1/agencies/{orgnr}/recommendations']) {
      expect(doc.paths[p]?.get?.tags, p).toContain('statistics');
    }
    expect(doc.components.schemas.StatsCoverage).toBeDefined();
  });

  it('puts Statistikk in the main menu, marked current on the statistics pages', async () => {
    const html = decode((await get('/statistikk')).body);
    expect(html).toMatch(/<a href="\/statistikk" aria-current="page">Statistikk<\/a>/);
    expect(decode((await get('/en/tjenester')).body)).toContain('<a href="/en/statistikk">Statistics</a>');
  });
});
