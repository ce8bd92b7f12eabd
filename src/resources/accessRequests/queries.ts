import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
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
