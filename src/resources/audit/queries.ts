import { and, desc, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { auditEvents } from '../../db/schema/index.js';
import type { AuditScope } from './policy.js';

/** Audit events in a scope, newest first, a page at a time (keyset on seq). */
export async function listAudit(db: Executor, scope: AuditScope, options: { before?: number | undefined; limit: number; agencyOrgnr?: string | undefined }) {
  const conditions: SQL[] = [];
  if (!scope.all) {
    const parts: SQL[] = [];
    if (scope.agencyOrgnrs.length) parts.push(inArray(auditEvents.agencyOrgnr, scope.agencyOrgnrs));
    if (scope.providerIds.length) parts.push(inArray(auditEvents.providerId, scope.providerIds));
    conditions.push(or(...parts)!);
  }
  if (options.agencyOrgnr) conditions.push(inArray(auditEvents.agencyOrgnr, [options.agencyOrgnr]));
  if (options.before) conditions.push(lt(auditEvents.seq, options.before));
  return db
    .select()
    .from(auditEvents)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditEvents.seq))
    .limit(options.limit);
}

export type AuditRow = Awaited<ReturnType<typeof listAudit>>[number];
