import { and, desc, eq, gte, ilike, inArray, like, lt, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { agencies, auditEvents, providers } from '../../db/schema/index.js';
import { parseOsloLocal } from '../../domain/osloTime.js';
import type { AuditScope } from './policy.js';

export interface AuditFilter {
  before?: number | undefined;
  limit: number;
  agencyOrgnr?: string | undefined;
  /** Provider slug. */
  provider?: string | undefined;
  /** Part of the person's name. */
  person?: string | undefined;
  /** An action ("declaration.follow_up") or its kind ("declaration"). */
  kind?: string | undefined;
  /** Oslo dates, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
}

/** Audit events in a scope, newest first, a page at a time (keyset on seq), with the names of whom they were done for. */
export async function listAudit(db: Executor, scope: AuditScope, options: AuditFilter) {
  const conditions: SQL[] = [];
  if (!scope.all) {
    const parts: SQL[] = [];
    if (scope.agencyOrgnrs.length) parts.push(inArray(auditEvents.agencyOrgnr, scope.agencyOrgnrs));
    if (scope.providerIds.length) parts.push(inArray(auditEvents.providerId, scope.providerIds));
    conditions.push(or(...parts)!);
  }
  if (options.agencyOrgnr) conditions.push(inArray(auditEvents.agencyOrgnr, [options.agencyOrgnr]));
  if (options.provider) conditions.push(eq(providers.slug, options.provider));
  if (options.person) conditions.push(ilike(auditEvents.actorName, `%${options.person.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (options.kind) conditions.push(options.kind.includes('.') ? eq(auditEvents.action, options.kind) : like(auditEvents.action, `${options.kind}.%`));
  const midnight = (date: string, days = 0) => {
    const d = new Date(`${date}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    return parseOsloLocal(`${d.toISOString().slice(0, 10)}T00:00`);
  };
  const from = options.from ? midnight(options.from) : undefined;
  const to = options.to ? midnight(options.to, 1) : undefined;
  if (from) conditions.push(gte(auditEvents.occurredAt, from));
  if (to) conditions.push(lt(auditEvents.occurredAt, to));
  if (options.before) conditions.push(lt(auditEvents.seq, options.before));
  const rows = await db
    .select({ event: auditEvents, agencyName: agencies.name, providerName: providers.name, providerShortName: providers.shortName })
    .from(auditEvents)
    .leftJoin(agencies, eq(agencies.orgnr, auditEvents.agencyOrgnr))
    .leftJoin(providers, eq(providers.id, auditEvents.providerId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditEvents.seq))
    .limit(options.limit);
  return rows.map((r) => ({ ...r.event, agencyName: r.agencyName, providerName: r.providerName, providerShortName: r.providerShortName }));
}

export type AuditRow = Awaited<ReturnType<typeof listAudit>>[number];
