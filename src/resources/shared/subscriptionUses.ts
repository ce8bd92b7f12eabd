import { eq } from 'drizzle-orm';
import type { SelectedFields } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/database.js';
import { providers, services, subscriptions, tiers } from '../../db/schema/index.js';

/**
 * Subscriptions as uses: each row with its service's provider, its tier (null for none) and where the fact comes
 * from, plus the caller's columns. An agency's page and its usage register read the same join; callers add their
 * filter, order (and further joins).
 */
export function selectSubscriptionUses<T extends SelectedFields>(db: Executor, columns: T) {
  return db
    .select({
      ...columns,
      provider: { slug: providers.slug, name: providers.name, shortName: providers.shortName },
      tier: { slug: tiers.slug, name: tiers.name },
      factSource: subscriptions.factSource,
    })
    .from(subscriptions)
    .innerJoin(services, eq(services.id, subscriptions.serviceId))
    .innerJoin(providers, eq(providers.id, services.providerId))
    .leftJoin(tiers, eq(tiers.id, subscriptions.tierId));
}
