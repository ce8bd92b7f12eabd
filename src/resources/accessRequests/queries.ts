import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { ACCESS_REQUEST_STATES } from '../../domain/accessRequest.js';
import { osloDayEnd } from '../../domain/osloTime.js';
import { cellsToHide } from '../../domain/smallGroups.js';
import { type Executor, queryRows } from '../../db/database.js';
import { accessRequests, agencies, services } from '../../db/schema/index.js';
import type { TargetGroup, DeliveryModel, LocalizedText } from '../../domain/catalogue.js';

/** A service as asking for access needs it: its provider, model and target group. */
export async function serviceForAccess(db: Executor, slug: string) {
  const [s] = await db
    .select({ id: services.id, slug: services.slug, name: services.name, providerId: services.providerId, model: services.model, targetGroup: services.targetGroup, targetMinistryOrgnr: services.targetMinistryOrgnr })
    .from(services)
    .where(eq(services.slug, slug));
  return s as (typeof s & { model: DeliveryModel; targetGroup: TargetGroup }) | undefined;
}

export interface AccessRequestRow {
  id: string;
  need: string;
  state: typeof accessRequests.$inferSelect.state;
  answerNote: string | null;
  requestedAt: Date;
  answeredAt: Date | null;
  agency: { orgnr: string; name: LocalizedText };
}

/** Requests for a service, all or only these agencies', oldest first. */
export function listAccessRequests(db: Executor, serviceId: string, agencyOrgnrs?: readonly string[]): Promise<AccessRequestRow[]> {
  const conds: SQL[] = [eq(accessRequests.serviceId, serviceId)];
  if (agencyOrgnrs) conds.push(agencyOrgnrs.length ? inArray(accessRequests.agencyOrgnr, [...agencyOrgnrs]) : eq(accessRequests.agencyOrgnr, ''));
  return db
    .select({
      id: accessRequests.id,
      need: accessRequests.need,
      state: accessRequests.state,
      answerNote: accessRequests.answerNote,
      requestedAt: accessRequests.requestedAt,
      answeredAt: accessRequests.answeredAt,
      agency: { orgnr: agencies.orgnr, name: agencies.name },
    })
    .from(accessRequests)
    .innerJoin(agencies, eq(agencies.orgnr, accessRequests.agencyOrgnr))
    .where(and(...conds))
    .orderBy(asc(accessRequests.requestedAt), asc(accessRequests.id));
}

/** An agency's latest request per service (slug → state), for its "what can we use?" page. */
export async function accessRequestStates(db: Executor, orgnr: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ slug: services.slug, state: accessRequests.state })
    .from(accessRequests)
    .innerJoin(services, eq(services.id, accessRequests.serviceId))
    .where(eq(accessRequests.agencyOrgnr, orgnr))
    .orderBy(asc(accessRequests.requestedAt));
  return new Map(rows.map((r) => [r.slug, r.state]));
}

/**
 * A request's state at `end`: the state its latest answer before then gave it (answers are in the append-only audit
 * trail, with the state after each), pending before any. A request answered without an audit event (seeded data)
 * is in its current state from its answer on.
 */
const stateAtSql = (end: Date) => sql`coalesce(
  (select e.after->>'state' from audit_events e
    where e.entity_type = 'access_request' and e.entity_id = r.id::text and e.action = 'access_request.answer' and e.occurred_at < ${end}
    order by e.occurred_at desc, e.seq desc limit 1),
  case when r.answered_at is not null and r.answered_at < ${end}
        and not exists (select 1 from audit_events e where e.entity_type = 'access_request' and e.entity_id = r.id::text and e.action = 'access_request.answer')
       then r.state else 'pending' end)`;

/**
 * Demand from outside the target groups, per service and state, with the small-group rule (fewer than 5: null), as
 * the register stood at the end of `asOf` (yyyy-mm-dd, Oslo): requests made by then, each in its state then.
 */
export async function accessDemand(db: Executor, asOf: string) {
  const end = osloDayEnd(asOf)!;
  const rows = await queryRows<{ slug: string; name: LocalizedText; state: string; n: number }>(
    db,
    sql`select s.slug, s.name, x.state, count(distinct x.agency_orgnr)::int as n
          from (select r.service_id, r.agency_orgnr, ${stateAtSql(end)} as state from access_requests r where r.requested_at < ${end}) x
          join services s on s.id = x.service_id group by 1, 2, 3 order by 1, 3`,
  );
  const slugs = [...new Set(rows.map((r) => r.slug))];
  return slugs.map((slug) => {
    const mine = rows.filter((r) => r.slug === slug);
    const total = mine.reduce((a, r) => a + r.n, 0);
    const hidden = total < 5 ? new Set(ACCESS_REQUEST_STATES) : cellsToHide(ACCESS_REQUEST_STATES.map((s) => ({ key: s, n: mine.find((r) => r.state === s)?.n ?? 0 })));
    return {
      slug,
      name: mine[0]!.name,
      total: total < 5 ? null : total,
      byState: Object.fromEntries(ACCESS_REQUEST_STATES.map((s) => [s, hidden.has(s) ? null : (mine.find((r) => r.state === s)?.n ?? 0)])) as Record<(typeof ACCESS_REQUEST_STATES)[number], number | null>,
    };
  });
}
