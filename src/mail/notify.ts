/**
 * From events to people (issue 13). The fan-out job turns one event into one notification per person who follows
 * what it concerns (explicitly, or by default as an editor), and into an e-mail now or a digest later, as each
 * person chose. Everything a job writes commits with the job (src/db/jobs.ts), and the unique indexes on
 * notifications (event, person) and on the outbox's dedupe key make a second run write nothing: with two app
 * processes, or after a restart in the middle of a send, a person still gets an event once.
 */
import { sql } from 'drizzle-orm';
import { signingSecret, sign, unsign } from '../auth/secret.js';
import { queryRows, type Database, type Executor } from '../db/database.js';
import { recordEvent } from '../db/events.js';
import { surveyAudience } from '../db/surveyAudience.js';
import { type JobContext, type JobHandlers, scheduleJob } from '../db/jobs.js';
import { isLanguage, type Language, type LocalizedText, pickText } from '../domain/catalogue.js';
import { agencySimilarity, type MatchAgency } from '../domain/matchmaking.js';
import { ministryAreaOf, procurementKinds } from '../domain/eligibility.js';
import { osloToday } from '../domain/osloTime.js';
import {
  type Delivery,
  deadlineReminders,
  deliveryFor,
  digestKey,
  type EventKind,
  type EventParams,
  KEEP_DONE_JOBS_DAYS,
  KEEP_READ_NOTIFICATIONS_DAYS,
  MATCH_NOTICE_THRESHOLD,
  nextCleanupAt,
  nextDigestAt,
  surveyOpensAt,
  surveyReminderAt,
  surveyResultsAt,
} from '../domain/notify.js';
import type { OrganisationKind } from '../domain/catalogue.js';
import { REPORT_SIZE_THRESHOLDS, sizeClassOf, type SizeThresholds } from '../domain/sizeClass.js';
import { formatters, languagePrefix, messages } from '../web/i18n/index.js';
import { enqueueMails } from './outbox.js';

export interface NotifyOptions {
  publicUrl: string;
  /** SESSION_SECRET when configured; else the secret kept in the database signs the unsubscribe links. */
  sessionSecret?: string | undefined;
  /** SIZE_THRESHOLDS, for matchmaking notices (agencies of like size). */
  sizeThresholds?: SizeThresholds | undefined;
}

const editorsOf = (agencies: ReturnType<typeof sql>) =>
  sql`select ra.user_id from role_assignments ra where ra.role = 'agency_editor' and ra.agency_orgnr in (${agencies})`;
const providerEditors = (providerId: string) => sql`select ra.user_id from role_assignments ra where ra.role = 'provider_editor' and ra.provider_id = ${providerId}`;
const followers = (type: string, id: string) => sql`select f.user_id from follows f where f.target_type = ${type} and f.target_id = ${id} and f.active`;
const unfollowed = (type: string, id: string) => sql`select f.user_id from follows f where f.target_type = ${type} and f.target_id = ${id} and not f.active`;
const eligible = (kinds: string[]) => sql`select a.orgnr from agencies a where a.kind in (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)}) and a.deleted_on is null`;

function str(p: EventParams, key: string): string {
  const v = p[key];
  return typeof v === 'string' ? v : '';
}
function list(p: EventParams, key: string): string[] {
  const v = p[key];
  return Array.isArray(v) ? v : [];
}

/** The survey's target agencies: users of its services, or all state agencies for an all-state survey. */
/** The agencies a survey is for (as src/resources/surveys/queries.ts eligibleOrgnrs): a needs survey before a
 * procurement goes to every agency the procurement is for; otherwise the whole state or the services' users. */
/**
 * Who hears of an event: a query of user ids. Defaults (an agency editor and their agency's procurements and
 * surveys, a provider and its own services' feedback) are left out for whoever stopped following the subject.
 * `mailed` are people who already got the portal's formal notice by mail (the consultation notice): they get the
 * notification in the portal without a second e-mail.
 */
export function audienceOf(kind: EventKind, subjectId: string, p: EventParams, today: string): { who: ReturnType<typeof sql>; mailed?: ReturnType<typeof sql> } {
  const union = (parts: ReturnType<typeof sql>[]) => sql.join(parts, sql` union `);
  const providerId = str(p, 'providerId');
  switch (kind) {
    case 'procurement.consultation':
    case 'procurement.announced':
    case 'procurement.awarded':
    case 'procurement.cancelled': {
      const defaults = sql`${editorsOf(eligible(list(p, 'eligibleKinds')))} except ${unfollowed('procurement', subjectId)}`;
      return {
        who: union([followers('procurement', subjectId), ...(providerId ? [followers('provider', providerId)] : []), sql`(${defaults})`]),
        ...(kind === 'procurement.consultation' ? { mailed: editorsOf(eligible(list(p, 'eligibleKinds'))) } : {}),
      };
    }
    case 'procurement.deadline_7d':
    case 'procurement.deadline_1d': {
      const unanswered = sql`${eligible(list(p, 'eligibleKinds'))} except select d.agency_orgnr from declarations d where d.procurement_id = ${subjectId} and d.withdrawn_at is null`;
      return { who: sql`${editorsOf(unanswered)} except ${unfollowed('procurement', subjectId)}` };
    }
    case 'declaration.received':
      return { who: providerEditors(providerId) };
    case 'survey.opened':
      return { who: union([followers('survey', subjectId), sql`(${editorsOf(surveyAudience(subjectId, today))} except ${unfollowed('survey', subjectId)})`]) };
    case 'survey.reminder': {
      const unanswered = sql`${surveyAudience(subjectId, today)} except select r.agency_orgnr from survey_responses r where r.survey_id = ${subjectId}`;
      return { who: sql`${editorsOf(unanswered)} except ${unfollowed('survey', subjectId)}` };
    }
    case 'survey.results':
      return {
        who: union([followers('survey', subjectId), editorsOf(sql`select r.agency_orgnr from survey_responses r where r.survey_id = ${subjectId}`), providerEditors(providerId)]),
      };
    case 'idea.status': {
      const agencies = sql`select i.agency_orgnr from ideas i where i.id = ${subjectId}
        union select v.agency_orgnr from idea_votes v where v.idea_id = ${subjectId}
        union select c.agency_orgnr from idea_comments c where c.idea_id = ${subjectId} and c.agency_orgnr is not null`;
      const serviceId = str(p, 'serviceId');
      return { who: union([editorsOf(agencies), ...(serviceId ? [followers('service', serviceId)] : [])]) };
    }
    case 'idea.comment': {
      const by = str(p, 'byAgency');
      const parts = [editorsOf(sql`select i.agency_orgnr from ideas i where i.id = ${subjectId} and i.agency_orgnr is distinct from ${by || null}`)];
      if (providerId && !str(p, 'byProvider')) parts.push(providerEditors(providerId));
      return { who: union(parts) };
    }
    case 'need.match': {
      // The agencies with a like open need (their own, shared or not): never the need's own agency's editors, and
      // nothing of the recipients' needs goes into the notice. The need it points to is a shared one.
      const matched = list(p, 'matchedAgencies');
      const own = editorsOf(sql`select ${str(p, 'agencyOrgnr')}::text`);
      return { who: matched.length ? sql`${editorsOf(sql.join(matched.map((m) => sql`${m}`), sql`, `))} except ${own}` : sql`select null::uuid as user_id where false` };
    }
    case 'network.changed':
    case 'network.member_joined': {
      const members = sql`select m.agency_orgnr from network_members m where m.network_id = ${subjectId} and m.left_at is null and m.agency_orgnr is distinct from ${str(p, 'agencyOrgnr') || null}`;
      return { who: union([followers('network', subjectId), sql`(${editorsOf(members)} except ${unfollowed('network', subjectId)})`]) };
    }
    case 'service.changed':
      return { who: followers('service', subjectId) };
    case 'service.new':
      return { who: union([followers('area', str(p, 'areaSlug')), followers('provider', providerId), followers('catalogue', '')]) };
    case 'service.retired':
      return { who: union([followers('service', subjectId), followers('area', str(p, 'areaSlug')), followers('provider', providerId)]) };
  }
}

type EventRow = {
  id: string;
  kind: EventKind;
  occurred_at: Date;
  subject_type: string;
  subject_id: string;
  params: EventParams;
};

/** An event's one line in a language. */
export function eventText(e: Pick<EventRow, 'kind' | 'params'>, lang: Language): string {
  const fmt = formatters(lang);
  const text = (key: string) => {
    const v = e.params[key];
    if (v && typeof v === 'object' && !Array.isArray(v)) return pickText(v as LocalizedText, lang).text;
    return typeof v === 'string' ? v : '';
  };
  const deadline = str(e.params, 'deadline');
  const render = messages[lang].notify.event[e.kind];
  return render({
    title: text('title'),
    provider: text('provider'),
    agency: text('agency'),
    status: text('status'),
    detail: text('detail'),
    deadline: deadline ? (/^\d{4}-\d{2}-\d{2}$/.test(deadline) ? fmt.date(deadline) : fmt.dateTime(new Date(deadline))) : '',
  });
}

/** The link an event points to, in a language, absolute. */
export function eventUrl(e: Pick<EventRow, 'params'>, lang: Language, publicUrl: string): string {
  return `${publicUrl}${languagePrefix(lang)}${str(e.params, 'path') || '/min-side/varsler'}`;
}

const UNSUBSCRIBE_PURPOSE = 'unsubscribe';

/** A token that names the person and is signed: it unsubscribes without sign-in and cannot be made for someone else. */
export function unsubscribeToken(userId: string, secret: string): string {
  return sign(`${UNSUBSCRIBE_PURPOSE}:${userId}`, secret);
}

export function userOfUnsubscribeToken(token: string, secret: string): string | undefined {
  const value = unsign(token, secret);
  if (!value?.startsWith(`${UNSUBSCRIBE_PURPOSE}:`)) return undefined;
  const id = value.slice(UNSUBSCRIBE_PURPOSE.length + 1);
  return /^[0-9a-f-]{36}$/i.test(id) ? id : undefined;
}

/** One-click unsubscribe (RFC 8058): e-mail off, notifications still in the portal. */
export async function unsubscribe(db: Executor, userId: string): Promise<void> {
  await db.execute(sql`insert into notification_settings (user_id, delivery) values (${userId}, 'portal')
    on conflict (user_id) do update set delivery = 'portal', updated_at = now()`);
}

function unsubscribeHeaders(url: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

type Recipient = {
  user_id: string;
  name: string;
  email: string;
  delivery: Delivery;
  language: Language;
  mailed: boolean;
};

async function fanOut(ctx: JobContext, options: NotifyOptions, secret: string): Promise<void> {
  const { tx, now } = ctx;
  const eventId = String(ctx.job.payload.eventId);
  const [event] = await queryRows<EventRow>(tx, sql`select id, kind, occurred_at, subject_type, subject_id, params from events where id = ${eventId}`);
  if (!event) return;
  const audience = audienceOf(event.kind, event.subject_id, event.params, osloToday(new Date(event.occurred_at)));
  const actor = str(event.params, 'actorUserId');
  const recipients = await queryRows<Recipient>(
    tx,
    sql`select u.id as user_id, u.name, u.email, coalesce(s.delivery, 'immediate') as delivery, coalesce(s.language, 'nb') as language,
          ${audience.mailed ? sql`u.id in (${audience.mailed})` : sql`false`} as mailed
        from users u left join notification_settings s on s.user_id = u.id
        where u.id in (${audience.who}) and u.disabled_at is null ${actor ? sql`and u.id <> ${actor}` : sql``}`,
  );
  const mails = [];
  for (const r of recipients) {
    const delivery = deliveryFor(event.kind, r.delivery);
    const inserted = await queryRows<{ id: string }>(
      tx,
      sql`insert into notifications (event_id, user_id, delivery, created_at, mailed_at)
          values (${event.id}, ${r.user_id}, ${delivery}, ${now.toISOString()}, ${r.mailed ? now.toISOString() : null})
          on conflict (event_id, user_id) do nothing returning id`,
    );
    // Already notified (a second run of this job): nothing more to do for this person.
    if (!inserted.length || r.mailed || delivery === 'portal') continue;
    if (delivery === 'immediate') {
      const lang = isLanguage(r.language) ? r.language : 'nb';
      const t = messages[lang].notify;
      const line = eventText(event, lang);
      const unsubscribeUrl = `${options.publicUrl}/varsler/avmeld?token=${encodeURIComponent(unsubscribeToken(r.user_id, secret))}`;
      mails.push({
        recipients: [r.email],
        subject: t.mail.subjectOne(line),
        text: [t.mail.greeting(r.name), '', line, eventUrl(event, lang, options.publicUrl), '', t.mail.seeAll(`${options.publicUrl}${languagePrefix(lang)}/min-side/varsler`), t.mail.unsubscribe(unsubscribeUrl), '', t.mail.signature].join('\n'),
        kind: `notify:${event.kind}`,
        entityId: event.id,
        headers: unsubscribeHeaders(unsubscribeUrl),
        dedupeKey: `notify:${event.id}:${r.user_id}`,
      });
      await tx.execute(sql`update notifications set mailed_at = ${now.toISOString()} where id = ${inserted[0]!.id}`);
    } else {
      const period = delivery;
      const at = nextDigestAt(period, now);
      await scheduleJob(tx, { kind: 'digest', key: digestKey(period, r.user_id, at), runAt: at, payload: { userId: r.user_id, period } });
    }
  }
  await enqueueMails(tx, mails);
  // Where there are events there is housekeeping: one job a night, whoever schedules it first (the key is the time).
  await scheduleCleanup(tx, now);
}

/** Schedules the next night's housekeeping (idempotent: one job per night, by key). */
export async function scheduleCleanup(tx: Executor, now: Date): Promise<void> {
  const at = nextCleanupAt(now);
  await scheduleJob(tx, { kind: 'cleanup', key: `cleanup:${at.toISOString()}`, runAt: at });
}

/**
 * Housekeeping: done jobs older than KEEP_DONE_JOBS_DAYS and read notifications older than
 * KEEP_READ_NOTIFICATIONS_DAYS go. Failed jobs stay for DFØ (/admin/jobber), unread notifications stay, and a
 * notification's event stays (the unique index on notifications is what keeps a person from getting it twice, and a
 * deleted notification's event is long past any re-run). Then the next night's run is scheduled.
 */
async function cleanup(ctx: JobContext): Promise<void> {
  const day = 86_400_000;
  const jobsBefore = new Date(ctx.now.getTime() - KEEP_DONE_JOBS_DAYS * day).toISOString();
  const readBefore = new Date(ctx.now.getTime() - KEEP_READ_NOTIFICATIONS_DAYS * day).toISOString();
  await ctx.tx.execute(sql`delete from jobs where done_at is not null and done_at < ${jobsBefore} and id <> ${ctx.job.id}`);
  await ctx.tx.execute(sql`delete from notifications where read_at is not null and read_at < ${readBefore}`);
  await scheduleCleanup(ctx.tx, ctx.now);
}

const KIND_GROUP_ORDER = ['procurement', 'declaration', 'survey', 'service', 'idea', 'need', 'network'] as const;

async function sendDigest(ctx: JobContext, options: NotifyOptions, secret: string): Promise<void> {
  const { tx, now } = ctx;
  const userId = String(ctx.job.payload.userId);
  const period = ctx.job.payload.period === 'weekly' ? 'weekly' : 'daily';
  const [user] = await queryRows<{ name: string; email: string; language: string; disabled: boolean }>(
    tx,
    sql`select u.name, u.email, coalesce(s.language, 'nb') as language, u.disabled_at is not null as disabled from users u left join notification_settings s on s.user_id = u.id where u.id = ${userId}`,
  );
  const rows = await queryRows<EventRow & { notification_id: string }>(
    tx,
    sql`select n.id as notification_id, e.id, e.kind, e.occurred_at, e.subject_type, e.subject_id, e.params
        from notifications n join events e on e.id = n.event_id
        where n.user_id = ${userId} and n.delivery = ${period} and n.mailed_at is null and n.created_at <= ${now.toISOString()}
        order by e.occurred_at for update of n`,
  );
  if (!user || user.disabled || rows.length === 0) return;
  const lang = isLanguage(user.language) ? user.language : 'nb';
  const t = messages[lang].notify;
  const unsubscribeUrl = `${options.publicUrl}/varsler/avmeld?token=${encodeURIComponent(unsubscribeToken(userId, secret))}`;
  const lines = [t.mail.greeting(user.name), '', t.mail.digestLead(rows.length)];
  for (const group of KIND_GROUP_ORDER) {
    const inGroup = rows.filter((r) => r.kind.split('.')[0] === group);
    if (!inGroup.length) continue;
    lines.push('', `${t.kindGroup[group]} (${inGroup.length})`);
    for (const r of inGroup) lines.push(`- ${eventText(r, lang)}`, `  ${eventUrl(r, lang, options.publicUrl)}`);
  }
  lines.push('', t.mail.seeAll(`${options.publicUrl}${languagePrefix(lang)}/min-side/varsler`), t.mail.unsubscribe(unsubscribeUrl), '', t.mail.signature);
  await enqueueMails(tx, [
    {
      recipients: [user.email],
      subject: t.mail.subjectDigest(rows.length, period),
      text: lines.join('\n'),
      kind: `digest:${period}`,
      headers: unsubscribeHeaders(unsubscribeUrl),
      dedupeKey: ctx.job.key,
    },
  ]);
  await tx.execute(sql`update notifications set mailed_at = ${now.toISOString()} where id in (${sql.join(rows.map((r) => sql`${r.notification_id}`), sql`, `)})`);
}

const jobActor = (ctx: JobContext) => ({ now: ctx.now, requestId: `job:${ctx.job.key}` });

/** A consultation's deadline reminder: only while the consultation is open with the same deadline. */
async function procurementReminder(ctx: JobContext): Promise<void> {
  const { procurementId, kind, deadline } = ctx.job.payload as { procurementId: string; kind: EventKind; deadline: string };
  const [p] = await queryRows<{ status: string; deadline: Date | null; title: LocalizedText; provider_id: string; eligibility: string }>(
    ctx.tx,
    sql`select status, consultation_deadline as deadline, title, provider_id, eligibility from procurements where id = ${procurementId}`,
  );
  if (!p || p.status !== 'consultation' || !p.deadline || new Date(p.deadline).toISOString() !== deadline) return;
  await recordEvent(ctx.tx, jobActor(ctx), {
    kind,
    subjectType: 'procurement',
    subjectId: procurementId,
    params: { title: p.title, deadline, providerId: p.provider_id, eligibleKinds: procurementKinds(p.eligibility), path: `/anskaffelser/${procurementId}` },
  });
}

/** Schedules the 7-day and 1-day reminders of a consultation's deadline (in the caller's transaction). */
export async function scheduleDeadlineReminders(tx: Executor, procurementId: string, deadline: Date, now: Date): Promise<void> {
  for (const r of deadlineReminders(deadline, now)) {
    await scheduleJob(tx, {
      kind: 'procurement.reminder',
      key: `${r.kind}:${procurementId}:${deadline.toISOString()}`,
      runAt: r.at,
      payload: { procurementId, kind: r.kind, deadline: deadline.toISOString() },
    });
  }
}

/**
 * A survey's events that fall due on dates (in the caller's transaction, when it is created or its dates change):
 * opened (its first day, 08:00 Oslo), the reminder 3 days before it closes, and results published (the morning
 * after its last day). Each job's key names the date it is for, and the job does nothing when the survey's date has
 * moved since: a rescheduled survey gets new jobs, and the old ones fall silent.
 */
export async function scheduleSurveyJobs(tx: Executor, surveyId: string, opensOn: string, closesOn: string, now: Date): Promise<void> {
  const at = (t: Date) => new Date(Math.max(now.getTime(), t.getTime()));
  await scheduleJob(tx, { kind: 'survey.event', key: `survey.opened:${surveyId}:${opensOn}`, runAt: at(surveyOpensAt(opensOn)), payload: { surveyId, kind: 'survey.opened', opensOn } });
  const reminderAt = surveyReminderAt(closesOn);
  if (reminderAt > now) await scheduleJob(tx, { kind: 'survey.event', key: `survey.reminder:${surveyId}:${closesOn}`, runAt: reminderAt, payload: { surveyId, kind: 'survey.reminder', closesOn } });
  await scheduleJob(tx, { kind: 'survey.event', key: `survey.results:${surveyId}:${closesOn}`, runAt: at(surveyResultsAt(closesOn)), payload: { surveyId, kind: 'survey.results', closesOn } });
}

async function surveyEvent(ctx: JobContext): Promise<void> {
  const { surveyId, kind, closesOn, opensOn } = ctx.job.payload as { surveyId: string; kind: EventKind; closesOn?: string; opensOn?: string };
  const [s] = await queryRows<{ title: LocalizedText; opens_on: string; closes_on: string; provider_id: string }>(
    ctx.tx,
    sql`select title, opens_on::text as opens_on, closes_on::text as closes_on, provider_id from surveys where id = ${surveyId}`,
  );
  if (!s || (closesOn && s.closes_on !== closesOn) || (opensOn && s.opens_on !== opensOn)) return;
  await recordEvent(ctx.tx, jobActor(ctx), {
    kind,
    subjectType: 'survey',
    subjectId: surveyId,
    params: { title: s.title, deadline: s.closes_on, providerId: s.provider_id, path: `/undersokelser/${surveyId}${kind === 'survey.results' ? '#results' : ''}` },
  });
}

/** A need that became shared and open: look for like agencies' open needs (a job, so registering stays quick). */
export async function scheduleNeedMatch(tx: Executor, needId: string, now: Date): Promise<void> {
  await scheduleJob(tx, { kind: 'need.match', key: `need.match:${needId}:${now.toISOString()}`, runAt: now, payload: { needId } });
}

type MatchRow = { orgnr: string; kind: OrganisationKind; ministry_orgnr: string | null; employees: number | null; municipality_number: string | null; county_name: string | null };

/**
 * The matchmaking notice: the agencies with an open need in the same area whose similarity to the new need's agency
 * (src/domain/matchmaking.ts) reaches the threshold. Only a shared need is announced; the recipients' needs may be
 * private, and nothing of them is written into the event.
 */
async function needMatch(ctx: JobContext, thresholds: SizeThresholds): Promise<void> {
  const needId = String(ctx.job.payload.needId);
  const agencyColumns = sql`a.orgnr, a.kind, a.ministry_orgnr, a.employees, a.municipality_number, a.county_name`;
  const [n] = await queryRows<MatchRow & { area_slug: string; area_name: LocalizedText }>(
    ctx.tx,
    sql`select ${agencyColumns}, n.area_slug, ar.name as area_name from needs n join agencies a on a.orgnr = n.agency_orgnr join areas ar on ar.slug = n.area_slug
        where n.id = ${needId} and n.status = 'open' and n.visibility = 'agencies'`,
  );
  if (!n) return;
  const candidates = await queryRows<MatchRow>(
    ctx.tx,
    sql`select distinct ${agencyColumns} from needs n join agencies a on a.orgnr = n.agency_orgnr
        where n.area_slug = ${n.area_slug} and n.status = 'open' and n.id <> ${needId} and a.orgnr <> ${n.orgnr} and a.deleted_on is null`,
  );
  const facts = (r: MatchRow): MatchAgency => ({
    orgnr: r.orgnr,
    municipality: r.municipality_number,
    county: r.county_name,
    ministryArea: ministryAreaOf({ orgnr: r.orgnr, kind: r.kind, ministryOrgnr: r.ministry_orgnr }),
    sizeClass: sizeClassOf(r.employees, thresholds),
  });
  const matched = candidates.filter((c) => agencySimilarity(facts(n), facts(c)).score >= MATCH_NOTICE_THRESHOLD).map((c) => c.orgnr);
  if (!matched.length) return;
  await recordEvent(ctx.tx, jobActor(ctx), {
    kind: 'need.match',
    subjectType: 'need',
    subjectId: needId,
    params: { title: n.area_name, agencyOrgnr: n.orgnr, matchedAgencies: [...new Set(matched)].sort(), path: `/behov/${needId}` },
  });
}

/** The job handlers of notifications, for the job runner (src/server/jobs.ts). */
export function notifyJobHandlers(db: Database, options: NotifyOptions): JobHandlers {
  void db;
  let secret: string | undefined;
  // Read in the job's own transaction: on the embedded engine a query outside it would wait for it to end.
  const getSecret = async (tx: Executor) => (secret ??= await signingSecret(tx, options.sessionSecret));
  return {
    fanout: async (ctx) => fanOut(ctx, options, await getSecret(ctx.tx)),
    digest: async (ctx) => sendDigest(ctx, options, await getSecret(ctx.tx)),
    'procurement.reminder': procurementReminder,
    'survey.event': surveyEvent,
    'need.match': (ctx) => needMatch(ctx, options.sizeThresholds ?? REPORT_SIZE_THRESHOLDS),
    cleanup,
  };
}

/**
 * The catalogue's events (called by the services commands in their transaction): a published change (with a link
 * to the comparison of the two versions), a new service, a retired one.
 */
export async function recordServiceEvent(
  tx: Executor,
  actor: Parameters<typeof recordEvent>[1],
  e: { kind: 'service.changed' | 'service.new' | 'service.retired'; serviceId: string; slug: string; name: LocalizedText; areaSlug: string; providerId: string; changedFields?: string[]; fromVersion?: number; toVersion?: number },
): Promise<string> {
  const [provider] = await queryRows<{ name: LocalizedText }>(tx, sql`select name from providers where id = ${e.providerId}`);
  const path =
    e.kind === 'service.changed' && e.fromVersion && e.toVersion ? `/tjenester/${e.slug}/historikk?fra=${e.fromVersion}&til=${e.toVersion}` : `/tjenester/${e.slug}`;
  return recordEvent(tx, actor, {
    kind: e.kind,
    subjectType: 'service',
    subjectId: e.serviceId,
    params: { title: e.name, provider: provider?.name ?? null, providerId: e.providerId, areaSlug: e.areaSlug, detail: (e.changedFields ?? []).join(', '), path },
  });
}
