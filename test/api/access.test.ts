import { and, eq, type SQL, sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/database.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, declarations, procurements, sessions, users } from '../../src/db/schema/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { expectProblem } from '../support/expectations.js';
import { caller, DEMO_EMAIL as EMAIL, demoSessions, formPoster, matrix, type Who } from '../support/sessions.js';
import { demoConsultationId, demoProcurementId } from '../support/factories.js';

const LOTTSTIFT = '982391490'; // Lise's agency, under KUD (Mona)
const VALG = '916132727'; // Per's agency, opted out of the travel agreement in the demo data
const FORBRUKER = '974761335'; // Per's agency, opted out, followed up by SIS

/**
 * Authorization as a matrix: every role (and the public) × resource × action, allowed and denied, over HTTP with
 * real sessions and CSRF tokens. Allowed writes that a rule then refuses (409) prove that authorization let them
 * through; 401 is "sign in", 403 "not yours".
 */
describe.each(testEngines())('authorization and bad input on %s', (engine) => {
  let t: TestApp;
  let offset = 0;
  let headers: Record<Who, Record<string, string>>;
  let travel: string; // in consultation, window open (SIS, mandatory)
  let planned: string; // planned (SIS)

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: 'demo', clock: () => new Date(Date.now() + offset) });
    headers = await demoSessions(t.database.db);
    travel = await demoConsultationId(t);
    planned = await demoProcurementId(t, 'planned');
  });
  afterAll(async () => t?.close());

  const call = caller(() => t, () => headers);

  describe('matrix', () => {
    matrix('read a procurement', { anonymous: 200, lise: 200, per: 200, siri: 200, dag: 200, mona: 200, anne: 200 }, (w) => call(w, 'GET', `/api/v1/procurements/${travel}`));
    matrix('create a procurement for Statens innkjøpssenter', { anonymous: 401, lise: 403, per: 403, siri: 201, dag: 403, mona: 403, anne: 201 }, (w) =>
      call(w, 'POST', '/api/v1/procurements', { provider: 'statens-innkjopssenter', title: 'Matrisetest', category: 'Test', description: 'En anskaffelse for tilgangstesten.', obligation: 'mandatory' }),
    );
    matrix('move a procurement (announce before the deadline: 409 once allowed)', { anonymous: 401, lise: 403, per: 403, siri: 409, dag: 403, mona: 403, anne: 409 }, (w) =>
      call(w, 'POST', `/api/v1/procurements/${travel}/transitions`, { action: 'announce' }),
    );
    matrix('read the declarations', { anonymous: 401, lise: 200, per: 200, siri: 200, dag: 403, mona: 200, anne: 200 }, (w) => call(w, 'GET', `/api/v1/procurements/${travel}/declarations`));
    matrix('submit a declaration for Lotteri- og stiftelsestilsynet', { anonymous: 401, lise: 201, per: 403, siri: 403, dag: 403, mona: 403, anne: 200 }, (w) =>
      call(w, 'PUT', `/api/v1/procurements/${travel}/declarations/${LOTTSTIFT}`, { answers: { reason: 'cost' } }),
    );
    matrix('withdraw Valgdirektoratet’s declaration', { anonymous: 401, lise: 403, per: 200, siri: 403, dag: 403, mona: 403, anne: 200 }, (w) =>
      call(w, 'DELETE', `/api/v1/procurements/${travel}/declarations/${VALG}`),
    );
    matrix('follow up Forbrukertilsynet’s opt-out', { anonymous: 401, lise: 403, per: 403, siri: 200, dag: 403, mona: 403, anne: 200 }, (w) =>
      call(w, 'PUT', `/api/v1/procurements/${travel}/declarations/${FORBRUKER}/follow-up`, { state: 'resolved', note: `av ${w}` }),
    );
    matrix('read the usage register', { anonymous: 200, lise: 200, per: 200, siri: 200, dag: 200, mona: 200, anne: 200 }, (w) => call(w, 'GET', `/api/v1/agencies/${LOTTSTIFT}/subscriptions`));
    // Lise registers use, DFØ's editor changes the tier, the administrator changes it back: each a new row (201).
    const since: Partial<Record<Who, string>> = { lise: '2090-01-01', dag: '2091-01-01', anne: '2092-01-01' };
    matrix('register use of DFØ payroll for Lotteri- og stiftelsestilsynet', { anonymous: 401, lise: 201, per: 403, siri: 403, dag: 201, mona: 403, anne: 201 }, (w) =>
      call(w, 'PUT', `/api/v1/agencies/${LOTTSTIFT}/subscriptions/dfo-lonn`, { tier: w === 'dag' ? 'fullservice' : undefined, since: since[w] ?? '2093-01-01' }),
    );
    matrix('read the audit log', { anonymous: 401, lise: 200, per: 200, siri: 200, dag: 200, mona: 403, anne: 200 }, (w) => call(w, 'GET', '/api/v1/audit'));
    matrix('page: users and roles', { anonymous: 303, lise: 403, per: 403, siri: 403, dag: 403, mona: 403, anne: 200 }, (w) => call(w, 'GET', '/admin/roller'));
    matrix('page: the ministry’s overview', { anonymous: 303, lise: 403, per: 403, siri: 403, dag: 403, mona: 200, anne: 200 }, (w) => call(w, 'GET', '/min-side/departement/972417866'));
    matrix('page: an agency’s self-service', { anonymous: 303, lise: 200, per: 403, siri: 403, dag: 403, mona: 200, anne: 200 }, (w) => call(w, 'GET', `/min-side/virksomhet/${LOTTSTIFT}`));
    matrix('form: the areas Lotteri- og stiftelsestilsynet handles in-house', { anonymous: 401, lise: 303, per: 403, siri: 403, dag: 403, mona: 403, anne: 303 }, (w) =>
      formPoster(() => t, () => headers)(w, `/min-side/virksomhet/${LOTTSTIFT}/egne-omrader`, { areas: w === 'anne' ? ['arkiv-og-dokumentforvaltning'] : ['it-drift'] }),
    );
    matrix('page: new procurement', { anonymous: 303, lise: 403, per: 403, siri: 200, dag: 200, mona: 403, anne: 200 }, (w) => call(w, 'GET', '/anskaffelser/ny'));
    matrix('page: the declarations overview', { anonymous: 303, lise: 200, per: 200, siri: 200, dag: 403, mona: 200, anne: 200 }, (w) => call(w, 'GET', `/anskaffelser/${travel}/erklaeringer`));

    it('shows each reader only the declarations they may see', async () => {
      const orgs = async (w: Who) => ((await call(w, 'GET', `/api/v1/procurements/${travel}/declarations`)).json().items as { agency: { orgnr: string } }[]).map((d) => d.agency.orgnr).sort();
      expect(await orgs('lise')).toEqual([LOTTSTIFT]);
      expect(await orgs('per')).toEqual([FORBRUKER, VALG].sort());
      expect(await orgs('mona')).toEqual([LOTTSTIFT]);
      expect((await orgs('siri')).length).toBe(4);
    });

    it('records the capacity: an administrator acting for an agency is not the agency', async () => {
      const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityType, 'declaration'));
      const byAnne = events.filter((e) => e.actorName === 'Anne Vik');
      expect(byAnne.length).toBeGreaterThan(0);
      expect(byAnne.every((e) => e.actingRole === 'admin')).toBe(true);
      const byPer = events.find((e) => e.actorName === 'Per Hansen' && e.action === 'declaration.withdraw');
      expect(byPer).toMatchObject({ actingRole: 'agency_editor', agencyOrgnr: VALG, viaApi: true });
    });
  });

  describe('bad input', () => {
    const put = (who: Who, orgnr: string, answers: unknown, id = travel, extra: Record<string, string> = {}) =>
      t.app.inject({ method: 'PUT', url: `/api/v1/procurements/${id}/declarations/${orgnr}`, headers: { ...headers[who], ...extra, 'content-type': 'application/json' }, payload: JSON.stringify({ answers }) });

    it('refuses invalid org numbers (400), unknown agencies, procurements and services (404)', async () => {
      expectProblem(await put('anne', '98239149', { reason: 'cost' }), 400, /9 sifre/);
      expectProblem(await put('anne', '982391491', { reason: 'cost' }), 400, /kontrollsifferet/);
      expectProblem(await put('anne', '123456785', { reason: 'cost' }), 404, /Vi finner ingen virksomhet/);
      expectProblem(await put('anne', LOTTSTIFT, { reason: 'cost' }, '00000000-0000-0000-0000-000000000000'), 404, /anskaffelsen/);
      expectProblem(await call('lise', 'PUT', `/api/v1/agencies/${LOTTSTIFT}/subscriptions/finnes-ikke`, {}), 404, /finnes-ikke/);
      expectProblem(await call('lise', 'PUT', `/api/v1/agencies/${LOTTSTIFT}/subscriptions/dfo-lonn`, { tier: 'gull' }), 400, /gull/);
    });

    it('refuses an agency the procurement does not cover (409): a municipality on a state procurement, a deleted agency', async () => {
      const [p] = await t.database.db.select({ eligibility: procurements.eligibility }).from(procurements).where(eq(procurements.id, travel));
      expect(p!.eligibility).not.toBe('state_and_municipal');
      const orgnrOf = async (where: SQL) => (await queryRows<{ orgnr: string }>(t.database.db, sql`select orgnr from agencies where ${where} order by orgnr limit 1`))[0]!.orgnr;
      const municipality = await orgnrOf(sql`kind = 'municipality' and deleted_on is null`);
      const deleted = await orgnrOf(sql`kind = 'agency' and deleted_on is not null`);
      for (const orgnr of [municipality, deleted]) {
        expectProblem(await put('anne', orgnr, { reason: 'cost' }), 409, /ikke omfattet/);
        const written = await t.database.db.select().from(declarations).where(and(eq(declarations.procurementId, travel), eq(declarations.agencyOrgnr, orgnr)));
        expect(written).toEqual([]);
      }
      // The one who may not act for the agency hears that first (403), before whether it is covered.
      expectProblem(await put('lise', municipality, { reason: 'cost' }), 403, /ikke handle på vegne av/);
    });

    it('refuses answers the questionnaire does not allow, in English too, and writes nothing', async () => {
      const before = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
      const body = expectProblem(await put('per', FORBRUKER, { reason: 'other', sneaky: 'x' }), 400, /«Utdyp gjerne» må fylles ut/);
      expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['answers.details', 'answers.sneaky']);
      expectProblem(await put('per', FORBRUKER, { reason: 'bribe' }, travel, { 'accept-language': 'en' }), 400, /“bribe” is not a valid answer/);
      const after = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
      expect(after[0]!.n).toBe(before[0]!.n);
    });

    it('treats a repeated submission as one (idempotent, one audit event)', async () => {
      const first = await put('per', VALG, { reason: 'own_contract', details: 'Egen avtale til 2028' });
      expect(first.statusCode).toBe(200); // taken up again after the withdrawal above
      const count = async () => (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(eq(auditEvents.agencyOrgnr, VALG)))[0]!.n;
      const n = await count();
      const again = await put('per', VALG, { reason: 'own_contract', details: 'Egen avtale til 2028' });
      expect(again.statusCode).toBe(200);
      expect(again.json().answers).toEqual({ reason: 'own_contract', details: 'Egen avtale til 2028' });
      expect(await count()).toBe(n);
      const rows = await t.database.db.select().from(declarations).where(eq(declarations.agencyOrgnr, VALG));
      expect(rows.filter((r) => r.procurementId === travel)).toHaveLength(1);
    });

    it('refuses declarations outside the window (409): before it opens and after the deadline', async () => {
      expectProblem(await put('lise', LOTTSTIFT, { reason: 'cost' }, planned), 409, /ikke åpnet for svar/);
      offset = 30 * 86400_000;
      try {
        expectProblem(await put('lise', LOTTSTIFT, { reason: 'quality' }), 409, /Fristen er ute/);
        expectProblem(await call('lise', 'DELETE', `/api/v1/procurements/${travel}/declarations/${LOTTSTIFT}`), 409, /Fristen er ute/);
        const [d] = await t.database.db.select().from(declarations).where(and(eq(declarations.agencyOrgnr, LOTTSTIFT), eq(declarations.procurementId, travel)));
        expect(d!.answers).toEqual({ reason: 'cost' });
      } finally {
        offset = 0;
      }
    });

    it('refuses a forged or missing CSRF token and a foreign origin (403), an expired session (401)', async () => {
      const cookie = headers.lise.cookie!;
      expectProblem(await t.app.inject({ method: 'PUT', url: `/api/v1/procurements/${travel}/declarations/${LOTTSTIFT}`, headers: { cookie, 'content-type': 'application/json' }, payload: '{"answers":{"reason":"cost"}}' }), 403, /sikkerhetsnøkkelen/);
      expectProblem(await put('lise', LOTTSTIFT, { reason: 'cost' }, travel, { 'x-csrf-token': 'forged-token-forged-token' }), 403, /sikkerhetsnøkkelen/);
      expectProblem(await put('lise', LOTTSTIFT, { reason: 'cost' }, travel, { origin: 'https://evil.example' }), 403, /annet nettsted/);
      const form = await t.app.inject({ method: 'POST', url: `/anskaffelser/${travel}/erklaering`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `virksomhet=${LOTTSTIFT}&q_reason=cost` });
      expect(form.statusCode).toBe(403);
      // Expire Lise's session: the next write is a 401, not an anonymous write.
      const [u] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.email, EMAIL.lise));
      await t.database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.userId, u!.id));
      const expired = await put('lise', LOTTSTIFT, { reason: 'cost' });
      expectProblem(expired, 401, /Økten din er utløpt/);
      expect(String(expired.headers['set-cookie'])).toMatch(/ft_session=;/);
      expect((await t.database.db.select().from(sessions).where(eq(sessions.userId, u!.id))).length).toBe(0);
    });

    it('refuses a bearer token that is not valid (401)', async () => {
      expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/audit', headers: { authorization: 'Bearer not.a.token' } }), 401, /Tilgangsnøkkelen/);
    });

    it('keeps the audit log append-only in the database', async () => {
      const db = t.database.db;
      await expect(db.update(auditEvents).set({ action: 'tampered' })).rejects.toThrow();
      await expect(db.delete(auditEvents)).rejects.toThrow();
      await expect(db.execute(sql`truncate audit_events`)).rejects.toThrow();
      expect((await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(eq(auditEvents.action, 'tampered')))[0]!.n).toBe(0);
    });

    it('refuses illegal lifecycle steps with the reason (409) and bad deadlines (400)', async () => {
      expectProblem(await call('siri', 'POST', `/api/v1/procurements/${planned}/transitions`, { action: 'award' }), 409, /ikke mulig når anskaffelsen er planlagt/);
      expectProblem(await call('siri', 'POST', `/api/v1/procurements/${planned}/transitions`, { action: 'open_consultation', deadline: '2001-01-01T12:00:00Z' }), 400, /minst én time/);
      expectProblem(await call('siri', 'POST', `/api/v1/procurements/${planned}/transitions`, { action: 'open_consultation', deadline: 'i morgen' }), 400, /åååå-mm-dd tt:mm/);
      const [p] = await t.database.db.select().from(procurements).where(eq(procurements.id, planned));
      expect(p!.status).toBe('planned');
    });
  });
});
