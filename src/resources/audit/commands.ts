import type { FastifyRequest } from 'fastify';
import type { Executor } from '../../db/database.js';
import { auditEvents } from '../../db/schema/index.js';
import type { Capacity, Principal } from '../../domain/principal.js';
import { requirePrincipal } from '../../auth/plugin.js';
import type { AppDeps } from '../../server/types.js';

/** Who is acting in a command, and when (by the app's clock), from which request. */
export interface Actor {
  principal: Principal;
  requestId: string;
  viaApi: boolean;
  now: Date;
}

export function actorOf(req: FastifyRequest, deps: AppDeps): Actor {
  return { principal: requirePrincipal(req), requestId: String(req.id), viaApi: req.url.startsWith('/api/'), now: (deps.clock ?? (() => new Date()))() };
}

/**
 * An operator at the command line (imports run by DFØ as operator): recorded as an administrator acting through
 * the command line, with the label the operator gave (e.g. an e-mail address).
 */
export function commandLineActor(label: string, now: Date = new Date()): Actor {
  return {
    principal: { kind: 'client', id: 'command-line', name: `Kommandolinje (${label})`, email: label, roles: [{ role: 'admin' }] },
    requestId: `cli-${process.pid}-${now.getTime()}`,
    viaApi: false,
    now,
  };
}

export interface AuditChange {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Appends one audit event, in the caller's transaction: the change and its record commit together or not at all. */
export async function recordAudit(tx: Executor, actor: Actor, capacity: Capacity, change: AuditChange): Promise<void> {
  await tx.insert(auditEvents).values({
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
