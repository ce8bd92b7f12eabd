import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.js';
import { joinNetwork, leaveNetwork } from '../../src/resources/networks/commands.js';
import { registerNeed } from '../../src/resources/needs/commands.js';
import { changeSurveyDates, createSurvey, submitResponse } from '../../src/resources/surveys/commands.js';
import { messages } from '../../src/web/i18n/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { createAgency, createArea, createProvider, createService, createSubscription } from '../support/factories.js';
import { actorFor, signedIn, type TestSession } from '../support/sessions.js';
import { useSetup } from '../support/setup.js';

/**
 * The events issue 13 still lacked, each reaching exactly the right people and not others: a survey opened for an
 * agency, the reminder 3 days before it closes to those who have not answered, results published; a shared need
 * that matches another agency's open need above the matchmaking threshold (never revealing a private need); a
 * network one's agency belongs to changed.
 */
describe.each(testEngines())('survey, need-match and network events on %s', (engine) => {
  let t: TestApp;
  let nowMs = Date.parse('2027-03-01T09:00:00Z');
  const clock = () => new Date(nowMs);
  const runJobs = () => t.app.deps.jobs!.runDue();
  const audience = async (kind: string, subjectId: string) =>
    (await queryRows<{ user_id: string }>(t.database.db, sql`select n.user_id from notifications n join events e on e.id = n.event_id where e.kind = ${kind} and e.subject_id = ${subjectId}`))
      .map((r) => r.user_id)
      .sort();
  const ids = (...s: TestSession[]) => s.map((x) => x.principal.id).sort();
  const editor = async (orgnr: string, name: string) => signedIn(t.database.db, [{ role: 'agency_editor', agencyOrgnr: orgnr }], { name, email: `${name.toLowerCase()}-${engine}@example.no` });

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: 'demo', clock });
  });
  afterAll(async () => t?.close());

  describe('a survey', () => {
    const survey = useSetup(async () => {
      const db = t.database.db;
      const area = await createArea(db);
      const p = await createProvider(db);
      const svc = await createService(db, { providerId: p.id, areaSlug: area.slug });
      const a = await createAgency(db);
      const b = await createAgency(db);
      const c = await createAgency(db);
      await createSubscription(db, { agencyOrgnr: a.orgnr, serviceId: svc.id });
      await createSubscription(db, { agencyOrgnr: b.orgnr, serviceId: svc.id });
      const provider = await signedIn(db, [{ role: 'provider_editor', providerId: p.id }], { name: 'Leverandør', email: `lev-${engine}@example.no` });
      const answered = await editor(a.orgnr, 'Svarer');
      const silent = await editor(b.orgnr, 'Taus');
      const outsider = await editor(c.orgnr, 'Utenfor');
      const follower = await signedIn(db, [], { name: 'Følger', email: `sfolger-${engine}@example.no` });
      const id = await createSurvey(
        db,
        actorFor(provider.principal, clock()),
        { provider: p.slug, template: 'brukerundersokelse', title: { nb: 'Hvor fornøyd er dere?' }, audience: 'service_users', services: [svc.slug], opensOn: '2027-03-01', closesOn: '2027-03-15', custom: [] },
        'nb',
      );
      const put = await t.app.inject({ method: 'PUT', url: '/api/v1/me/follows', headers: { ...follower.headers, 'content-type': 'application/json' }, payload: JSON.stringify({ type: 'survey', id }) });
      expect(put.statusCode).toBe(204);
      return { id, provider, answered, answeredOrgnr: a.orgnr, silent, outsider, follower };
    });

    it('opened: the editors of the agencies it asks and its followers; not an agency outside it, nor the provider', async () => {
      await runJobs();
      const heard = await audience('survey.opened', survey.id);
      expect(heard).toEqual(ids(survey.answered, survey.silent, survey.follower));
      expect(heard).not.toContain(survey.outsider.principal.id);
      const [n] = (await t.app.inject({ url: '/api/v1/me/notifications?lang=nn', headers: survey.silent.headers })).json().items;
      expect(n.kind).toBe('survey.opened');
      expect(n.text).toContain('Hvor fornøyd er dere?');
      expect(n.text).not.toBe((await t.app.inject({ url: '/api/v1/me/notifications?lang=en', headers: survey.silent.headers })).json().items[0].text);
    });

    it('reminder 3 days before it closes: only the editors of agencies that have not answered', async () => {
      await submitResponse(t.database.db, actorFor(survey.answered.principal, clock()), survey.id, survey.answeredOrgnr, { satisfaction: 4 }, 'nb');
      nowMs = Date.parse('2027-03-11T12:00:00Z');
      await runJobs();
      expect(await audience('survey.reminder', survey.id)).toEqual([]);
      nowMs = Date.parse('2027-03-12T08:01:00Z'); // 09:01 Oslo, three days before the last day
      await runJobs();
      expect(await audience('survey.reminder', survey.id)).toEqual(ids(survey.silent));
    });

    it('results published the morning after it closes: those who answered, the provider and followers; not who did not answer', async () => {
      nowMs = Date.parse('2027-03-15T20:00:00Z');
      await runJobs();
      expect(await audience('survey.results', survey.id)).toEqual([]);
      nowMs = Date.parse('2027-03-16T07:01:00Z');
      await runJobs();
      expect(await audience('survey.results', survey.id)).toEqual(ids(survey.answered, survey.provider, survey.follower));
      const [n] = (await t.app.inject({ url: '/api/v1/me/notifications', headers: survey.provider.headers })).json().items;
      expect(n.url).toMatch(new RegExp(`/undersokelser/${survey.id}#results$`));
      // No event twice: another run sends nothing more.
      await runJobs();
      expect(await audience('survey.results', survey.id)).toHaveLength(3);
      expect(await audience('survey.opened', survey.id)).toHaveLength(3);
    });

    it('a survey whose closing date moves gets its reminder on the new date, and the old one falls silent', async () => {
      const db = t.database.db;
      nowMs = Date.parse('2027-04-01T09:00:00Z');
      const p = await createProvider(db);
      const area = await createArea(db);
      const svc = await createService(db, { providerId: p.id, areaSlug: area.slug });
      const a = await createAgency(db);
      await createSubscription(db, { agencyOrgnr: a.orgnr, serviceId: svc.id });
      const ed = await editor(a.orgnr, 'Flyttet');
      const pe = await signedIn(db, [{ role: 'provider_editor', providerId: p.id }], {});
      const id = await createSurvey(db, actorFor(pe.principal, clock()), { provider: p.slug, template: 'brukerundersokelse', title: { nb: 'Flyttes' }, audience: 'service_users', services: [svc.slug], opensOn: '2027-04-01', closesOn: '2027-04-10', custom: [] }, 'nb');
      await changeSurveyDates(db, actorFor(pe.principal, clock()), id, { opensOn: '2027-04-01', closesOn: '2027-04-20' }, 'nb');
      nowMs = Date.parse('2027-04-07T08:01:00Z'); // the old reminder's time
      await runJobs();
      expect(await audience('survey.reminder', id)).toEqual([]);
      expect(await audience('survey.results', id)).toEqual([]);
      nowMs = Date.parse('2027-04-17T07:01:00Z'); // 09:01 Oslo (summer time), three days before 20 April
      await runJobs();
      expect(await audience('survey.reminder', id)).toEqual(ids(ed));
    });
  });

  describe('a need', () => {
    const privateTitle = 'Hemmelig behov for lønnssystem';

    const needs = useSetup(async () => {
      const db = t.database.db;
      nowMs = Date.parse('2027-05-03T09:00:00Z');
      const area = (await createArea(db, { name: { nb: 'Matchområdet' } })).slug;
      const other = (await createArea(db)).slug;
      const place = { municipalityNumber: '0301', municipalityName: 'Oslo', countyName: 'Oslo', employees: 100 };
      const r = await createAgency(db, place);
      const l = await createAgency(db, place);
      const u = await createAgency(db, { municipalityNumber: '5001', municipalityName: 'Trondheim', countyName: 'Trøndelag', employees: 2000 });
      const e = await createAgency(db, place);
      const registrar = await editor(r.orgnr, 'Registrerer');
      const like = await editor(l.orgnr, 'Lik');
      const unlike = await editor(u.orgnr, 'Ulik');
      const elsewhere = await editor(e.orgnr, 'Annetsteds');
      const need = (title: string, visibility: 'restricted' | 'agencies', areaSlug = area) => ({ area: areaSlug, title, description: 'Vi trenger dette snart.', urgency: 'high' as const, visibility, contactName: null, contactEmail: null });
      // The like agency's need is private: it may be told of a match, but nobody learns of its need.
      await registerNeed(db, actorFor(like.principal, clock()), l.orgnr, need(privateTitle, 'restricted'), 'nb');
      await registerNeed(db, actorFor(unlike.principal, clock()), u.orgnr, need('Behov langt unna', 'agencies'), 'nb');
      await registerNeed(db, actorFor(elsewhere.principal, clock()), e.orgnr, need('Behov i et annet område', 'agencies', other), 'nb');
      await runJobs();
      return { area, registrar, registrarOrgnr: r.orgnr, like, unlike, elsewhere };
    });

    it('a private need tells no one', async () => {
      const id = await registerNeed(t.database.db, actorFor(needs.registrar.principal, clock()), needs.registrarOrgnr, { area: needs.area, title: 'Privat behov her', description: 'Dette er privat.', urgency: 'low', visibility: 'restricted', contactName: null, contactEmail: null }, 'nb');
      await runJobs();
      expect(await audience('need.match', id)).toEqual([]);
    });

    it('a shared need reaches the editors of like agencies with an open need in the area (private or not); not unlike agencies, other areas or the registrar', async () => {
      const id = await registerNeed(t.database.db, actorFor(needs.registrar.principal, clock()), needs.registrarOrgnr, { area: needs.area, title: 'Delt behov her', description: 'Dette deler vi.', urgency: 'high', visibility: 'agencies', contactName: null, contactEmail: null }, 'nb');
      await runJobs();
      expect(await audience('need.match', id)).toEqual(ids(needs.like));
      const items = (await t.app.inject({ url: '/api/v1/me/notifications', headers: needs.like.headers })).json().items as { kind: string; text: string; url: string }[];
      const n = items.find((i) => i.kind === 'need.match')!;
      expect(n.text).toContain('Matchområdet');
      expect(n.url).toMatch(new RegExp(`/behov/${id}$`));
      // The notice points to the shared need and says nothing of the recipient's own private one, to anyone.
      const rows = await queryRows<{ params: string; text_body: string }>(t.database.db, sql`select e.params::text as params, '' as text_body from events e where e.kind = 'need.match' and e.subject_id = ${id}`);
      expect(rows[0]!.params).not.toContain(privateTitle);
      const mails = await queryRows<{ text_body: string }>(t.database.db, sql`select text_body from mail_outbox where kind = 'notify:need.match'`);
      expect(mails.length).toBeGreaterThan(0);
      for (const m of mails) expect(m.text_body).not.toContain(privateTitle);
      expect(await audience('need.match', id)).not.toContain(needs.unlike.principal.id);
      expect(await audience('need.match', id)).not.toContain(needs.elsewhere.principal.id);
    });
  });

  describe('a network', () => {
    it("a change reaches the members' editors and its followers; not the one who changed it, a member that left, or anyone else", async () => {
      const db = t.database.db;
      nowMs = Date.parse('2027-06-01T09:00:00Z');
      const admin = await signedIn(db, [{ role: 'admin' }], { name: 'DFØ-admin', email: `admin2-${engine}@example.no` });
      const call = (method: 'POST' | 'PUT', url: string, body: unknown) => t.app.inject({ method, url, headers: { ...admin.headers, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
      const input = { name: `Varslingsnettverket ${engine}`, kind: 'sector', description: 'Et nettverk for å teste varsler.', areas: ['lonn'], facilitator: 'dfo' };
      const created = await call('POST', '/api/v1/networks', input);
      expect(created.statusCode).toBe(201);
      const { slug } = created.json() as { slug: string };
      const [net] = await queryRows<{ id: string }>(db, sql`select id from networks where slug = ${slug}`);
      const m1 = await createAgency(db);
      const m2 = await createAgency(db);
      const gone = await createAgency(db);
      const out = await createAgency(db);
      const e1 = await editor(m1.orgnr, 'Medlem1');
      const e2 = await editor(m2.orgnr, 'Medlem2');
      const eGone = await editor(gone.orgnr, 'Gikk');
      await editor(out.orgnr, 'Utenfor2');
      const follower = await signedIn(db, [], { name: 'Nettfølger', email: `nfolger-${engine}@example.no` });
      for (const [e, a] of [[e1, m1], [e2, m2], [eGone, gone]] as const) await joinNetwork(db, actorFor(e.principal, clock()), slug, a.orgnr, 'nb');
      await leaveNetwork(db, actorFor(eGone.principal, clock()), slug, gone.orgnr, 'nb');
      const put = await t.app.inject({ method: 'PUT', url: '/api/v1/me/follows', headers: { ...follower.headers, 'content-type': 'application/json' }, payload: JSON.stringify({ type: 'network', id: net!.id }) });
      expect(put.statusCode).toBe(204);
      // The same values again change nothing and tell no one.
      expect((await call('PUT', `/api/v1/networks/${slug}`, input)).statusCode).toBe(200);
      await runJobs();
      expect(await audience('network.changed', net!.id)).toEqual([]);
      nowMs += 60_000; // after the joins, so the change is the newest notice
      expect((await call('PUT', `/api/v1/networks/${slug}`, { ...input, description: 'Nå med møter hver måned.' })).statusCode).toBe(200);
      await runJobs();
      expect(await audience('network.changed', net!.id)).toEqual(ids(e1, e2, follower));
      const [n] = (await t.app.inject({ url: '/api/v1/me/notifications?lang=en', headers: e1.headers })).json().items;
      expect(n.text).toBe(messages.en.notify.event['network.changed']({ title: input.name, provider: '', agency: '', status: '', detail: '', deadline: '' }));
    });
  });
  describe('housekeeping', () => {
    it('a nightly job removes old done jobs and old read notifications, keeps failed jobs, recent and unread ones, and schedules the next night', async () => {
      const db = t.database.db;
      nowMs = Date.parse('2027-09-01T12:00:00Z');
      const now = clock().getTime();
      const ago = (days: number) => new Date(now - days * 86_400_000).toISOString();
      const k = (name: string) => `housekeeping:${name}:${engine}`;
      await db.execute(sql`insert into jobs (kind, key, run_at, done_at) values ('x', ${k('old')}, ${ago(40)}, ${ago(31)}), ('x', ${k('recent')}, ${ago(6)}, ${ago(5)})`);
      await db.execute(sql`insert into jobs (kind, key, run_at, failed_at, last_error) values ('x', ${k('failed')}, ${ago(300)}, ${ago(300)}, 'nede')`);
      const person = await signedIn(db, [], { name: 'Rydd', email: `rydd-${engine}@example.no` });
      const events = await queryRows<{ id: string }>(db, sql`select id from events order by occurred_at limit 3`);
      expect(events).toHaveLength(3);
      const [oldRead, recentRead, oldUnread] = events.map((e) => e.id);
      await db.execute(sql`insert into notifications (event_id, user_id, delivery, created_at, read_at) values
        (${oldRead}, ${person.principal.id}, 'portal', ${ago(400)}, ${ago(200)}),
        (${recentRead}, ${person.principal.id}, 'portal', ${ago(400)}, ${ago(10)}),
        (${oldUnread}, ${person.principal.id}, 'portal', ${ago(400)}, null)`);
      const { scheduleCleanup } = await import('../../src/mail/notify.js');
      await db.transaction(async (tx) => scheduleCleanup(tx, clock()));
      nowMs = Date.parse('2027-09-02T01:01:00Z'); // 03:01 Oslo (summer time)
      await runJobs();
      const keys = (await queryRows<{ key: string }>(db, sql`select key from jobs where key like ${'housekeeping:%:' + engine}`)).map((r) => r.key).sort();
      expect(keys).toEqual([k('failed'), k('recent')].sort());
      const left = (await queryRows<{ event_id: string }>(db, sql`select event_id from notifications where user_id = ${person.principal.id}`)).map((r) => r.event_id).sort();
      expect(left).toEqual([recentRead, oldUnread].sort());
      const next = await queryRows<{ run_at: Date }>(db, sql`select run_at from jobs where kind = 'cleanup' and done_at is null order by run_at`);
      expect(next.map((r) => new Date(r.run_at).toISOString())).toContain('2027-09-03T01:00:00.000Z');
    });
  });
});
