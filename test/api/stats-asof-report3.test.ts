/**
 * Every statistic as of a day (issue 17, item 6), for the pages that lacked it: opt-outs and accessions (each
 * procurement in its state on that day, from its milestones), the demand for access (each request in its state on
 * that day, from the answers in the audit trail), satisfaction and gains, and the ministry pages. Each test builds a
 * history by hand and checks that the figures for a past day D differ from today's exactly as the history says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { agencyBaselines, declarations, gainIndicators, gainMeasurements, procurementMilestones, procurements, questionnaires, services, surveys } from '../../src/db/schema/index.js';
import { currentQuestionnaire, ensureQuestionnaires, QUESTIONNAIRE_SLUGS } from '../../src/db/seed/questionnaires.js';
import { osloToday } from '../../src/domain/osloTime.js';
import { answerAccess, askForAccess } from '../../src/resources/accessRequests/commands.js';
import { optOutReport } from '../../src/resources/stats/optouts.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { createAgency, createProvider, createService, createArea, createSubscription } from '../support/factories.js';
import { expectHtmlPage, expectProblem, tableRows } from '../support/expectations.js';
import { actorFor, signedIn } from '../support/sessions.js';

/** The past day asked for. Its Oslo end is 2024-03-15T23:00Z (winter time). */
const D = '2024-03-15';
const at = (iso: string) => new Date(iso);

describe.each(testEngines())('statistics as of a past day on %s', (engine) => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  let ministry = '';

  const get = (url: string) => t.app.inject({ url });
  const json = async (url: string) => {
    const res = await get(url);
    expect(res.statusCode, url).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: 'empty' });
    const db = t.database.db;
    await ensureQuestionnaires(db);
    ministry = (await createAgency(db, { kind: 'ministry', name: { nb: 'Testdepartementet' }, employees: 300 })).orgnr;
    // Ten state agencies (all eligible for a "state" procurement), under the ministry.
    const agencies: string[] = [];
    for (let i = 0; i < 10; i += 1) agencies.push((await createAgency(db, { name: { nb: `Etat ${i}` }, ministryOrgnr: ministry, employees: 100 })).orgnr);
    ids.agency0 = agencies[0]!;
    const provider = await createProvider(db, { slug: 'dfo', name: { nb: 'DFØ' } });
    ids.provider = provider.id;
    const q = (await currentQuestionnaire(db, QUESTIONNAIRE_SLUGS.opt_out))!;

    // A: consultation opened before D, announced after D. B: planned on D, consultation opened just after D's end.
    // C: no milestones (kept before milestones were), in consultation, created today.
    const procurement = async (title: string, status: 'consultation' | 'announced', createdAt?: Date) =>
      (await db.insert(procurements).values({ providerId: provider.id, title: { nb: title }, category: 'Test', description: { nb: 'Test.' }, obligation: 'mandatory', status, questionnaireId: q.id, consultationOpensAt: at('2024-03-01T08:00:00Z'), ...(createdAt ? { createdAt } : {}) }).returning())[0]!;
    const a = await procurement('Anskaffelse A', 'announced', at('2024-01-01T08:00:00Z'));
    const b = await procurement('Anskaffelse B', 'consultation', at('2024-02-01T08:00:00Z'));
    const c = await procurement('Anskaffelse C', 'consultation');
    Object.assign(ids, { a: a.id, b: b.id, c: c.id });
    const step = (procurementId: string, action: 'create' | 'open_consultation' | 'announce', fromStatus: 'planned' | 'consultation' | null, toStatus: 'planned' | 'consultation' | 'announced', when: string) =>
      db.insert(procurementMilestones).values({ procurementId, action, fromStatus, toStatus, at: at(when), byName: 'Test' });
    await step(a.id, 'create', null, 'planned', '2024-01-01T08:00:00Z');
    await step(a.id, 'open_consultation', 'planned', 'consultation', '2024-03-01T08:00:00Z');
    await step(a.id, 'announce', 'consultation', 'announced', '2024-04-01T08:00:00Z');
    await step(b.id, 'create', null, 'planned', '2024-02-01T08:00:00Z');
    await step(b.id, 'open_consultation', 'planned', 'consultation', '2024-03-15T23:00:00Z'); // 00:00 on 16 March in Oslo

    const declare = (i: number, submitted: string, withdrawn?: string) =>
      db.insert(declarations).values({ procurementId: a.id, agencyOrgnr: agencies[i]!, kind: 'opt_out', questionnaireId: q.id, answers: { reason: 'cost' }, submittedAt: at(submitted), updatedAt: at(submitted), submittedBy: 'Test', withdrawnAt: withdrawn ? at(withdrawn) : null });
    for (let i = 0; i < 5; i += 1) await declare(i, '2024-03-05T10:00:00Z'); // before D: both
    await declare(5, '2024-03-15T22:59:00Z'); // 23:59 on D in Oslo: both
    await declare(6, '2024-03-15T23:00:00Z'); // 00:00 the day after in Oslo: today only
    await declare(7, '2024-03-20T10:00:00Z'); // filed after D: today only
    await declare(8, '2024-03-06T10:00:00Z', '2024-03-10T10:00:00Z'); // withdrawn before D: neither
    await declare(9, '2024-03-06T10:00:00Z', '2024-04-02T10:00:00Z'); // withdrawn after D: D only
  });
  afterAll(async () => t?.close());

  describe('opt-outs', () => {
    it('counts each procurement in its state on the day and only the declarations standing at its end', async () => {
      const th = t.app.deps.config.sizeThresholds;
      const past = await optOutReport(t.database.db, th, D);
      // On D only A had been asked (B opened at the stroke of midnight after D; C did not exist).
      expect(past.map((p) => p.procurementId)).toEqual([ids.a]);
      expect(past[0]).toMatchObject({ status: 'consultation', eligible: 11, optOuts: 7, accessions: 0, undeclared: 4 });
      const now = await optOutReport(t.database.db, th, osloToday());
      expect(now.map((p) => p.procurementId).sort()).toEqual([ids.a, ids.b, ids.c].sort());
      expect(now.find((p) => p.procurementId === ids.a)).toMatchObject({ status: 'announced', eligible: 11, optOuts: 8, undeclared: 3 });
      // The day before A's consultation opened: nothing asked yet.
      expect(await optOutReport(t.database.db, th, '2024-02-29')).toEqual([]);
    });

    it('answers through the API and the page for the day asked, the downloads with it', async () => {
      const body = await json(`/api/v1/stats/optouts?asOf=${D}`);
      expect(body.asOf).toBe(D);
      expect(body.items).toHaveLength(1);
      expect(body.items[0]).toMatchObject({ procurementId: ids.a, status: 'consultation', eligible: 11, optOuts: 7 });
      const today = await json('/api/v1/stats/optouts');
      expect(today.asOf).toBe(osloToday());
      expect(today.items.find((i: { procurementId: string }) => i.procurementId === ids.a)).toMatchObject({ status: 'announced', optOuts: 8 });

      const html = expectHtmlPage(await get(`/statistikk/fravalg?asOf=${D}`), 'nb');
      expect(html).toContain('Tall per 15. mars 2024.');
      expect(html).toMatch(/<input(?=[^>]*name="asOf")(?=[^>]*type="date")(?=[^>]*value="2024-03-15")[^>]*>/);
      expect(html).toMatch(/<label[^>]*for="f-asOf"[^>]*>Tall per dag<\/label>/);
      expect(html).toContain('href="/api/v1/stats/optouts?asOf=2024-03-15"');
      const rows = tableRows(html, 'table-fravalg').slice(1);
      expect(rows.map((r) => r[0])).toEqual(['Anskaffelse A']);
      expect(rows[0]!.slice(2, 5)).toEqual(['Åpen for svar', '11', '7']);
      expect(html).toContain('/statistikk/fravalg/tabeller/fravalg.csv?asOf=2024-03-15');

      const csv = await get(`/statistikk/fravalg/tabeller/fravalg.csv?asOf=${D}`);
      expect(csv.statusCode).toBe(200);
      expect(String(csv.headers['content-disposition'])).toContain(`fravalg-fravalg-${D}.csv`);
      const line = csv.body.split('\r\n').find((l) => l.includes('Anskaffelse A'))!;
      expect(line.split(';').slice(2, 5)).toEqual(['Åpen for svar', '11', '7']);
      expect(csv.body).not.toContain('Anskaffelse B');
      const xlsx = await get(`/statistikk/fravalg/tabeller/fravalg.xlsx?asOf=${D}`);
      expect(xlsx.statusCode).toBe(200);
      expect(String(xlsx.headers['content-disposition'])).toContain(`fravalg-fravalg-${D}.xlsx`);
    });

    it('refuses a day that does not exist or has not come, in nb and en', async () => {
      expectProblem(await get('/api/v1/stats/optouts?asOf=2999-01-01'), 400, /«2999-01-01» er ikke en dato i dag eller før/);
      expectProblem(await get('/api/v1/stats/optouts?asOf=2024-02-30&lang=en'), 400, /“2024-02-30” is not a date today or earlier/);
      expect((await get('/statistikk/fravalg?asOf=2999-01-01')).statusCode).toBe(400);
      expect((await get('/statistikk/fravalg/tabeller/fravalg.csv?asOf=2999-01-01')).statusCode).toBe(400);
    });
  });

  describe('access requests', () => {
    it('counts the requests made by the day, each in the state its answers had given it then', async () => {
      const db = t.database.db;
      await createArea(db, { slug: 'it' });
      const other = await createAgency(db, { kind: 'ministry', name: { nb: 'Annet departement' } });
      const svc = await createService(db, { slug: 'sektor-it', name: { nb: 'Sektor-IT' }, providerId: ids.provider!, areaSlug: 'it', model: 'sector', targetGroup: 'sector', targetMinistryOrgnr: other.orgnr });
      expect(svc.slug).toBe('sektor-it');
      const admin = (await signedIn(db, [{ role: 'admin' }])).principal;
      const askers: string[] = [];
      for (let i = 0; i < 13; i += 1) askers.push((await createAgency(db, { name: { nb: `Spør ${i}` } })).orgnr);
      const requests: string[] = [];
      for (let i = 0; i < 12; i += 1) requests.push(await askForAccess(db, actorFor(admin, at('2024-03-01T10:00:00Z')), 'sektor-it', { agency: askers[i]!, need: 'Trenger IT-drift.' }, 'nb'));
      await askForAccess(db, actorFor(admin, at('2024-03-20T10:00:00Z')), 'sektor-it', { agency: askers[12]!, need: 'Trenger IT-drift.' }, 'nb');
      for (let i = 0; i < 5; i += 1) await answerAccess(db, actorFor(admin, at('2024-03-10T10:00:00Z')), 'sektor-it', requests[i]!, { state: 'waiting_list' }, 'nb');
      for (let i = 0; i < 6; i += 1) await answerAccess(db, actorFor(admin, at('2024-04-01T10:00:00Z')), 'sektor-it', requests[i]!, { state: 'granted' }, 'nb');

      const past = await json(`/api/v1/stats/access-requests?asOf=${D}`);
      expect(past.asOf).toBe(D);
      expect(past.items).toEqual([{ service: { slug: 'sektor-it', name: 'Sektor-IT' }, total: 12, byState: { pending: 7, granted: 0, declined: 0, waiting_list: 5 } }]);
      const now = await json('/api/v1/stats/access-requests');
      expect(now.asOf).toBe(osloToday());
      expect(now.items).toEqual([{ service: { slug: 'sektor-it', name: 'Sektor-IT' }, total: 13, byState: { pending: 7, granted: 6, declined: 0, waiting_list: 0 } }]);
      // Before anyone asked: no demand.
      expect((await json('/api/v1/stats/access-requests?asOf=2024-02-29')).items).toEqual([]);
      expectProblem(await get('/api/v1/stats/access-requests?asOf=2999-12-31&lang=en'), 400, /is not a date today or earlier/);
    });
  });

  describe('satisfaction and gains', () => {
    it('shows the surveys closed by the day and the results recorded by then', async () => {
      const db = t.database.db;
      const [tpl] = await db.select().from(questionnaires).where(eq(questionnaires.slug, 'brukerundersokelse'));
      await db.insert(surveys).values({ providerId: ids.provider!, template: 'brukerundersokelse', title: { nb: 'Vårundersøkelsen 2024' }, questionnaireId: tpl!.id, opensOn: '2024-03-01', closesOn: '2024-03-31', createdBy: 'Test' });
      await db.insert(surveys).values({ providerId: ids.provider!, template: 'brukerundersokelse', title: { nb: 'Vinterundersøkelsen 2024' }, questionnaireId: tpl!.id, opensOn: '2024-01-01', closesOn: '2024-03-14', createdBy: 'Test' });
      await createArea(db, { slug: 'lonn' });
      const svc = await createService(db, { slug: 'lonn', name: { nb: 'Lønnstjenester' }, providerId: ids.provider!, areaSlug: 'lonn' });
      const [indicator] = await db
        .insert(gainIndicators)
        .values({ serviceId: svc.id, name: { nb: 'Kostnad per lønnsslipp' }, unit: 'nok', betterWhen: 'lower', baselineValue: 100, baselinePeriod: '2022', baselineDescription: { nb: 'Før' }, source: 'Test', method: 'Test', createdAt: at('2024-01-05T10:00:00Z') })
        .returning();
      await db.insert(gainMeasurements).values([
        { indicatorId: indicator!.id, period: '2023', value: 80, recordedAt: at('2024-02-01T10:00:00Z'), recordedBy: 'Test' },
        { indicatorId: indicator!.id, period: '2024', value: 60, recordedAt: at('2024-06-01T10:00:00Z'), recordedBy: 'Test' },
      ]);
      await db.insert(gainIndicators).values({ serviceId: svc.id, name: { nb: 'Timer per måned' }, unit: 'hours', betterWhen: 'lower', baselineValue: 10, baselinePeriod: '2023', baselineDescription: { nb: 'Før' }, source: 'Test', method: 'Test', createdAt: at('2024-05-01T10:00:00Z') });

      const past = expectHtmlPage(await get(`/statistikk/tilfredshet-og-gevinster?asOf=${D}`), 'nb');
      expect(tableRows(past, 'table-tilfredshet').slice(1).map((r) => r[0])).toEqual(['Vinterundersøkelsen 2024']);
      const pastGains = tableRows(past, 'table-gevinster').slice(1);
      expect(pastGains.map((r) => [r[1], r[5], r[6]])).toEqual([['Kostnad per lønnsslipp', '2023', '80']]);
      expect(past).toMatch(/<input(?=[^>]*name="asOf")(?=[^>]*value="2024-03-15")[^>]*>/);

      const now = expectHtmlPage(await get('/statistikk/tilfredshet-og-gevinster'), 'nb');
      expect(tableRows(now, 'table-tilfredshet').slice(1).map((r) => r[0])).toEqual(['Vårundersøkelsen 2024', 'Vinterundersøkelsen 2024']);
      expect(tableRows(now, 'table-gevinster').slice(1).map((r) => [r[1], r[5], r[6]])).toEqual([
        ['Kostnad per lønnsslipp', '2024', '60'],
        ['Timer per måned', '–', '–'],
      ]);

      const csv = await get(`/statistikk/tilfredshet-og-gevinster/tabeller/gevinster.csv?asOf=${D}`);
      expect(csv.statusCode).toBe(200);
      expect(String(csv.headers['content-disposition'])).toContain(`-${D}.csv`);
      expect(csv.body).toContain('Kostnad per lønnsslipp');
      expect(csv.body).not.toContain('Timer per måned');
      expect((await get('/statistikk/tilfredshet-og-gevinster?asOf=2999-01-01')).statusCode).toBe(400);
    });
  });

  describe('ministries', () => {
    it('keeps the day on the list, its links, the ministry page, its form and downloads', async () => {
      const db = t.database.db;
      const [lonn] = await db.select().from(services).where(eq(services.slug, 'lonn'));
      await createSubscription(db, { agencyOrgnr: ids.agency0!, serviceId: lonn!.id, startedOn: '2024-06-01' });

      const list = expectHtmlPage(await get(`/statistikk/departementer?asOf=${D}`), 'nb');
      expect(list).toContain(`href="/statistikk/departementer/${ministry}?asOf=${D}"`);
      expect(list).toMatch(/<input(?=[^>]*name="asOf")(?=[^>]*value="2024-03-15")[^>]*>/);

      const past = expectHtmlPage(await get(`/statistikk/departementer/${ministry}?asOf=${D}`), 'nb');
      expect(past).toContain('Tall per 15. mars 2024.');
      expect(past).toMatch(/<input(?=[^>]*name="asOf")(?=[^>]*value="2024-03-15")[^>]*>/);
      expect(past).toContain(`/api/v1/stats/coverage?ministry=${ministry}&asOf=${D}`);
      expect(tableRows(past, 'table-tjenester').slice(1).map((r) => r[0])).not.toContain('Lønnstjenester');
      const now = expectHtmlPage(await get(`/statistikk/departementer/${ministry}`), 'nb');
      expect(tableRows(now, 'table-tjenester').slice(1).map((r) => r[0])).toContain('Lønnstjenester');

      const csv = await get(`/statistikk/departementer/${ministry}/tabeller/tjenester.csv?asOf=${D}`);
      expect(csv.statusCode).toBe(200);
      expect(String(csv.headers['content-disposition'])).toContain(`-${D}.csv`);
      expect(csv.body).not.toContain('Lønnstjenester');
      expect((await get(`/statistikk/departementer/${ministry}/tabeller/tjenester.csv`)).body).toContain('Lønnstjenester');
    });
  });

  describe('baselines table', () => {
    it('downloads the page’s table as CSV and XLSX, with the same small-group rule', async () => {
      const db = t.database.db;
      await createArea(db, { slug: 'arkiv' });
      const svc = await createService(db, { slug: 'arkivtjeneste', name: { nb: 'Arkivtjeneste' }, providerId: ids.provider!, areaSlug: 'arkiv' });
      // 6 medium, 5 large, 2 small agencies with a baseline and a result in FTEs: the 2 small are hidden, and so is
      // the next smallest group (large, 5), so the small ones cannot be worked out from the total.
      let i = 0;
      for (const [employees, n] of [[100, 6], [300, 5], [20, 2]] as const) {
        for (let k = 0; k < n; k += 1) {
          const orgnr = (await createAgency(db, { name: { nb: `Grunnlag ${(i += 1)}` }, employees })).orgnr;
          await db.insert(agencyBaselines).values({ serviceId: svc.id, agencyOrgnr: orgnr, baselinePeriod: '2022', baseline: { ftes: 2 }, baselineRecordedAt: at('2023-01-01T10:00:00Z'), baselineRecordedBy: 'Test', resultPeriod: '2024', result: { ftes: 1.5 }, resultRecordedAt: at('2024-06-01T10:00:00Z'), resultRecordedBy: 'Test' });
        }
      }
      const expected = [
        ['Årsverk', 'Alle', '13', '26', '19,5', '-6,5'],
        ['Årsverk', 'Stor', 'Skjult (færre enn 5)', '', '', ''],
        ['Årsverk', 'Mellomstor', '6', '12', '9', '-3'],
        ['Årsverk', 'Liten', 'Skjult (færre enn 5)', '', '', ''],
      ];
      const html = expectHtmlPage(await get('/tjenester/arkivtjeneste/utgangspunkt'), 'nb');
      const shown = tableRows(html, 'table-utgangspunkt').slice(1);
      expect(shown.map((r) => r.slice(0, 6))).toEqual(expected.map((r) => r.map((c, j) => (j >= 3 && c === '' ? '–' : c)).map((c) => c.replace('-', '−'))));
      expect(html).toContain('href="/tjenester/arkivtjeneste/utgangspunkt/tabeller/utgangspunkt.csv"');
      expect(html).toContain('href="/tjenester/arkivtjeneste/utgangspunkt/tabeller/utgangspunkt.xlsx"');

      const csv = await get('/tjenester/arkivtjeneste/utgangspunkt/tabeller/utgangspunkt.csv');
      expect(csv.statusCode).toBe(200);
      expect(String(csv.headers['content-disposition'])).toContain('utgangspunkt-arkivtjeneste.csv');
      const lines = csv.body.split('\r\n').filter((l) => l.startsWith('Årsverk;'));
      expect(lines.map((l) => l.split(';').slice(0, 6).map((c) => c.replace('.', ',')))).toEqual(expected);
      expect(csv.body).toContain('Relativ endring (%)');
      const xlsx = await get('/en/tjenester/arkivtjeneste/utgangspunkt/tabeller/utgangspunkt.xlsx');
      expect(xlsx.statusCode).toBe(200);
      expect(String(xlsx.headers['content-type'])).toMatch(/spreadsheetml/);
      expect((await get('/tjenester/finnes-ikke/utgangspunkt/tabeller/utgangspunkt.csv')).statusCode).toBe(404);
      expect((await get('/tjenester/arkivtjeneste/utgangspunkt/tabeller/annen.csv')).statusCode).toBe(404);
    });
  });

  it('documents asOf on the statistics it adds it to', async () => {
    const doc = await json('/api/v1/openapi.json');
    for (const p of ['/api/v1/stats/optouts', '/api/v1/stats/access-requests']) {
      const params = (doc.paths[p].get.parameters as { name: string; in: string }[]).filter((x) => x.in === 'query').map((x) => x.name);
      expect(params, p).toContain('asOf');
      expect(doc.paths[p].get.responses['400'], p).toBeDefined();
    }
  });
});
