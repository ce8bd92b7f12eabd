import type { Actor, AuditChange } from '../domain/actor.js';
import type { Capacity } from '../domain/principal.js';
import type { Executor } from './database.js';
import { auditEvents } from './schema/index.js';

/** Appends one audit event, in the caller's transaction: the change and its record commit together or not at all. */
export async function recordAudit(tx: Executor, actor: Actor, capacity: Capacity, change: AuditChange): Promise<void> {
  await auditInsert(tx, actor, capacity, change);
}

/** The insert that appends one audit event, to run alone or inside a larger statement (recordEvent's `alongside`). */
export function auditInsert(tx: Executor, actor: Actor, capacity: Capacity, change: AuditChange) {
  return tx.insert(auditEvents).values({
    occurredAt: actor.now,
    actorKind: actor.principal.kind,
    actorId: actor.principal.id,
    actorName: actor.principal.name,
    actingRole: capacity.role,
    agencyOrgnr: capacity.agencyOrgnr ?? null,
    providerId: capacity.providerId ?? null,
    ministryOrgnr: capacity.ministryOrgnr ?? null,
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId,
    before: change.before ?? null,
    after: change.after ?? null,
    requestId: actor.requestId,
    viaApi: actor.viaApi,
  });
}
