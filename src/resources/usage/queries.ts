import { and, asc, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { services, subscriptions, tiers } from '../../db/schema/index.js';
import { selectSubscriptionUses } from '../shared/subscriptionUses.js';

/** An agency's usage register: every row, current and ended (history is never overwritten), newest first. */
export async function listUsage(db: Executor, orgnr: string) {
  return selectSubscriptionUses(db, {
    id: subscriptions.id,
    service: { slug: services.slug, name: services.name },
    startedOn: subscriptions.startedOn,
    endedOn: subscriptions.endedOn,
    endReason: subscriptions.endReason,
  })
    .where(eq(subscriptions.agencyOrgnr, orgnr))
    .orderBy(asc(services.slug), desc(subscriptions.startedOn));
}

export type UsageRow = Awaited<ReturnType<typeof listUsage>>[number];

/** A service by slug with its provider and current tiers, for checks and forms. */
export async function serviceWithTiers(db: Executor, slug: string) {
  const [s] = await db.select({ id: services.id, slug: services.slug, name: services.name, providerId: services.providerId }).from(services).where(eq(services.slug, slug));
  if (!s) return undefined;
  const ts = await db.select({ id: tiers.id, slug: tiers.slug, name: tiers.name, current: tiers.current }).from(tiers).where(and(eq(tiers.serviceId, s.id))).orderBy(asc(tiers.sortOrder));
  return { ...s, tiers: ts };
}
