import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.js';
import { ideas, mailOutbox, networks, providers, services, users } from '../../src/db/schema/index.js';
import type { Principal } from '../../src/domain/principal.js';
import { answerIdea, commentIdea } from '../../src/resources/ideas/commands.js';
import { joinNetwork } from '../../src/resources/networks/commands.js';
import { loadServiceDocument, publishDraft, retireService, saveDraft } from '../../src/resources/services/commands.js';
import { messages } from '../../src/web/i18n/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { actorFor, signedIn, type TestSession } from '../support/sessions.js';

const LOTTSTIFT = '982391490';

/** Each event kind reaches exactly the people it concerns, and nobody else (issue 13). */
describe.each(testEngines())('event kinds and their audiences on %s', (engine) => {
  let t: TestApp;
  const who = {} as Record<'lise' | 'per' | 'siri' | 'dag', Principal>;
  let serviceFollower: TestSession;
  let areaFollower: TestSession;
  let networkFollower: TestSession;
  let nobody: TestSession;

  const audience = async (kind: string, subjectId: string) =>
    (
      await queryRows<{ user_id: string }>(
        t.database.db,
        sql`select n.user_id from notifications n join events e on e.id = n.event_id where e.kind = ${kind} and e.subject_id = ${subjectId}`,
      )
    )
      .map((r) => r.user_id)
      .sort();
  const follow = (s: TestSession, type: string, id: string) =>
    t.app.inject({ method: 'PUT', url: '/api/v1/me/follows', headers: { ...s.headers, 'content-type': 'application/json' }, payload: JSON.stringify({ type, id }) });

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: 'demo' });
    const db = t.database.db;
    const user = async (email: string) => (await db.select().from(users).where(eq(users.email, email)))[0]!;
    const sis = (await db.select().from(providers).where(eq(providers.slug, 'statens-innkjopssenter')))[0]!.id;
    const dfo = (await db.select().from(providers).where(eq(providers.slug, 'dfo')))[0]!.id;
    const u = { lise: await user('lise.berg@lottstift.example'), per: await user('per.hansen@felles.example'), siri: await user('siri.aas@sis.example'), dag: await user('dag.olsen@dfo.example') };
    who.lise = { kind: 'user', id: u.lise.id, name: u.lise.name, roles: [{ role: 'agency_editor', agencyOrgnr: LOTTSTIFT }] };
    who.per = { kind: 'user', id: u.per.id, name: u.per.name, roles: [{ role: 'agency_editor', agencyOrgnr: '916132727' }] };
    who.siri = { kind: 'user', id: u.siri.id, name: u.siri.name, roles: [{ role: 'provider_editor', providerId: sis }] };
    who.dag = { kind: 'user', id: u.dag.id, name: u.dag.name, roles: [{ role: 'provider_editor', providerId: dfo }] };
    serviceFollower = await signedIn(db, [], { name: 'Tjenestefølger', email: `svc-${engine}@example.no` });
    areaFollower = await signedIn(db, [], { name: 'Områdefølger', email: `area-${engine}@example.no` });
    networkFollower = await signedIn(db, [], { name: 'Nettverksfølger', email: `net-${engine}@example.no` });
    nobody = await signedIn(db, [], { name: 'Ingen', email: `nobody-${engine}@example.no` });
  });
  afterAll(async () => t?.close());

  it("a published change reaches the service's followers with a link to the comparison; retiring reaches the area's followers too", async () => {
    const db = t.database.db;
    const [svc] = await db.select().from(services).where(eq(services.slug, 'dfo-lonn'));
    expect((await follow(serviceFollower, 'service', svc!.id)).statusCode).toBe(204);
    expect((await follow(areaFollower, 'area', svc!.areaSlug)).statusCode).toBe(204);
    const doc = await loadServiceDocument(db, svc!.id);
    await saveDraft(db, actorFor(who.dag), 'dfo-lonn', { ...doc, summary: { ...doc.summary, en: 'Payroll, changed' } }, undefined, 'nb');
    await publishDraft(db, actorFor(who.dag), 'dfo-lonn', 'nb');
    await t.app.deps.jobs!.runDue();
    expect(await audience('service.changed', svc!.id)).toEqual([serviceFollower.principal.id]);
    const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.kind, 'notify:service.changed'));
    expect(mail!.recipients).toEqual([serviceFollower.principal.email]);
    expect(mail!.textBody).toMatch(/\/tjenester\/dfo-lonn\/historikk\?fra=\d+&til=\d+/);
    expect(mail!.textBody).toContain('summary');
    await retireService(db, actorFor(who.dag), 'dfo-lonn', 'nb');
    await t.app.deps.jobs!.runDue();
    expect(await audience('service.retired', svc!.id)).toEqual([serviceFollower.principal.id, areaFollower.principal.id].sort());
  });

  it("a comment on an idea reaches the proposing agency's editor, not the commenter; a status change also the voters' editors", async () => {
    const db = t.database.db;
    const [idea] = await db.select().from(ideas).where(eq(ideas.title, 'Reisebyrå med kompetanse på kompliserte reiser'));
    await commentIdea(db, actorFor(who.siri), idea!.id, { provider: 'statens-innkjopssenter' }, 'Vi ser på det.', 'nb');
    await t.app.deps.jobs!.runDue();
    expect(await audience('idea.comment', idea!.id)).toEqual([who.per.id]);
    await answerIdea(db, actorFor(who.siri), idea!.id, { status: 'planned', note: 'Kommer i neste avtale.' }, 'nb');
    await t.app.deps.jobs!.runDue();
    // Per edits the proposing agency and two voters; Lise's agency neither proposed, voted nor commented.
    expect(await audience('idea.status', idea!.id)).toEqual([who.per.id]);
    const [n] = (await t.app.inject({ url: '/api/v1/me/notifications?lang=en', headers: { cookie: (await signedInAs(who.per.id)).cookie } })).json().items;
    expect(n.text).toContain(messages.en.idea.status.planned);
  });

  it("an agency joining a network reaches the members' editors and the network's followers, not the joiner or anyone else", async () => {
    const db = t.database.db;
    const [net] = await db.select().from(networks).where(eq(networks.slug, 'nettverket-for-administrasjonssjefer'));
    expect((await follow(networkFollower, 'network', net!.id)).statusCode).toBe(204);
    const members = await queryRows<{ agency_orgnr: string }>(db, sql`select agency_orgnr from network_members where network_id = ${net!.id} and left_at is null`);
    const lisesAgencyIsMember = members.some((m) => m.agency_orgnr === LOTTSTIFT);
    const joiner = lisesAgencyIsMember ? who.per : who.lise;
    const joining = lisesAgencyIsMember ? '916132727' : LOTTSTIFT;
    const perIsMember = members.some((m) => ['916132727', '974761335', '988681873'].includes(m.agency_orgnr));
    expect(await joinNetwork(db, actorFor(joiner), 'nettverket-for-administrasjonssjefer', joining, 'nb')).toBe('joined');
    await t.app.deps.jobs!.runDue();
    const expected = [networkFollower.principal.id, ...(joiner === who.lise && perIsMember ? [who.per.id] : []), ...(joiner === who.per && lisesAgencyIsMember ? [who.lise.id] : [])];
    expect(await audience('network.member_joined', net!.id)).toEqual(expected.sort());
    expect(await audience('network.member_joined', net!.id)).not.toContain(nobody.principal.id);
  });

  async function signedInAs(userId: string) {
    const { createSession } = await import('../../src/auth/sessions.js');
    const s = await createSession(t.database.db, userId, { idleMinutes: 60, maxHours: 1 });
    return { cookie: `ft_session=${s.token}` };
  }
});
