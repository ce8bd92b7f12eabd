import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencies, auditEvents, services, subscriptions } from '../../src/db/schema/index.js';
import { osloDate } from '../../src/domain/osloTime.js';
import { type SizeClass, sizeClassOf } from '../../src/domain/sizeClass.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { decode, expectHtmlPage, expectProblem, inLanguages } from '../support/expectations.js';
import { caller, demoSessions, formPoster, type Who } from '../support/sessions.js';

const LOTTSTIFT = '982391490';
const day = 86400_000;

interface Group {
  key: string;
  respondents: number | null;
  hidden: boolean;
  questions: { question: string; n: number; mean: number | null }[];
}

/**
 * Surveys end to end over HTTP: creating them from a template with own questions, answering once per agency until
 * closing, and the anonymity rule for everyone but the provider and DFØ — nothing with 4 respondents, results with 5,
 * hidden groups under 5 that the total cannot reveal.
 */
describe.each(testEngines())('surveys on %s', (engine) => {
  let t: TestApp;
  let headers: Record<Who, Record<string, string>>;
  let offset = 0;
  const call = caller(() => t, () => headers);
  const post = formPoster(() => t, () => headers);
  const today = () => osloDate(new Date(Date.now() + offset));
  const inDays = (n: number) => osloDate(new Date(Date.now() + offset + n * day));
  const bySize: Record<SizeClass, string[]> = { small: [], medium: [], gap: [], large: [], unknown: [] };
  let notAUser = '';

  const survey = (over: Record<string, unknown> = {}) => ({ provider: 'dfo', template: 'brukerundersokelse', title: 'Testundersøkelse lønn', services: ['dfo-lonn'], opensOn: today(), closesOn: today(), ...over });
  const create = async (over: Record<string, unknown> = {}) => {
    const r = await call('dag', 'POST', '/api/v1/surveys', survey(over));
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const answer = (id: string, orgnr: string, answers: Record<string, unknown>, who: Who = 'anne') => call(who, 'PUT', `/api/v1/surveys/${id}/responses/${orgnr}`, { answers });
  const results = async (id: string, who: Who = 'anonymous') => (await call(who, 'GET', `/api/v1/surveys/${id}/results`)).json();

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: 'demo', clock: () => new Date(Date.now() + offset) });
    headers = await demoSessions(t.database.db);
    const users = await t.database.db
      .select({ orgnr: agencies.orgnr, employees: agencies.employees })
      .from(subscriptions)
      .innerJoin(services, eq(services.id, subscriptions.serviceId))
      .innerJoin(agencies, eq(agencies.orgnr, subscriptions.agencyOrgnr))
      .where(and(eq(services.slug, 'dfo-lonn'), isNull(subscriptions.endedOn), isNull(agencies.deletedOn)));
    for (const u of users.sort((a, b) => a.orgnr.localeCompare(b.orgnr))) bySize[sizeClassOf(u.employees)].push(u.orgnr);
    const [other] = await t.database.db
      .select({ orgnr: agencies.orgnr })
      .from(agencies)
      .where(and(eq(agencies.kind, 'agency'), isNull(agencies.deletedOn), sql`${agencies.orgnr} not in (${sql.join(users.map((u) => sql`${u.orgnr}`), sql`, `)})`))
      .limit(1);
    notAUser = other!.orgnr;
  });
  afterAll(async () => t?.close());

  describe('the anonymity threshold of 5', () => {
    it('shows nothing publicly while the survey is open, to anyone but the provider and DFØ', async () => {
      const id = await create();
      for (const orgnr of bySize.small.slice(0, 6)) expect((await answer(id, orgnr, { satisfaction: 4 })).statusCode).toBe(201);
      expect(await results(id)).toMatchObject({ view: 'public', published: false, respondents: null, questions: [], bySize: [] });
      expect(await results(id, 'dag')).toMatchObject({ view: 'full', published: false, respondents: 6 });
      expect(await results(id, 'anne')).toMatchObject({ view: 'full', respondents: 6 });
      // The provider may ask to see exactly what the public will see.
      expect((await call('dag', 'GET', `/api/v1/surveys/${id}/results?view=public`)).json()).toMatchObject({ view: 'public', respondents: null });
    });

    it('shows nothing with 4 respondents in all, and the results with 5', async () => {
      const four = await create();
      const five = await create();
      for (const orgnr of bySize.small.slice(0, 4)) await answer(four, orgnr, { satisfaction: 2 });
      for (const orgnr of bySize.small.slice(0, 5)) await answer(five, orgnr, { satisfaction: 2 });
      offset = 2 * day;
      try {
        expect(await results(four)).toMatchObject({ published: true, tooFew: true, respondents: null, questions: [], bySize: [], byMinistry: [] });
        expect(await results(four, 'dag')).toMatchObject({ published: true, respondents: 4, bySize: [{ key: 'small', respondents: 4, hidden: false }] });
        const shown = await results(five);
        expect(shown).toMatchObject({ published: true, tooFew: false, respondents: 5, questions: [{ question: 'satisfaction', n: 5, mean: 2 }] });
        expect(shown.bySize).toEqual([expect.objectContaining({ key: 'small', respondents: 5, hidden: false })]);
        expectNothingDerivable(shown);
      } finally {
        offset = 0;
      }
    });

    it('hides a group of 4, shows a group of 5, and hides the next smallest so the total cannot reveal the 4', async () => {
      const id = await create();
      for (const orgnr of bySize.small.slice(0, 4)) await answer(id, orgnr, { satisfaction: 1 });
      for (const orgnr of bySize.medium.slice(0, 5)) await answer(id, orgnr, { satisfaction: 5 });
      for (const orgnr of bySize.large.slice(0, 6)) await answer(id, orgnr, { satisfaction: 3 });
      const balanced = await create();
      for (const orgnr of bySize.small.slice(0, 5)) await answer(balanced, orgnr, { satisfaction: 1 });
      for (const orgnr of bySize.medium.slice(0, 5)) await answer(balanced, orgnr, { satisfaction: 5 });
      offset = 2 * day;
      try {
        const r = await results(id);
        expect(r.respondents).toBe(15);
        expect(r.questions[0]).toMatchObject({ n: 15, mean: 3.13 });
        const size = Object.fromEntries((r.bySize as Group[]).map((g) => [g.key, g]));
        expect(size.small).toMatchObject({ respondents: null, hidden: true, questions: [] });
        expect(size.medium).toMatchObject({ respondents: null, hidden: true, questions: [] });
        expect(size.large).toMatchObject({ respondents: 6, hidden: false, questions: [{ question: 'satisfaction', n: 6, mean: 3 }] });
        expectNothingDerivable(r);
        // Nothing in the public answer gives the 4 small agencies' count or mean.
        expect(JSON.stringify(r.bySize)).not.toMatch(/"respondents":4|"mean":1\b/);
        // The provider sees every group.
        const full = await results(id, 'dag');
        expect((full.bySize as Group[]).map((g) => [g.key, g.respondents])).toEqual([
          ['small', 4],
          ['medium', 5],
          ['large', 6],
        ]);
        // Two groups of 5 are shown as they are.
        expect(((await results(balanced)).bySize as Group[]).map((g) => [g.key, g.respondents, g.questions[0]?.mean])).toEqual([
          ['small', 5, 1],
          ['medium', 5, 5],
        ]);
        // The page says so too.
        const page = decode((await t.app.inject({ url: `/undersokelser/${id}` })).body);
        expect(page).toContain('15 virksomheter har svart.');
        expect(page).toContain('Skjult for å verne anonymiteten: Liten, Mellomstor');
      } finally {
        offset = 0;
      }
    });

    it('keeps a closed survey’s groups as they were when the agencies answered', async () => {
      const id = await create();
      const smalls = bySize.small.slice(0, 5);
      for (const orgnr of smalls) await answer(id, orgnr, { satisfaction: 4 });
      await t.database.db.update(agencies).set({ employees: 5000 }).where(eq(agencies.orgnr, smalls[0]!));
      offset = 2 * day;
      try {
        expect(((await results(id)).bySize as Group[]).map((g) => [g.key, g.respondents])).toEqual([['small', 5]]);
      } finally {
        offset = 0;
      }
    });
  });

  describe('answering', () => {
    it('takes one answer per agency, changeable until closing; a repeat changes nothing; closed refuses', async () => {
      const id = await create({ closesOn: inDays(3) });
      const audits = async () => (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(eq(auditEvents.agencyOrgnr, LOTTSTIFT)))[0]!.n;
      // The agency editor's Min side lists the open survey for the agency, and whether it has answered.
      const onMinSide = async () => {
        const html = decode((await call('lise', 'GET', '/min-side')).body);
        return new RegExp(`undersokelser/${id}/svar\\?virksomhet=${LOTTSTIFT}"[\\s\\S]*?(Ikke besvart|Besvart)`).exec(html)?.[1];
      };
      expect(await onMinSide()).toBe('Ikke besvart');
      const n0 = await audits();
      expect((await answer(id, LOTTSTIFT, { satisfaction: 3, comment: 'Bra' }, 'lise')).statusCode).toBe(201);
      expect(await onMinSide()).toBe('Besvart');
      expect((await answer(id, LOTTSTIFT, { satisfaction: 3, comment: 'Bra' }, 'lise')).statusCode).toBe(200);
      expect(await audits()).toBe(n0 + 1);
      const changed = await answer(id, LOTTSTIFT, { satisfaction: 5 }, 'lise');
      expect(changed.statusCode).toBe(200);
      expect(changed.json().answers).toEqual({ satisfaction: 5 });
      expect(await audits()).toBe(n0 + 2);
      offset = 4 * day;
      try {
        expectProblem(await answer(id, LOTTSTIFT, { satisfaction: 1 }, 'lise'), 409, /avsluttet/);
        expect((await call('lise', 'GET', `/api/v1/surveys/${id}/responses/${LOTTSTIFT}`)).json().answers).toEqual({ satisfaction: 5 });
        expectProblem(await call('dag', 'PUT', `/api/v1/surveys/${id}/dates`, { opensOn: today(), closesOn: inDays(10) }), 409, /avsluttet og kan ikke endres/);
      } finally {
        offset = 0;
      }
    });

    it('refuses answers before opening, from agencies that do not use the service, and invalid ones, writing nothing', async () => {
      const later = await create({ opensOn: inDays(1), closesOn: inDays(5) });
      expectProblem(await answer(later, LOTTSTIFT, { satisfaction: 3 }, 'lise'), 409, /ikke åpnet ennå/);
      const id = await create();
      expectProblem(await answer(id, notAUser, { satisfaction: 3 }), 409, /bruker ingen av tjenestene/);
      const bad = expectProblem(await answer(id, LOTTSTIFT, { satisfaction: 7, adaptation: 'tja', secret: 'x' }, 'lise'), 400, /«Hvor fornøyd er dere med tjenesten alt i alt\?» må være mellom 1 og 5/);
      expect(bad.errors.map((e: { field: string }) => e.field).sort()).toEqual(['answers.adaptation', 'answers.satisfaction', 'answers.secret']);
      expectProblem(await call('lise', 'PUT', `/api/v1/surveys/${id}/responses/${LOTTSTIFT}?lang=en`, { answers: { adaptation: 3 } }), 400, /“Overall, how satisfied are you with the service\?” is required/);
      expectProblem(await call('lise', 'GET', `/api/v1/surveys/${id}/responses/${LOTTSTIFT}`), 404, /ikke svart/);
      expectProblem(await answer('00000000-0000-0000-0000-000000000000', LOTTSTIFT, { satisfaction: 3 }, 'lise'), 404, /finner ikke undersøkelsen/);
    });
  });

  describe('creating and scheduling', () => {
    it('refuses bad dates, own questions, templates and services with every problem named', async () => {
      const dates = expectProblem(await call('dag', 'POST', '/api/v1/surveys', survey({ opensOn: inDays(-1), closesOn: inDays(-2) })), 400, /passert/);
      expect(dates.errors).toEqual([
        { field: 'opensOn', message: 'Datoen kan ikke være passert.' },
        { field: 'closesOn', message: 'Siste svardag kan ikke være før undersøkelsen åpner.' },
      ]);
      expectProblem(await call('dag', 'POST', '/api/v1/surveys', survey({ closesOn: inDays(400) })), 400, /høyst ett år/);
      const custom = expectProblem(
        await call('dag', 'POST', '/api/v1/surveys', survey({ customQuestions: [{ label: 'Hvilke kanaler?', type: 'multi_choice', options: ['Telefon'] }, { label: 'OK', type: 'text' }] })),
        400,
        /Eget spørsmål 1: skriv 2–10 svaralternativer/,
      );
      expect(custom.errors.map((e: { field: string }) => e.field)).toEqual(['cq1_label', 'cq2_label']);
      expectProblem(await call('dag', 'POST', '/api/v1/surveys', survey({ services: ['si-reisebyratjenester'] })), 400, /leverandøren selv leverer/);
      expectProblem(await call('dag', 'POST', '/api/v1/surveys', survey({ template: 'reservasjon-rammeavtale' })), 400, /ingen mal/);
      expectProblem(await call('dag', 'POST', '/api/v1/surveys', survey({ services: [] })), 400, /minst én tjeneste/);
      expectProblem(await call('dag', 'POST', '/api/v1/surveys?lang=en', survey({ audience: 'all_state', services: [] })), 403, /Only DFØ can ask every state agency/);
    });

    it('makes the questionnaire from the template and own questions, and lets the opening date move only before it opens', async () => {
      const r = await call('dag', 'POST', '/api/v1/surveys', survey({ opensOn: inDays(2), closesOn: inDays(9), customQuestions: [{ label: 'Hvor fornøyd er dere med opplæringen?', type: 'scale', required: true }, { label: 'Hvilke kanaler bruker dere?', type: 'multi_choice', options: ['Telefon', 'Chat'] }] }));
      expect(r.statusCode).toBe(201);
      const s = r.json();
      expect(s.questions.map((q: { id: string }) => q.id)).toEqual(['satisfaction', 'adaptation', 'information', 'involvement', 'custom_1', 'custom_2', 'comment']);
      expect(s.questions[4]).toMatchObject({ type: 'scale', required: true, scale: { min: 1, max: 5, minLabel: 'Svært misfornøyd', maxLabel: 'Svært fornøyd' } });
      expect(s.window).toBe('scheduled');
      expect((await call('dag', 'PUT', `/api/v1/surveys/${s.id}/dates`, { opensOn: inDays(1), closesOn: inDays(9) })).json()).toMatchObject({ opensOn: inDays(1), window: 'scheduled' });
      offset = 3 * day;
      try {
        expectProblem(await call('dag', 'PUT', `/api/v1/surveys/${s.id}/dates`, { opensOn: inDays(2), closesOn: inDays(9) }), 400, /åpningsdatoen kan ikke endres/);
        expect((await call('dag', 'PUT', `/api/v1/surveys/${s.id}/dates`, { opensOn: s.opensOn === inDays(-2) ? s.opensOn : inDays(-2), closesOn: inDays(20) })).json().closesOn).toBe(inDays(20));
      } finally {
        offset = 0;
      }
    });
  });

  describe('pages and the demo data', () => {
    it('shows the demo payroll survey’s public results on the service page, with hidden groups and no comments', async () => {
      const html = decode(expectHtmlPage(await t.app.inject({ url: '/tjenester/dfo-lonn' }), 'nb'));
      expect(html).toContain('Brukertilfredshet');
      expect(html).toContain('48 virksomheter har svart.');
      expect(html).toContain('Skjult for å verne anonymiteten');
      expect(html).not.toContain('Vi som liten virksomhet blir sjelden spurt');
      for (const [lang, url] of inLanguages('/tjenester/dfo-lonn')) expectHtmlPage(await t.app.inject({ url }), lang);
    });

    it('gives the document and archive mapping’s results to everyone once closed, for the statistics', async () => {
      const surveys = (await call('anonymous', 'GET', '/api/v1/surveys?window=closed')).json().items as { id: string; template: { slug: string } }[];
      const mapping = surveys.find((s) => s.template.slug === 'dokumentforvaltning-og-arkiv')!;
      const r = await results(mapping.id);
      expect(r).toMatchObject({ view: 'public', published: true, respondents: 64 });
      const system = r.questions.find((q: { question: string }) => q.question === 'system');
      expect(system.counts.reduce((s: number, c: { count: number }) => s + c.count, 0)).toBe(64);
      expect(system.counts.map((c: { label: string }) => c.label)).toContain('Elements');
      expectNothingDerivable(r);
      expect(r.comments).toEqual([]);
    });

    it('answers through the form, with field errors, and renders every survey page in three languages', async () => {
      const open = ((await call('anonymous', 'GET', '/api/v1/surveys?window=open')).json().items as { id: string; title: string }[]).find((s) => s.title === 'Brukerundersøkelse regnskap 2026')!.id;
      const bad = await post('lise', `/undersokelser/${open}/svar`, { virksomhet: LOTTSTIFT, q_adaptation: '4' });
      expect(decode(expectHtmlPage(bad, 'nb', 400))).toContain('«Hvor fornøyd er dere med tjenesten alt i alt?» må fylles ut.');
      const ok = await post('lise', `/undersokelser/${open}/svar`, { virksomhet: LOTTSTIFT, q_satisfaction: '4', q_custom_1: '5', q_comment: 'Fin opplæring' });
      expect(ok.headers.location).toBe(`/undersokelser/${open}/svar?virksomhet=${LOTTSTIFT}&ok=created`);
      for (const [lang, url] of [...inLanguages('/undersokelser'), ...inLanguages(`/undersokelser/${open}`), ...inLanguages(`/undersokelser/${open}/svar?virksomhet=${LOTTSTIFT}`)]) {
        expectHtmlPage(await t.app.inject({ url, headers: { cookie: headers.lise.cookie! } }), lang);
      }
      const providerView = decode((await t.app.inject({ url: `/undersokelser/${open}`, headers: { cookie: headers.dag.cookie! } })).body);
      expect(providerView).toContain('Fin opplæring');
      expect(providerView).not.toContain('Lotteri- og stiftelsestilsynet');
      for (const [lang, url] of inLanguages('/undersokelser/ny')) expectHtmlPage(await t.app.inject({ url, headers: { cookie: headers.dag.cookie! } }), lang);
    });
  });
});

/** For each breakdown of a public result: the total minus the groups shown is none or at least 5, for people and answers. */
function expectNothingDerivable(r: { respondents: number; bySize: Group[]; byMinistry: Group[]; questions: { question: string; n: number }[] }) {
  for (const groups of [r.bySize, r.byMinistry]) {
    const shown = groups.filter((g) => !g.hidden);
    for (const g of shown) expect(g.respondents!).toBeGreaterThanOrEqual(5);
    const rest = r.respondents - shown.reduce((s, g) => s + g.respondents!, 0);
    expect(rest === 0 || rest >= 5, `remainder of ${rest} respondents`).toBe(true);
    for (const q of r.questions) {
      const answered = shown.map((g) => g.questions.find((x) => x.question === q.question)?.n ?? 0);
      for (const n of answered) expect(n === 0 || n >= 5).toBe(true);
      const restQ = q.n - answered.reduce((s, n) => s + n, 0);
      expect(restQ === 0 || restQ >= 5, `remainder of ${restQ} answers to ${q.question}`).toBe(true);
    }
  }
}
