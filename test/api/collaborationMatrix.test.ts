import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, gainIndicators, ideas, needs, services } from '../../src/db/schema/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { caller, demoSessions, matrix, PRINCIPALS, type Who } from '../support/sessions.js';

const LOTTSTIFT = '982391490'; // Lise's agency (KUD, Sunnfjord)
const FORBRUKER = '974761335'; // one of Per's agencies
const SPRAKRADET = '971527404'; // a KUD agency with a shared need in the demo data
const BIOTEKNOLOGI = '980633446'; // an agency with a restricted need (not KUD)

/**
 * The authorization matrix for collaboration and involvement: every role (and the public) × networks, needs,
 * surveys, ideas and gains × read, create, change and act, allowed and denied, over HTTP with real sessions and
 * CSRF tokens — the same discipline as test/api/access.test.ts. 401 is "sign in", 403 "not yours"; an allowed
 * repeat answers 200 (nothing changed) where the first answered 201.
 */
describe.each(testEngines())('authorization for collaboration and involvement on %s', (engine) => {
  let t: TestApp;
  let headers: Record<Who, Record<string, string>>;
  const call = caller(() => t, () => headers);
  const ids = { openSurvey: '', openSurveyOpensOn: '', closedSurvey: '', sharedNeed: '', restrictedNeed: '', kudRestrictedNeed: '', dfoIdea: '', sisIdea: '', lonnIndicator: '', travelIndicator: '' };

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: 'demo' });
    headers = await demoSessions(t.database.db);
    const db = t.database.db;
    const surveys = (await call('anonymous', 'GET', '/api/v1/surveys')).json().items as { id: string; window: string; opensOn: string; template: { slug: string } }[];
    ids.openSurvey = surveys.find((s) => s.window === 'open')!.id;
    ids.openSurveyOpensOn = surveys.find((s) => s.window === 'open')!.opensOn;
    ids.closedSurvey = surveys.find((s) => s.window === 'closed' && s.template.slug === 'brukerundersokelse')!.id;
    ids.sharedNeed = (await db.select({ id: needs.id }).from(needs).where(eq(needs.agencyOrgnr, SPRAKRADET)))[0]!.id;
    ids.restrictedNeed = (await db.select({ id: needs.id }).from(needs).where(eq(needs.agencyOrgnr, BIOTEKNOLOGI)))[0]!.id;
    // A restricted need of Lise's agency, which her ministry (Mona) may read but other agencies may not.
    const created = await call('anne', 'POST', '/api/v1/needs', { agency: LOTTSTIFT, area: 'it-drift', title: 'Drift av nettverk og klienter', description: 'Vi trenger driftsstøtte for klientene våre.', urgency: 'medium', visibility: 'restricted' });
    expect(created.statusCode).toBe(201);
    ids.kudRestrictedNeed = created.json().id;
    const dfoLonn = (await db.select({ id: services.id }).from(services).where(eq(services.slug, 'dfo-lonn')))[0]!.id;
    ids.dfoIdea = (await db.select({ id: ideas.id }).from(ideas).where(and(eq(ideas.serviceId, dfoLonn), eq(ideas.status, 'received'))))[0]!.id;
    ids.sisIdea = (await db.select({ id: ideas.id }).from(ideas).where(eq(ideas.title, 'Reisebyrå med kompetanse på kompliserte reiser')))[0]!.id;
    ids.lonnIndicator = (await db.select({ id: gainIndicators.id }).from(gainIndicators).where(eq(gainIndicators.serviceId, dfoLonn)))[0]!.id;
    const travel = (await db.select({ id: services.id }).from(services).where(eq(services.slug, 'si-reisebyratjenester')))[0]!.id;
    ids.travelIndicator = (await db.select({ id: gainIndicators.id }).from(gainIndicators).where(eq(gainIndicators.serviceId, travel)))[0]!.id;
  });
  afterAll(async () => t?.close());

  const all = (status: number) => Object.fromEntries(PRINCIPALS.map((p) => [p, status])) as Record<Who, number>;
  const signedIn = (status: number) => ({ ...all(status), anonymous: 401 });
  const only = (allowed: Partial<Record<Who, number>>, denied = 403) => ({ ...signedIn(denied), ...allowed });
  const page = (allowed: Partial<Record<Who, number>>) => ({ ...all(403), anonymous: 303, ...allowed });
  const network = { name: 'Matrisenettverket', kind: 'professional_network', description: 'Et nettverk for tilgangstesten.', areas: ['lonn'], facilitator: 'dfo' };

  describe('networks', () => {
    matrix('read the networks', all(200), (w) => call(w, 'GET', '/api/v1/networks'));
    matrix('create a network DFØ facilitates', only({ dag: 201, anne: 201 }), (w) => call(w, 'POST', '/api/v1/networks', { ...network, name: `Matrisenettverket ${w}` }));
    matrix('change a network DFØ facilitates', only({ dag: 200, anne: 200 }), (w) =>
      call(w, 'PUT', '/api/v1/networks/nettverket-for-administrasjonssjefer', { ...network, name: 'Nettverket for administrasjonssjefer i staten', areas: ['hr-og-arbeidsgiverstotte'] }),
    );
    matrix('Lotteri- og stiftelsestilsynet joins Statens hus Førde', only({ lise: 201, anne: 200 }), (w) => call(w, 'PUT', `/api/v1/networks/statens-hus-forde/members/${LOTTSTIFT}`));
    matrix('Forbrukertilsynet leaves the co-location (the facilitator may take it off too)', only({ per: 200, anne: 200 }), (w) =>
      call(w, 'DELETE', `/api/v1/networks/samlokaliserte-virksomheter-oslo-sentrum/members/${FORBRUKER}`),
    );
  });

  describe('needs', () => {
    matrix('list needs', signedIn(200), (w) => call(w, 'GET', '/api/v1/needs'));
    matrix('register a need for Lotteri- og stiftelsestilsynet', only({ lise: 201, anne: 201 }), (w) =>
      call(w, 'POST', '/api/v1/needs', { agency: LOTTSTIFT, area: 'arkiv-og-dokumentforvaltning', title: `Arkivbehov fra ${w}`, description: 'Vi trenger hjelp med arkivet vårt.', urgency: 'high', visibility: 'agencies' }),
    );
    matrix('read a shared need', signedIn(200), (w) => call(w, 'GET', `/api/v1/needs/${ids.sharedNeed}`));
    matrix('read a restricted need of another ministry area', only({ anne: 200 }), (w) => call(w, 'GET', `/api/v1/needs/${ids.restrictedNeed}`));
    matrix('read a restricted need of an agency under KUD', only({ lise: 200, mona: 200, anne: 200 }), (w) => call(w, 'GET', `/api/v1/needs/${ids.kudRestrictedNeed}`));
    matrix('see unmet needs in the aggregate', only({ siri: 200, dag: 200, anne: 200 }), (w) => call(w, 'GET', '/api/v1/needs/aggregate'));
    matrix('mark Språkrådet’s need met', only({ anne: 200 }), (w) => call(w, 'POST', `/api/v1/needs/${ids.sharedNeed}/status`, { status: 'met', resolution: `av ${w}` }));
  });

  describe('surveys', () => {
    const survey = { provider: 'dfo', template: 'brukerundersokelse', title: 'Matriseundersøkelse', services: ['dfo-lonn'], opensOn: '2099-01-01', closesOn: '2099-01-31' };
    matrix('read the surveys', all(200), (w) => call(w, 'GET', '/api/v1/surveys'));
    matrix('create a survey of DFØ’s payroll', only({ dag: 201, anne: 201 }), (w) => call(w, 'POST', '/api/v1/surveys', survey));
    matrix('create a mapping of every state agency', only({ anne: 201 }), (w) =>
      call(w, 'POST', '/api/v1/surveys', { ...survey, template: 'dokumentforvaltning-og-arkiv', audience: 'all_state', services: [] }),
    );
    matrix('answer the open survey for Lotteri- og stiftelsestilsynet', only({ lise: 201, anne: 200 }), (w) =>
      call(w, 'PUT', `/api/v1/surveys/${ids.openSurvey}/responses/${LOTTSTIFT}`, { answers: { satisfaction: w === 'lise' ? 4 : 5 } }),
    );
    matrix('read Lotteri- og stiftelsestilsynet’s own response', only({ lise: 200, anne: 200 }), (w) => call(w, 'GET', `/api/v1/surveys/${ids.openSurvey}/responses/${LOTTSTIFT}`));
    matrix('move the open survey’s closing date', only({ dag: 200, anne: 200 }), (w) => call(w, 'PUT', `/api/v1/surveys/${ids.openSurvey}/dates`, { opensOn: ids.openSurveyOpensOn, closesOn: new Date(Date.now() + 60 * 86400_000).toISOString().slice(0, 10) }));
    matrix('read results', all(200), (w) => call(w, 'GET', `/api/v1/surveys/${ids.openSurvey}/results`));

    it('gives the provider and DFØ every group live, and everyone else nothing until the survey closes', async () => {
      const view = async (w: Who) => (await call(w, 'GET', `/api/v1/surveys/${ids.openSurvey}/results`)).json();
      for (const w of ['dag', 'anne'] as const) expect(await view(w)).toMatchObject({ view: 'full', published: false, tooFew: false });
      for (const w of ['anonymous', 'lise', 'per', 'siri', 'mona'] as const) expect(await view(w)).toMatchObject({ view: 'public', published: false, respondents: null, bySize: [], comments: [] });
      const full = await view('dag');
      expect(full.respondents).toBeGreaterThanOrEqual(4);
      expect(full.comments.length).toBeGreaterThan(0);
      expect(JSON.stringify(full.comments)).not.toMatch(/\d{9}/);
    });
  });

  describe('ideas', () => {
    const idea = { agency: LOTTSTIFT, kind: 'improvement', service: 'dfo-lonn', title: 'Matriseforslag for lønn', description: 'Et forslag for tilgangstesten.' };
    matrix('read the ideas', all(200), (w) => call(w, 'GET', '/api/v1/ideas'));
    matrix('propose an idea for Lotteri- og stiftelsestilsynet', only({ lise: 201, anne: 201 }), (w) => call(w, 'POST', '/api/v1/ideas', idea));
    matrix('vote for an idea for Lotteri- og stiftelsestilsynet', only({ lise: 201, anne: 200 }), (w) => call(w, 'PUT', `/api/v1/ideas/${ids.dfoIdea}/votes/${LOTTSTIFT}`));
    matrix('comment for Lotteri- og stiftelsestilsynet', only({ lise: 201, anne: 201 }), (w) => call(w, 'POST', `/api/v1/ideas/${ids.dfoIdea}/comments`, { body: `Kommentar fra ${w}`, agency: LOTTSTIFT }));
    matrix('comment for DFØ as provider', only({ dag: 201, anne: 201 }), (w) => call(w, 'POST', `/api/v1/ideas/${ids.dfoIdea}/comments`, { body: `Svar fra ${w}`, provider: 'dfo' }));
    matrix('answer an idea addressed to DFØ', only({ dag: 200, anne: 200 }), (w) => call(w, 'POST', `/api/v1/ideas/${ids.dfoIdea}/status`, { status: 'under_consideration', note: `Vurderes (${w})` }));
    matrix('answer an idea addressed to Statens innkjøpssenter', only({ siri: 200, anne: 200 }), (w) => call(w, 'POST', `/api/v1/ideas/${ids.sisIdea}/status`, { status: 'under_consideration', note: `Svar (${w})` }));
  });

  describe('gains', () => {
    const indicator = { name: 'Matrisemåltall', unit: 'hours', betterWhen: 'lower', baselineValue: '10', baselinePeriod: '2019', baselineDescription: 'Timer før tjenesten.', source: 'Test', method: 'Telling av timer.' };
    matrix('read a service’s gains', all(200), (w) => call(w, 'GET', '/api/v1/services/dfo-lonn/gains'));
    matrix('add an indicator to DFØ’s payroll', only({ dag: 201, anne: 201 }), (w) => call(w, 'POST', '/api/v1/services/dfo-lonn/gains', indicator));
    matrix('record a result for DFØ’s payroll', only({ dag: 201, anne: 200 }), (w) => call(w, 'PUT', `/api/v1/services/dfo-lonn/gains/${ids.lonnIndicator}/measurements/2025`, { value: 79 }));
    matrix('record a result for the travel agreement', only({ siri: 201, anne: 200 }), (w) => call(w, 'PUT', `/api/v1/services/si-reisebyratjenester/gains/${ids.travelIndicator}/measurements/2025`, { value: 149 }));
  });

  describe('pages', () => {
    matrix('page: collaboration', all(200), (w) => call(w, 'GET', '/samarbeid'));
    matrix('page: new network', page({ siri: 200, dag: 200, anne: 200 }), (w) => call(w, 'GET', '/nettverk/ny'));
    matrix('page: change a network DFØ facilitates', page({ dag: 200, anne: 200 }), (w) => call(w, 'GET', '/nettverk/nettverket-for-administrasjonssjefer/rediger'));
    matrix('page: needs', { ...all(200), anonymous: 303 }, (w) => call(w, 'GET', '/behov'));
    matrix('page: register a need', page({ lise: 200, per: 200, anne: 200 }), (w) => call(w, 'GET', '/behov/ny'));
    matrix('page: unmet needs in the aggregate', page({ siri: 200, dag: 200, anne: 200 }), (w) => call(w, 'GET', '/behov/samlet'));
    matrix('page: a restricted need under KUD', page({ lise: 200, mona: 200, anne: 200 }), (w) => call(w, 'GET', `/behov/${ids.kudRestrictedNeed}`));
    matrix('page: new survey', page({ siri: 200, dag: 200, anne: 200 }), (w) => call(w, 'GET', '/undersokelser/ny'));
    matrix('page: answer for Lotteri- og stiftelsestilsynet', page({ lise: 200, anne: 200 }), (w) => call(w, 'GET', `/undersokelser/${ids.openSurvey}/svar?virksomhet=${LOTTSTIFT}`));
    matrix('page: propose an idea', page({ lise: 200, per: 200, anne: 200 }), (w) => call(w, 'GET', '/ideer/ny'));
    matrix('page: gains of DFØ’s payroll', page({ dag: 200, anne: 200 }), (w) => call(w, 'GET', '/tjenester/dfo-lonn/gevinster'));
  });

  it('describes every collaboration route in OpenAPI, writes with both security schemes', async () => {
    const doc = (await call('anonymous', 'GET', '/api/v1/openapi.json')).json();
    const paths = Object.keys(doc.paths);
    for (const p of ['/api/v1/networks', '/api/v1/networks/{slug}/members/{orgnr}', '/api/v1/needs', '/api/v1/needs/aggregate', '/api/v1/needs/{id}', '/api/v1/surveys', '/api/v1/surveys/{id}/results', '/api/v1/surveys/{id}/responses/{orgnr}', '/api/v1/ideas', '/api/v1/ideas/{id}/votes/{orgnr}', '/api/v1/ideas/{id}/status', '/api/v1/services/{slug}/gains', '/api/v1/services/{slug}/gains/{indicator}/measurements/{period}']) {
      expect(paths).toContain(p);
    }
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, { tags?: string[]; security?: unknown[] }>>)) {
      if (!/networks|needs|surveys|ideas|gains/.test(path)) continue;
      for (const [method, op] of Object.entries(methods)) {
        expect(op.tags?.length, `${method} ${path}`).toBe(1);
        if (method !== 'get' || /needs/.test(path) || /responses/.test(path)) expect(op.security, `${method} ${path}`).toEqual([{ session: [] }, { bearer: [] }]);
      }
    }
    expect(doc.tags.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['networks', 'needs', 'surveys', 'ideas', 'gains']));
  });

  it('records the capacity of every change: an administrator acting for an agency is not the agency', async () => {
    const events = await t.database.db.select().from(auditEvents);
    const mine = events.filter((e) => /^(network|need|survey|idea|gain)\./.test(e.action));
    expect(new Set(mine.map((e) => e.action.split('.')[0]))).toEqual(new Set(['network', 'need', 'survey', 'idea', 'gain']));
    expect(mine.filter((e) => e.actorName === 'Anne Vik').every((e) => e.actingRole === 'admin')).toBe(true);
    expect(mine.find((e) => e.action === 'network.join' && e.actorName === 'Lise Berg')).toMatchObject({ actingRole: 'agency_editor', agencyOrgnr: LOTTSTIFT, viaApi: true });
    expect(mine.find((e) => e.action === 'survey.respond' && e.actorName === 'Lise Berg')).toMatchObject({ actingRole: 'agency_editor', agencyOrgnr: LOTTSTIFT });
    expect(mine.find((e) => e.action === 'gain.record' && e.actorName === 'Siri Aas')).toMatchObject({ actingRole: 'provider_editor' });
    // Survey answers are anonymous: the log says which questions were answered, not what.
    const respond = mine.find((e) => e.action === 'survey.respond')!;
    expect(respond.after).toEqual({ survey: ids.openSurvey, answered: ['satisfaction'] });
  });
});
