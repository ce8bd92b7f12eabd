/**
 * Who acts in a command and the change it records in the audit log. Pure types (and the command-line operator's
 * actor); the writer is src/db/audit.ts, the request's actor is `actorOf` in src/server/actor.ts.
 */
import type { Principal } from './principal.js';

/** Who is acting in a command, and when (by the app's clock), from which request. */
export interface Actor {
  principal: Principal;
  requestId: string;
  viaApi: boolean;
  now: Date;
}

/** One change as the audit log records it: what was done to which entity, before and after. */
export interface AuditChange {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/**
 * An operator at the command line (imports run by DFØ as operator): recorded as an administrator acting through
 * the command line, with the label the operator gave (e.g. an e-mail address).
 */
export function commandLineActor(label: string, now: Date = new Date(), processId: number = process.pid): Actor {
  return {
    principal: { kind: 'client', id: 'command-line', name: `Kommandolinje (${label})`, email: label, roles: [{ role: 'admin' }] },
    requestId: `cli-${processId}-${now.getTime()}`,
    viaApi: false,
    now,
  };
}
