import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signingSecret } from '../../src/auth/secret.js';
import { queryRows } from '../../src/db/database.js';
import { failedJobs, runDueJobs, scheduleJob } from '../../src/db/jobs.js';
import { events, jobs, mailOutbox, notifications, notificationSettings, procurements, providers, questionnaires, users } from '../../src/db/schema/index.js';
import type { Principal } from '../../src/domain/principal.js';
import { notifyJobHandlers, unsubscribeToken } from '../../src/mail/notify.js';
import { submitDeclaration } from '../../src/resources/declarations/commands.js';
import { transitionProcurement } from '../../src/resources/procurements/commands.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { actorFor, signedIn, type TestSession } from '../support/sessions.js';

const LOTTSTIFT = '982391490';
const DAY = 86_400_000;

/**
 * Events reach exactly the people they concern (issue 13): a consultation, its deadline reminders, declarations
 * as a digest to the provider, the API for follows and notifications, one-click unsubscribe, jobs that retry and
 * fail visibly, and no duplicates when the fan-out runs twice.
 */
describe.each(testEngines())('notifications on %s', (engine) => {
  let t: TestApp;
  let nowMs = Date.parse('2027-03-01T09:00:00Z');
  const clock = () => new Date(nowMs);
  const who = {} as Record<'lise' | 'per' | 'siri' | 'mona', Principal>;
  let follower: TestSession;
  let bystander: TestSession;
  let procurementId = '';
  let sisId = '';

  const runJobs = () => t.app.deps.jobs!.runDue();
  const notifiedFor = async (kind: string) => {
    const rows = await queryRows<{ user_id: string }>(
      t.database.db,
      sql`select n.user_id from notifications n join events e on e.id = n.event_id where e.kind = ${kind} and e.subject_id = ${procurementId}`,
    );
    return rows.map((r) => r.user_id).sort();
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: 'demo', clock });
    const db = t.database.db;
    const load = async (email: string) => (await db.select().from(users).where(eq(users.email, email)))[0]!;
    const [sis] = await db.select().from(providers).where(eq(providers.slug, 'statens-innkjopssenter'));
    sisId = sis!.id;
    const lise = await load('lise.berg@lottstift.example');
    const per = await load('per.hansen@felles.example');
    const siri = await load('siri.aas@sis.example');
    const mona = await load('mona.dahl@kud.example');
    who.lise = { kind: 'user', id: lise.id, name: lise.name, email: lise.email, roles: [{ role: 'agency_editor', agencyOrgnr: LOTTSTIFT }] };
    who.per = { kind: 'user', id: per.id, name: per.name, email: per.email, roles: [] };
    who.siri = { kind: 'user', id: siri.id, name: siri.name, email: siri.email, roles: [{ role: 'provider_editor', providerId: sisId }] };
    who.mona = { kind: 'user', id: mona.id, name: mona.name, email: mona.email, roles: [] };
    follower = await signedIn(db, [], { name: 'Følger Fia', email: `fia-${engine}@example.no` });
    bystander = await signedIn(db, [], { name: 'Tilskuer Tor', email: `tor-${engine}@example.no` });
    const [q] = await db.select().from(questionnaires).where(eq(questionnaires.slug, 'reservasjon-rammeavtale'));
    const [p] = await db
      .insert(procurements)
      .values({ providerId: sisId, title: { nb: 'Varslingstest', en: 'Notification test' }, category: 'Test', description: { nb: 'For varsler.' }, obligation: 'mandatory', status: 'planned', questionnaireId: q!.id })
      .returning();
    procurementId = p!.id;
  });
  afterAll(async () => t?.close());

  it('following through the API: PUT, GET, DELETE; 404 for what does not exist; 401 for the public', async () => {
    const put = (payload: unknown) => t.app.inject({ method: 'PUT', url: '/api/v1/me/follows', headers: { ...follower.headers, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
    expect((await put({ type: 'provider', id: sisId })).statusCode).toBe(204);
    expect((await put({ type: 'provider', id: sisId })).statusCode).toBe(204);
    expect((await put({ type: 'service', id: '00000000-0000-0000-0000-000000000000' })).statusCode).toBe(404);
    expect((await put({ type: 'nonsense', id: 'x' })).statusCode).toBe(400);
    const list = (await t.app.inject({ url: '/api/v1/me/follows', headers: follower.headers })).json();
    expect(list.items).toEqual([expect.objectContaining({ type: 'provider', id: sisId })]);
    expect(list.delivery).toBe('immediate');
    expect((await t.app.inject({ url: '/api/v1/me/follows' })).statusCode).toBe(401);
    // follow and stop following the catalogue
    expect((await put({ type: 'catalogue', id: '' })).statusCode).toBe(204);
    const del = await t.app.inject({ method: 'DELETE', url: '/api/v1/me/follows?type=catalogue&id=', headers: follower.headers });
    expect(del.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me/follows', headers: follower.headers })).json().items).toHaveLength(1);
  });

  it('a consultation reaches the eligible agencies\' editors, the provider\'s followers, not the bystander nor the actor; the formal notice is not sent twice', async () => {
    await transitionProcurement(t.database.db, actorFor(who.siri, clock()), procurementId, { action: 'open_consultation', deadline: new Date(nowMs + 14 * DAY) }, 'nb', 'http://portal.test');
    expect((await runJobs()).done).toBeGreaterThanOrEqual(1);
    expect(await notifiedFor('procurement.consultation')).toEqual([who.lise.id, who.per.id, follower.principal.id].sort());
    const mails = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.kind, 'notify:procurement.consultation'));
    // Lise and Per got the formal consultation notice already: only the follower gets a notification mail.
    expect(mails.map((m) => m.recipients).flat()).toEqual([follower.principal.email]);
    expect(mails[0]!.headers?.['List-Unsubscribe']).toMatch(/^<http:\/\/portal\.test\/varsler\/avmeld\?token=/);
    expect(mails[0]!.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(mails[0]!.textBody).toContain('Varslingstest');
  });

  it('running the fan-out again (a second process, or after a crash) writes no second notification or mail', async () => {
    const [e] = await t.database.db.select().from(events).where(and(eq(events.kind, 'procurement.consultation'), eq(events.subjectId, procurementId)));
    await t.database.db.update(jobs).set({ doneAt: null }).where(eq(jobs.key, `fanout:${e!.id}`));
    // Two workers at once, as two app processes would (on PostgreSQL each has its own connection).
    const handlers = notifyJobHandlers(t.database.db, { publicUrl: 'http://portal.test' });
    await Promise.all([runDueJobs(t.database.db, handlers, { now: clock(), workerId: 'a' }), runDueJobs(t.database.db, handlers, { now: clock(), workerId: 'b' })]);
    expect(await notifiedFor('procurement.consultation')).toHaveLength(3);
    const mails = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.kind, 'notify:procurement.consultation'));
    expect(mails).toHaveLength(1);
  });

  it('the notifications API pages, counts unread and marks read; the page lists them with the unread count in the header', async () => {
    const r = (await t.app.inject({ url: '/api/v1/me/notifications?perPage=1', headers: follower.headers })).json();
    expect(r).toMatchObject({ total: 1, unread: 1, page: 1, perPage: 1 });
    expect(r.items[0].text).toContain('Varslingstest');
    const page = await t.app.inject({ url: '/min-side/varsler', headers: { cookie: follower.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Varslingstest');
    expect(page.body).toContain('1 ulest varsel');
    // Any page's header has the count (counted beside the page's own queries, taken when it renders).
    const header = async () => /<div class="user-menu">[\s\S]*?<\/div>/.exec((await t.app.inject({ url: '/tjenester', headers: { cookie: follower.cookie } })).body)?.[0];
    expect(await header()).toContain('(1 ulest varsel)');
    const read = await t.app.inject({ method: 'POST', url: '/api/v1/me/notifications/read', headers: { ...follower.headers, 'content-type': 'application/json' }, payload: '{}' });
    expect(read.json()).toEqual({ unread: 0 });
    expect(await header()).not.toContain('ulest');
    expect((await t.app.inject({ url: '/api/v1/me/notifications', headers: bystander.headers })).json()).toMatchObject({ total: 0, unread: 0 });
  });

  it('a declaration goes to the provider as a daily digest at 07:00 Oslo time, grouped by kind', async () => {
    await submitDeclaration(t.database.db, actorFor(who.lise, clock()), procurementId, LOTTSTIFT, { reason: 'cost' }, 'nb');
    await runJobs();
    const [n] = await t.database.db.select().from(notifications).where(eq(notifications.userId, who.siri.id));
    expect(n).toMatchObject({ delivery: 'daily', mailedAt: null });
    // 2027-03-01 09:00Z is 10:00 in Oslo: the digest falls due the next morning at 07:00 Oslo (06:00Z).
    const [digest] = await t.database.db.select().from(jobs).where(eq(jobs.kind, 'digest'));
    expect(digest!.runAt.toISOString()).toBe('2027-03-02T06:00:00.000Z');
    nowMs = Date.parse('2027-03-02T06:00:00Z');
    await runJobs();
    const mails = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.kind, 'digest:daily'));
    expect(mails.map((m) => m.recipients)).toEqual([[who.siri.email]]);
    expect(mails[0]!.textBody).toContain('Erklæringer (1)');
    expect(mails[0]!.textBody).toContain('Lotteri- og stiftelsestilsynet');
  });

  it('the 7-day reminder goes only to editors of eligible agencies that have not answered', async () => {
    nowMs = Date.parse('2027-03-01T09:00:00Z') + 7 * DAY;
    await runJobs();
    // Lise's agency answered; Per's three agencies have not. The follower of the provider is not an agency.
    expect(await notifiedFor('procurement.deadline_7d')).toEqual([who.per.id]);
  });

  it('one-click unsubscribe: a signed token turns e-mail off without sign-in; a forged token is refused', async () => {
    const secret = await signingSecret(t.database.db, undefined);
    const forged = `${unsubscribeToken(follower.principal.id, secret).split('.')[0]}.AAAA`;
    const bad = await t.app.inject({ method: 'POST', url: `/varsler/avmeld?token=${encodeURIComponent(forged)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(bad.statusCode).toBe(400);
    const other = await t.app.inject({ method: 'POST', url: `/varsler/avmeld?token=${encodeURIComponent(unsubscribeToken(bystander.principal.id, 'not-the-secret'))}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(other.statusCode).toBe(400);
    expect(await t.database.db.select().from(notificationSettings).where(eq(notificationSettings.userId, follower.principal.id))).toEqual([]);
    const ok = await t.app.inject({ method: 'POST', url: `/varsler/avmeld?token=${encodeURIComponent(unsubscribeToken(follower.principal.id, secret))}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(ok.statusCode).toBe(200);
    const [s] = await t.database.db.select().from(notificationSettings).where(eq(notificationSettings.userId, follower.principal.id));
    expect(s!.delivery).toBe('portal');
  });

  it('a job that keeps failing is retried with back-off, then kept as failed for DFØ to see', async () => {
    const db = t.database.db;
    const start = clock();
    await scheduleJob(db, { kind: 'always-fails', key: `fail:${engine}`, runAt: start, maxAttempts: 2 });
    const handlers = { 'always-fails': async () => Promise.reject(new Error('SMTP nede')) };
    expect(await runDueJobs(db, handlers, { now: start })).toEqual({ done: 0, retried: 1, failed: 0 });
    const [j] = await db.select().from(jobs).where(eq(jobs.key, `fail:${engine}`));
    expect(j!.runAt.getTime() - start.getTime()).toBe(30_000);
    expect(await runDueJobs(db, handlers, { now: new Date(start.getTime() + 10_000) })).toEqual({ done: 0, retried: 0, failed: 0 });
    expect(await runDueJobs(db, handlers, { now: new Date(start.getTime() + 30_000) })).toEqual({ done: 0, retried: 0, failed: 1 });
    expect((await failedJobs(db)).map((f) => [f.key, f.last_error])).toContainEqual([`fail:${engine}`, 'SMTP nede']);
  });

  it('a process leaves jobs of a kind it has no handler for to the processes that know it (rolling deploy)', async () => {
    const db = t.database.db;
    const start = clock();
    await scheduleJob(db, { kind: 'newer-kind', key: `newer:${engine}`, runAt: start });
    expect(await runDueJobs(db, { 'other-kind': async () => undefined }, { now: start })).toEqual({ done: 0, retried: 0, failed: 0 });
    const [untouched] = await db.select().from(jobs).where(eq(jobs.key, `newer:${engine}`));
    expect([untouched!.attempts, untouched!.doneAt, untouched!.lastError]).toEqual([0, null, null]);
    expect(await runDueJobs(db, { 'newer-kind': async () => undefined }, { now: start })).toEqual({ done: 1, retried: 0, failed: 0 });
  });
});
