import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.js';
import { agencies, auditEvents, mailOutbox, users } from '../../src/db/schema/index.js';
import { messages } from '../../src/web/i18n/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { createPlannedProcurement } from '../support/factories.js';
import { caller, demoSessions, formPoster, type Who } from '../support/sessions.js';

const LOTTSTIFT = '982391490';
const nbsp = (s: string) => s.replace(/\s/g, ' ');

/**
 * Reach (issue 13): before opening a consultation the provider sees which eligible agencies no one will reach; DFØ
 * fills in contact addresses (API and form, audited); the send uses the same query, and the page says how many
 * notices actually went out, never more.
 */
describe.each(testEngines())('reach of consultation notices on %s', (engine) => {
  let t: TestApp;
  let headers: Record<Who, Record<string, string>>;
  let planned = '';
  let unreachedOrgnr = '';
  let otherUnreached = '';

  const call = caller(() => t, () => headers);
  const post = formPoster(() => t, () => headers);
  const reach = async () => (await call('siri', 'GET', `/api/v1/procurements/${planned}/reach`)).json() as { eligible: number; reached: number; unreached: { orgnr: string; name: string }[]; notices: { queued: number; sent: number } };

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: 'demo' });
    headers = await demoSessions(t.database.db);
    planned = (await createPlannedProcurement(t.database.db, 'statens-innkjopssenter', 'Rekkeviddetest')).id;
  });
  afterAll(async () => t?.close());

  it('the preview counts agencies with an editor or an address as reached, and lists the others', async () => {
    const r = await reach();
    const [eligible] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from agencies where kind in ('agency', 'ministry') and deleted_on is null`);
    expect(r.eligible).toBe(eligible!.n);
    expect(r.reached).toBeGreaterThan(0);
    expect(r.reached).toBeLessThan(r.eligible);
    expect(r.unreached).toHaveLength(r.eligible - r.reached);
    // Lottstift has an editor (Lise): reached. An agency with a register e-mail is reached too.
    expect(r.unreached.map((u) => u.orgnr)).not.toContain(LOTTSTIFT);
    const withRegisterMail = await queryRows<{ orgnr: string }>(t.database.db, sql`select orgnr from agencies where kind = 'agency' and email is not null and deleted_on is null limit 1`);
    for (const a of withRegisterMail) expect(r.unreached.map((u) => u.orgnr)).not.toContain(a.orgnr);
    unreachedOrgnr = r.unreached[0]!.orgnr;
    otherUnreached = r.unreached[1]!.orgnr;
    expect(r.notices).toEqual({ queued: 0, sent: 0 });
  });

  it("the provider's page shows the preview before opening; an agency editor sees none", async () => {
    const r = await reach();
    const page = await t.app.inject({ url: `/anskaffelser/${planned}`, headers: { cookie: headers.siri.cookie! } });
    expect(page.statusCode).toBe(200);
    expect(nbsp(page.body)).toContain(nbsp(messages.nb.reach.preview(String(r.reached), String(r.eligible))));
    expect(page.body).toContain(messages.nb.reach.unreachedSummary);
    const lise = await t.app.inject({ url: `/anskaffelser/${planned}`, headers: { cookie: headers.lise.cookie! } });
    expect(lise.body).not.toContain(messages.nb.reach.unreachedSummary);
    const en = await t.app.inject({ url: `/en/anskaffelser/${planned}`, headers: { cookie: headers.siri.cookie! } });
    expect(en.body).toContain(messages.en.reach.unreachedSummary);
  });

  it('DFØ sets a contact address through the API: audited, idempotent, and the agency is reached', async () => {
    const before = await reach();
    const put = await call('anne', 'PUT', `/api/v1/agencies/${unreachedOrgnr}/notice-email`, { email: ' Postmottak@Eksempel.example ' });
    expect(put.statusCode).toBe(204);
    expect((await call('anne', 'PUT', `/api/v1/agencies/${unreachedOrgnr}/notice-email`, { email: 'postmottak@eksempel.example' })).statusCode).toBe(204);
    const after = await reach();
    expect(after.reached).toBe(before.reached + 1);
    expect(after.unreached.map((u) => u.orgnr)).not.toContain(unreachedOrgnr);
    const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'agency.notice_email'), eq(auditEvents.entityId, unreachedOrgnr)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toEqual({ noticeEmail: 'postmottak@eksempel.example' });
  });

  it('bad input is a 400 in the asked language, an unknown agency a 404, and others than DFØ are refused', async () => {
    const bad = await call('anne', 'PUT', `/api/v1/agencies/${unreachedOrgnr}/notice-email?lang=nn`, { email: 'ikkje-ei-adresse' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toBe(messages.nn.reach.admin.invalid);
    expect((await call('anne', 'PUT', '/api/v1/agencies/123456785/notice-email', { email: 'a@b.no' })).statusCode).toBe(404);
    expect((await call('anne', 'PUT', '/api/v1/agencies/123/notice-email', { email: 'a@b.no' })).statusCode).toBe(400);
    expect((await call('siri', 'PUT', `/api/v1/agencies/${unreachedOrgnr}/notice-email`, { email: 'a@b.no' })).statusCode).toBe(403);
    const [a] = await t.database.db.select({ noticeEmail: agencies.noticeEmail }).from(agencies).where(eq(agencies.orgnr, unreachedOrgnr));
    expect(a!.noticeEmail).toBe('postmottak@eksempel.example');
  });

  it('DFØ fills in an address with the form (no JavaScript), and an invalid one is shown again with its error', async () => {
    const page = await t.app.inject({ url: '/admin/kontaktadresser', headers: { cookie: headers.anne.cookie! } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`id="email-${otherUnreached}"`);
    expect(page.body).not.toContain(`id="email-${unreachedOrgnr}"`);
    const wrong = await post('anne', `/admin/kontaktadresser/${otherUnreached}`, { email: 'feil' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain(messages.nb.reach.admin.invalid);
    const ok = await post('anne', `/admin/kontaktadresser/${otherUnreached}`, { email: 'post@annen.example' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toContain('/admin/kontaktadresser?ok=saved');
    const all = await t.app.inject({ url: '/admin/kontaktadresser?vis=alle', headers: { cookie: headers.anne.cookie! } });
    expect(all.body).toContain('value="post@annen.example"');
  });

  it('opening the consultation mails exactly the agencies the preview counted, and the page says how many were sent', async () => {
    const preview = await reach();
    const open = await call('siri', 'POST', `/api/v1/procurements/${planned}/transitions`, { action: 'open_consultation', deadline: new Date(Date.now() + 20 * 86_400_000).toISOString() });
    expect(open.statusCode).toBe(200);
    expect(open.json().notified).toBe(preview.reached);
    const mails = await t.database.db.select().from(mailOutbox).where(and(eq(mailOutbox.kind, 'consultation_opened'), eq(mailOutbox.entityId, planned)));
    expect(mails).toHaveLength(preview.reached);
    expect(mails.some((m) => m.recipients.includes('postmottak@eksempel.example'))).toBe(true);
    const [lise] = await t.database.db.select().from(users).where(eq(users.email, 'lise.berg@lottstift.example'));
    expect(mails.some((m) => m.recipients.includes(lise!.email))).toBe(true);
    const after = await reach();
    expect(after.notices.queued).toBe(preview.reached);
    const page = await t.app.inject({ url: `/anskaffelser/${planned}` });
    const text = nbsp(page.body);
    expect(text).toContain(nbsp(messages.nb.reach.sent(String(after.notices.sent), String(preview.eligible))));
    if (after.notices.sent < after.notices.queued) expect(text).toContain(nbsp(messages.nb.reach.pending(String(after.notices.queued - after.notices.sent))));
    // The page claims no more than the outbox holds: the old "every agency gets one" is gone.
    expect(page.body).not.toContain('Alle virksomheter avtalen gjelder for');
  });
});
