import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/auth/sessions.js';
import { declarations, procurements, providers, questionnaires, users } from '../../src/db/schema/index.js';
import { actionsFrom, PROCUREMENT_STATES, type ProcurementState } from '../../src/domain/procurementLifecycle.js';
import { messages } from '../../src/web/i18n/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { expectHtmlPage, inLanguages } from '../support/expectations.js';

const LOTTSTIFT = '982391490';
const day = 86400_000;

/**
 * "Screens written only for the open state were their worst bugs": every procurement page, in every lifecycle
 * state, for the public, the agency and the provider, in all three languages.
 */
describe.each(testEngines())('procurement pages in every state on %s', (engine) => {
  let t: TestApp;
  const ids = {} as Record<ProcurementState, string>;
  const cookie: Record<'lise' | 'siri', string> = { lise: '', siri: '' };

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: 'demo' });
    const db = t.database.db;
    const [sis] = await db.select().from(providers).where(eq(providers.slug, 'statens-innkjopssenter'));
    const [q] = await db.select().from(questionnaires).where(eq(questionnaires.slug, 'reservasjon-rammeavtale'));
    const now = Date.now();
    for (const state of PROCUREMENT_STATES) {
      const consulted = state !== 'planned';
      const [p] = await db
        .insert(procurements)
        .values({
          providerId: sis!.id,
          title: { nb: `Tilstand ${state}` },
          category: 'Test',
          description: { nb: 'Anskaffelse i én bestemt tilstand.' },
          obligation: 'mandatory',
          status: state,
          questionnaireId: q!.id,
          consultationOpensAt: consulted ? new Date(now - 10 * day) : null,
          consultationDeadline: consulted ? new Date(now + (state === 'consultation' ? 5 : -3) * day) : null,
        })
        .returning();
      ids[state] = p!.id;
      if (consulted) {
        await db.insert(declarations).values({
          procurementId: p!.id,
          agencyOrgnr: LOTTSTIFT,
          kind: 'opt_out',
          questionnaireId: q!.id,
          answers: { reason: 'cost' },
          submittedAt: new Date(now - 5 * day),
          updatedAt: new Date(now - 5 * day),
          submittedBy: 'Lise Berg',
          followUp: 'to_contact',
        });
      }
    }
    for (const [who, email] of [['lise', 'lise.berg@lottstift.example'], ['siri', 'siri.aas@sis.example']] as const) {
      const [u] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
      cookie[who] = `ft_session=${(await createSession(db, u!.id, { idleMinutes: 60, maxHours: 1 })).token}`;
    }
  });
  afterAll(async () => t?.close());

  const get = (url: string, who?: 'lise' | 'siri') => t.app.inject({ url, headers: who ? { cookie: cookie[who] } : {} });

  it.each(PROCUREMENT_STATES)('%s: the procurement page works for the public, the agency and the provider, in nb, nn and en', async (state) => {
    for (const [lang, path] of inLanguages(`/anskaffelser/${ids[state]}`)) {
      const m = messages[lang];
      const pub = expectHtmlPage(await get(path), lang);
      expect(pub).toContain(m.terms.procurementState[state]);
      expect(pub).not.toContain(m.procurement.manage);
      const provider = expectHtmlPage(await get(path, 'siri'), lang);
      for (const a of actionsFrom(state)) expect(provider).toContain(m.procurement.action[a]);
      if (state === 'expired' || state === 'cancelled') expect(provider).toContain(m.procurement.finalState);
      const agency = expectHtmlPage(await get(path, 'lise'), lang);
      expect(agency).toContain(state === 'consultation' ? m.declaration.change : state === 'planned' ? m.declaration.noneStatus : m.declaration.view);
    }
  });

  it.each(PROCUREMENT_STATES)('%s: the declaration page shows a form only while the window is open', async (state) => {
    for (const [lang, path] of inLanguages(`/anskaffelser/${ids[state]}/erklaering?virksomhet=${LOTTSTIFT}`)) {
      const m = messages[lang];
      const html = expectHtmlPage(await get(path, 'lise'), lang);
      const hasForm = html.includes(m.declaration.saveChange) || html.includes(m.declaration.submit.opt_out);
      expect(hasForm).toBe(state === 'consultation');
      if (state !== 'planned' && state !== 'consultation') expect(html).toContain(m.declaration.errors.closed);
      if (state !== 'planned') expect(html).toContain(m.declaration.current);
    }
  });

  it.each(PROCUREMENT_STATES)('%s: the provider’s overview and CSV work', async (state) => {
    for (const [lang, path] of inLanguages(`/anskaffelser/${ids[state]}/erklaeringer`)) {
      const html = expectHtmlPage(await get(path, 'siri'), lang);
      expect(html).toContain(messages[lang].declaration.standingCount(state === 'planned' ? 0 : 1, 0).split(' ')[0]!);
    }
    const csv = await get(`/anskaffelser/${ids[state]}/erklaeringer.csv`, 'siri');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.split('\r\n').filter(Boolean)).toHaveLength(state === 'planned' ? 1 : 2);
  });

  it('narrows the provider’s overview by follow-up and reason', async () => {
    const base = `/anskaffelser/${ids.consultation}/erklaeringer`;
    expect(expectHtmlPage(await get(`${base}?oppfolging=contacted&grunn=`, 'siri'), 'nb')).toContain('Viser 0 av 1 svar.');
    const byReason = expectHtmlPage(await get(`${base}?grunn=cost`, 'siri'), 'nb');
    expect(byReason).toContain('Viser 1 av 1 svar.');
    expect(byReason).toContain(`id="agency-${LOTTSTIFT}"`);
    expect((await get(`${base}?oppfolging=forgotten`, 'siri')).statusCode).toBe(400);
  });

  it('lists every state on the procurement list and in the API', async () => {
    const html = expectHtmlPage(await get('/anskaffelser'), 'nb');
    for (const s of PROCUREMENT_STATES) expect(html).toContain(`Tilstand ${s}`);
    const api = (await get('/api/v1/procurements?status=cancelled&status=expired')).json();
    expect(api.items.map((p: { status: string }) => p.status).sort()).toEqual(['cancelled', 'expired']);
  });
});
