import { recordAudit } from '../../db/audit.js';
import type { Database } from '../../db/database.js';
import { serviceReviews } from '../../db/schema/index.js';
import type { Actor } from '../../domain/actor.js';
import type { Language } from '../../domain/catalogue.js';
import { capacityForProvider } from '../../domain/principal.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import { mayQuality } from './policy.js';
import { providerService } from './queries.js';

/**
 * "Mark as reviewed": the provider (or DFØ) confirms a service's entry is still right. Replaces the service's last
 * review and writes an audit event, in one transaction.
 */
export async function markReviewed(db: Database, actor: Actor, provider: { id: string }, serviceSlug: string, lang: Language): Promise<void> {
  const t = messages[lang];
  if (!mayQuality(actor.principal, 'review', provider)) throw new HttpProblem(403, t.access.notYourProvider);
  const service = await providerService(db, provider.id, serviceSlug);
  if (!service) throw new HttpProblem(404, t.errors.unknownService(serviceSlug), { errors: [{ field: 'service', message: t.errors.unknownService(serviceSlug) }] });
  const row = {
    serviceId: service.id,
    reviewedAt: actor.now,
    reviewedByUserId: actor.principal.kind === 'user' ? actor.principal.id : null,
    reviewedByName: actor.principal.name,
  };
  await db.transaction(async (tx) => {
    await tx.insert(serviceReviews).values(row).onConflictDoUpdate({ target: serviceReviews.serviceId, set: { reviewedAt: row.reviewedAt, reviewedByUserId: row.reviewedByUserId, reviewedByName: row.reviewedByName } });
    await recordAudit(tx, actor, capacityForProvider(actor.principal, provider.id), {
      action: 'service.review',
      entityType: 'service',
      entityId: service.id,
      after: { reviewedAt: actor.now.toISOString() },
    });
  });
}
