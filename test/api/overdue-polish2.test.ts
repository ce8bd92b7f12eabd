import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plannedOverdue } from '../../src/domain/plannedDate.js';
import { procurements, providers } from '../../src/db/schema/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { demoSessions, signedIn, type TestSession, type Who } from '../support/sessions.js';

describe('plannedOverdue', () => {
  it('is overdue only when the whole named period has passed, and only while planned', () => {
    expect(plannedOverdue('planned', '2021', '2026-12-05')).toBe(true);
    expect(plannedOverdue('planned', '2026', '2026-12-05')).toBe(false);
    expect(plannedOverdue('planned', '2026-11', '2026-12-05')).toBe(true);
    expect(plannedOverdue('planned', '2026-12', '2026-12-05')).toBe(false);
    expect(plannedOverdue('planned', '2026-12-04', '2026-12-05')).toBe(true);
    expect(plannedOverdue('planned', '2026-12-05', '2026-12-05')).toBe(false);
    expect(plannedOverdue('planned', null, '2026-12-05')).toBe(false);
    expect(plannedOverdue('active', '2021', '2026-12-05')).toBe(false);
  });
});

const NNBSP = '\u202f';

/**
 * What Markedsplass for skytjenester sees: its services planned for 2021 are overdue (not planned to the public,
 * flagged to the provider and DFØ), and its accession declarations' amounts keep their grouping, with the total.
 */
describe.each(testEngines())('overdue planned services and declared amounts on %s', (engine) => {
  let t: TestApp;
  let provider: TestSession;
  let headers: Record<Who, Record<string, string>>;
  const page = '/leverandorer/markedsplass-for-skytjenester';
  let declarations: string;

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: 'demo' });
    const db = t.database.db;
    const [pv] = await db.select({ id: providers.id }).from(providers).where(eq(providers.slug, 'markedsplass-for-skytjenester'));
    provider = await signedIn(db, [{ role: 'provider_editor', providerId: pv!.id }]);
    headers = await demoSessions(db);
    const [p] = await db.select({ id: procurements.id }).from(procurements).where(eq(procurements.providerId, pv!.id));
    declarations = `/anskaffelser/${p!.id}/erklaeringer`;
  });
  afterAll(async () => t?.close());

  it('lists them no longer as planned to the public (API and "Planlagte tjenester")', async () => {
    const body = (await t.app.inject({ url: '/api/v1/stats/trends' })).json();
    const planned = body.planned.map((s: { slug: string }) => s.slug);
    expect(planned).toContain('mfs-arkivkjerne'); // planned, no date: still planned
    expect(planned).not.toContain('mfs-samhandlingslosninger'); // planned for 2021
    const html = (await t.app.inject({ url: '/statistikk/utvikling' })).body;
    const section = html.slice(html.indexOf('id="planned"'));
    expect(section).toContain('Arkivkjerne som skytjeneste');
    expect(section).not.toContain('Samhandlingsløsninger');
  });

  it.each([
    ['nb', '', 'Planlagte tjenester med passert dato', 'planlagt 2021'],
    ['nn', '/nn', 'Planlagde tenester med passert dato', 'planlagd 2021'],
    ['en', '/en', 'Planned services past their date', 'planned for 2021'],
  ])('shows them as overdue to the provider in %s', async (_lang, prefix, title, item) => {
    const res = await t.app.inject({ url: `${prefix}${page}`, headers: { cookie: provider.cookie } });
    expect(res.statusCode).toBe(200);
    const alert = res.body.slice(res.body.indexOf('id="overdue"'));
    expect(res.body).toContain(title);
    expect(alert).toContain(item);
    expect(alert).toContain('/tjenester/mfs-samhandlingslosninger');
  });

  it('shows them to DFØ (administrator), not to the public or another provider', async () => {
    expect((await t.app.inject({ url: page, headers: headers.anne })).body).toContain('Planlagte tjenester med passert dato');
    expect((await t.app.inject({ url: page })).body).not.toContain('Planlagte tjenester med passert dato');
    expect((await t.app.inject({ url: page, headers: headers.dag })).body).not.toContain('Planlagte tjenester med passert dato');
  });
  it.each([
    ['nb', '', `400${NNBSP}000`, `I alt 650${NNBSP}000 for «Anslått årlig volum (kroner)» (2 svar).`],
    ['nn', '/nn', `400${NNBSP}000`, `I alt 650${NNBSP}000 for «Anslått årleg volum (kroner)» (2 svar).`],
    ['en', '/en', '400,000', 'In total 650,000 for “Estimated yearly volume (NOK)” (2 answers).'],
  ])('in %s the declared amounts are grouped and their total is shown', async (_lang, prefix, amount, total) => {
    const res = await t.app.inject({ url: `${prefix}${declarations}`, headers: { cookie: provider.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<dd>${amount}</dd>`);
    expect(res.body).not.toContain('400000');
    expect(res.body).toContain(total);
  });
});
