import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/database.js';
import type { LocalizedText } from '../../domain/catalogue.js';
import type { Delivery, EventKind, EventParams, FollowTarget } from '../../domain/notify.js';
import { procurementKinds } from '../../domain/eligibility.js';

export interface FollowRow {
  type: FollowTarget;
  id: string;
  name: LocalizedText | null;
  path: string;
  since: Date;
}

/** What a person follows explicitly, with each target's name and page. */
export async function listFollows(db: Executor, userId: string): Promise<FollowRow[]> {
  const rows = await queryRows<{ type: FollowTarget; id: string; since: Date; name: LocalizedText | null; slug: string | null }>(
    db,
    sql`select f.target_type as type, f.target_id as id, f.created_at as since,
          coalesce(s.name, pr.name, ar.name, pc.title, n.name, sv.title) as name,
          coalesce(s.slug, pr.slug, ar.slug, n.slug) as slug
        from follows f
        left join services s on f.target_type = 'service' and s.id::text = f.target_id
        left join providers pr on f.target_type = 'provider' and pr.id::text = f.target_id
        left join areas ar on f.target_type = 'area' and ar.slug = f.target_id
        left join procurements pc on f.target_type = 'procurement' and pc.id::text = f.target_id
        left join networks n on f.target_type = 'network' and n.id::text = f.target_id
        left join surveys sv on f.target_type = 'survey' and sv.id::text = f.target_id
        where f.user_id = ${userId} and f.active
        order by f.created_at desc`,
  );
  const pathOf: Record<FollowTarget, (r: (typeof rows)[number]) => string> = {
    service: (r) => `/tjenester/${r.slug}`,
    provider: (r) => `/leverandorer/${r.slug}`,
    area: (r) => `/omrader/${r.slug}`,
    procurement: (r) => `/anskaffelser/${r.id}`,
    network: (r) => `/nettverk/${r.slug}`,
    survey: (r) => `/undersokelser/${r.id}`,
    catalogue: () => '/tjenester',
  };
  return rows.map((r) => ({ type: r.type, id: r.id, name: r.name, path: pathOf[r.type](r), since: new Date(r.since) }));
}

/** Does the target exist? (A follow of something that is not there is a 404, not a dangling row.) */
export async function targetExists(db: Executor, type: FollowTarget, id: string): Promise<boolean> {
  if (type === 'catalogue') return id === '';
  if (type !== 'area' && !/^[0-9a-f-]{36}$/i.test(id)) return false;
  const table = { service: 'services', provider: 'providers', procurement: 'procurements', network: 'networks', survey: 'surveys', area: 'areas' }[type];
  const column = type === 'area' ? 'slug' : 'id';
  const rows = await queryRows<{ one: number }>(db, sql`select 1 as one from ${sql.identifier(table)} where ${sql.identifier(column)}::text = ${id}`);
  return rows.length > 0;
}

/**
 * Whether a person follows a target: an explicit choice wins; else the defaults (an agency editor follows the
 * procurements their agency may answer and the surveys it is asked, and the networks it belongs to).
 */
export async function isFollowing(db: Executor, userId: string, type: FollowTarget, id: string): Promise<{ following: boolean; byDefault: boolean }> {
  const [explicit] = await queryRows<{ active: boolean }>(db, sql`select active from follows where user_id = ${userId} and target_type = ${type} and target_id = ${id}`);
  const byDefault = await followsByDefault(db, userId, type, id);
  return { following: explicit ? explicit.active : byDefault, byDefault };
}

async function followsByDefault(db: Executor, userId: string, type: FollowTarget, id: string): Promise<boolean> {
  const editorOf = (agencies: ReturnType<typeof sql>) =>
    sql`select 1 as one from role_assignments ra where ra.user_id = ${userId} and ra.role = 'agency_editor' and ra.agency_orgnr in (${agencies}) limit 1`;
  if (type === 'procurement') {
    const [p] = await queryRows<{ eligibility: string }>(db, sql`select eligibility from procurements where id::text = ${id}`);
    if (!p) return false;
    const kinds = procurementKinds(p.eligibility);
    return (await queryRows(db, editorOf(sql`select orgnr from agencies where kind in (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)}) and deleted_on is null`))).length > 0;
  }
  if (type === 'network') return (await queryRows(db, editorOf(sql`select agency_orgnr from network_members where network_id::text = ${id} and left_at is null`))).length > 0;
  if (type === 'survey') {
    const targets = sql`select a.orgnr from agencies a join surveys s on s.id::text = ${id}
      where a.deleted_on is null and ((s.audience = 'all_state' and a.kind in ('agency', 'ministry'))
        or (s.audience <> 'all_state' and exists (select 1 from subscriptions sub join survey_services ss on ss.service_id = sub.service_id
          where ss.survey_id = s.id and sub.agency_orgnr = a.orgnr and sub.ended_on is null)))`;
    return (await queryRows(db, editorOf(targets))).length > 0;
  }
  return false;
}

export interface NotificationRow {
  id: string;
  eventId: string;
  kind: EventKind;
  params: EventParams;
  occurredAt: Date;
  readAt: Date | null;
}

export async function listNotifications(db: Executor, userId: string, page: number, perPage: number): Promise<{ items: NotificationRow[]; total: number; unread: number }> {
  const rows = await queryRows<{ id: string; event_id: string; kind: EventKind; params: EventParams; occurred_at: Date; read_at: Date | null }>(
    db,
    sql`select n.id, n.event_id, e.kind, e.params, e.occurred_at, n.read_at from notifications n join events e on e.id = n.event_id
        where n.user_id = ${userId} order by e.occurred_at desc, n.id limit ${perPage} offset ${(page - 1) * perPage}`,
  );
  const [c] = await queryRows<{ total: number; unread: number }>(
    db,
    sql`select count(*)::int as total, (count(*) filter (where read_at is null))::int as unread from notifications where user_id = ${userId}`,
  );
  return {
    items: rows.map((r) => ({ id: r.id, eventId: r.event_id, kind: r.kind, params: r.params, occurredAt: new Date(r.occurred_at), readAt: r.read_at ? new Date(r.read_at) : null })),
    total: c?.total ?? 0,
    unread: c?.unread ?? 0,
  };
}

export async function unreadCount(db: Executor, userId: string): Promise<number> {
  const [c] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from notifications where user_id = ${userId} and read_at is null`);
  return c?.n ?? 0;
}

export async function settingsOf(db: Executor, userId: string): Promise<{ delivery: Delivery; language: 'nb' | 'nn' | 'en' }> {
  const [s] = await queryRows<{ delivery: Delivery; language: 'nb' | 'nn' | 'en' }>(db, sql`select delivery, language from notification_settings where user_id = ${userId}`);
  return s ?? { delivery: 'immediate', language: 'nb' };
}
