import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/web/i18n/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { caller, demoSessions, type Who } from '../support/sessions.js';
import { demoConsultationId } from '../support/factories.js';

const LOTTSTIFT = '982391490'; // Lise's agency, under KUD (Mona)
const FORBRUKER = '974761335'; // Per's agency, opted out of the travel agreement in the demo data
const t = messages.nb;

/**
 * The provider's follow-up of an opt-out (state, note, when, by whom) is its own working notes: the provider and
 * administrators read it; the agency that opted out and its ministry never do — not in the declarations API, the
 * CSV download, the overview page, the agency's or ministry's pages, nor the audit log they may read.
 */
describe.each(testEngines())('who reads the provider’s follow-up of declarations on %s', (engine) => {
  let app: TestApp;
  let headers: Record<Who, Record<string, string>>;
  let travel: string; // in consultation (Statens innkjøpssenter), window open
  let changedByAgency: Record<string, unknown>;
  const note = (orgnr: string) => `Internt notat om ${orgnr}: ringes etter budsjettmøtet`;

  beforeAll(async () => {
    app = await createTestApp(engine, { seed: 'demo' });
    headers = await demoSessions(app.database.db);
    travel = await demoConsultationId(app);
    // Lise opts Lotteri- og stiftelsestilsynet out; Siri follows up on it and on Forbrukertilsynet's opt-out.
    expect((await call('lise', 'PUT', `/api/v1/procurements/${travel}/declarations/${LOTTSTIFT}`, { answers: { reason: 'cost' } })).statusCode).toBe(201);
    for (const orgnr of [LOTTSTIFT, FORBRUKER]) {
      const res = await call('siri', 'PUT', `/api/v1/procurements/${travel}/declarations/${orgnr}/follow-up`, { state: 'contacted', note: note(orgnr) });
      expect(res.statusCode).toBe(200);
      expect(res.json().followUp).toMatchObject({ state: 'contacted', note: note(orgnr), by: 'Siri Aas' });
    }
    // Per changes Forbrukertilsynet's opt-out after the follow-up (an audit event done for his agency).
    const changed = await call('per', 'PUT', `/api/v1/procurements/${travel}/declarations/${FORBRUKER}`, { answers: { reason: 'other', details: 'Vi har fått ny reiseinstruks.' } });
    expect(changed.statusCode).toBe(200);
    changedByAgency = changed.json();
  });
  afterAll(async () => app?.close());

  const call = caller(() => app, () => headers);
  const leaks = (body: string) => [note(LOTTSTIFT), note(FORBRUKER), 'Siri Aas'].filter((x) => body.includes(x));

  it('answers the agency’s own change without the follow-up', () => {
    expect(changedByAgency.agency).toMatchObject({ orgnr: FORBRUKER });
    expect(changedByAgency).not.toHaveProperty('followUp');
  });

  it('answers a submission with the declaration exactly as the declarations API then lists it, for each reader', async () => {
    const listed = async (who: Who, orgnr: string) => ((await call(who, 'GET', `/api/v1/procurements/${travel}/declarations`)).json().items as { agency: { orgnr: string } }[]).find((d) => d.agency.orgnr === orgnr);
    expect(changedByAgency).toEqual(await listed('per', FORBRUKER));
    // An administrator reads as the provider does: the follow-up included, and the ministry with the agency.
    const byAdmin = await call('anne', 'PUT', `/api/v1/procurements/${travel}/declarations/${LOTTSTIFT}`, { answers: { reason: 'quality' } });
    expect(byAdmin.statusCode).toBe(200);
    expect(byAdmin.json()).toMatchObject({ followUp: { state: 'contacted' }, ministry: { orgnr: expect.any(String) } });
    expect(byAdmin.json()).toEqual(await listed('anne', LOTTSTIFT));
  });

  it.each([
    ['lise', [LOTTSTIFT]],
    ['per', [FORBRUKER]],
    ['mona', [LOTTSTIFT]],
  ] as const)('the declarations API gives %s the declarations without the follow-up', async (who, orgnrs) => {
    const res = await call(who, 'GET', `/api/v1/procurements/${travel}/declarations`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { agency: { orgnr: string }; followUp?: unknown }[];
    for (const orgnr of orgnrs) expect(items.map((d) => d.agency.orgnr)).toContain(orgnr);
    for (const d of items) expect(d).not.toHaveProperty('followUp');
    expect(leaks(res.body)).toEqual([]);
  });

  it.each(['siri', 'anne'] as const)('the declarations API gives %s the follow-up', async (who) => {
    const items = (await call(who, 'GET', `/api/v1/procurements/${travel}/declarations`)).json().items as { agency: { orgnr: string }; followUp: { state: string; note: string | null; by: string | null } | null }[];
    for (const orgnr of [LOTTSTIFT, FORBRUKER]) {
      expect(items.find((d) => d.agency.orgnr === orgnr)?.followUp).toMatchObject({ state: 'contacted', note: note(orgnr), by: 'Siri Aas' });
    }
  });

  it.each(['lise', 'per', 'mona'] as const)('the CSV download gives %s no follow-up columns', async (who) => {
    const res = await call(who, 'GET', `/anskaffelser/${travel}/erklaeringer.csv`);
    expect(res.statusCode).toBe(200);
    const header = res.body.replace(/^\uFEFF/, '').split(/\r?\n/)[0]!;
    expect(header).toContain(t.common.orgnr);
    expect(header).not.toContain(t.declaration.followUp);
    expect(header).not.toContain(t.declaration.followUpNote);
    expect(leaks(res.body)).toEqual([]);
    for (const state of Object.values(t.terms.followUp)) expect(res.body).not.toContain(state);
  });

  it('the CSV download gives the provider the follow-up and its note', async () => {
    const res = await call('siri', 'GET', `/anskaffelser/${travel}/erklaeringer.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(t.declaration.followUpNote);
    expect(res.body).toContain(note(LOTTSTIFT));
    expect(res.body).toContain(t.terms.followUp.contacted);
  });

  it.each(['lise', 'per', 'mona'] as const)('the overview page shows %s neither the follow-up nor a filter by it', async (who) => {
    const res = await call(who, 'GET', `/anskaffelser/${travel}/erklaeringer?oppfolging=contacted`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('class="declaration-card"'); // the follow-up filter is ignored, not applied
    expect(res.body).not.toContain('name="oppfolging"');
    expect(res.body).not.toContain(`${t.declaration.followUp}:`);
    expect(leaks(res.body)).toEqual([]);
  });

  it('the overview page gives the provider the follow-up form with the note', async () => {
    const res = await call('siri', 'GET', `/anskaffelser/${travel}/erklaeringer`);
    expect(res.body).toContain('name="oppfolging"');
    expect(res.body).toContain(note(LOTTSTIFT));
  });

  it('the agency’s and the ministry’s own pages carry no follow-up', async () => {
    for (const [who, url] of [
      ['lise', `/min-side/virksomhet/${LOTTSTIFT}`],
      ['per', `/min-side/virksomhet/${FORBRUKER}`],
      ['mona', '/min-side/departement/972417866'],
      ['mona', `/min-side/virksomhet/${LOTTSTIFT}`],
    ] as const) {
      const res = await call(who, 'GET', url);
      expect(res.statusCode).toBe(200);
      expect(leaks(res.body)).toEqual([]);
    }
  });

  it('the audit log an agency editor reads has no follow-up notes in its before/after', async () => {
    const res = await call('per', 'GET', '/api/v1/audit?limit=100');
    expect(res.statusCode).toBe(200);
    const events = res.json().items as { action: string; entity: { type: string }; before: unknown; after: unknown }[];
    expect(events.some((e) => e.action === 'declaration.change')).toBe(true);
    expect(leaks(res.body)).toEqual([]);
    expect(res.body).not.toContain('followUpNote');
  });
});
