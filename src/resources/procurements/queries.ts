import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { cached } from '../../db/readCache.js';
import {
  agencies,
  declarations,
  type Eligibility,
  procurementMilestones,
  procurements,
  providers,
  questionnaires,
  services,
} from '../../db/schema/index.js';
import type { Language, OrganisationKind } from '../../domain/catalogue.js';
import { procurementKinds } from '../../domain/eligibility.js';
import type { ProcurementState } from '../../domain/procurementLifecycle.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';

export function eligibleAgencyCondition(e: Eligibility): SQL {
  return and(inArray(agencies.kind, procurementKinds(e)), isNull(agencies.deletedOn))!;
}

const providerColumns = { slug: providers.slug, name: providers.name, shortName: providers.shortName };

/** Procurements, newest change first, with what lists and the API need (one query; no milestones). */
export async function listProcurements(db: Executor, filter: { status?: ProcurementState[] | undefined; providerIds?: string[] | undefined } = {}) {
  const conditions: SQL[] = [];
  if (filter.status?.length) conditions.push(inArray(procurements.status, filter.status));
  if (filter.providerIds) conditions.push(filter.providerIds.length ? inArray(procurements.providerId, filter.providerIds) : sql`false`);
  const rows = await db
    .select({
      p: procurements,
      provider: { id: providers.id, ...providerColumns },
      questionnaire: { slug: questionnaires.slug, version: questionnaires.version },
      service: { slug: services.slug, name: services.name },
      declarationCount: sql<number>`(select count(*)::int from ${declarations} d where d.procurement_id = ${procurements.id} and d.withdrawn_at is null)`,
    })
    .from(procurements)
    .innerJoin(providers, eq(providers.id, procurements.providerId))
    .innerJoin(questionnaires, eq(questionnaires.id, procurements.questionnaireId))
    .leftJoin(services, eq(services.id, procurements.serviceId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(procurements.updatedAt));
  return rows.map((r) => ({ ...r.p, provider: r.provider, questionnaire: r.questionnaire, service: r.service?.slug ? r.service : null, declarationCount: r.declarationCount }));
}

export type ProcurementListRow = Awaited<ReturnType<typeof listProcurements>>[number];

export async function getProcurement(db: Executor, id: string) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
  const [row] = await db
    .select({
      p: procurements,
      provider: { id: providers.id, ...providerColumns },
      questionnaire: questionnaires,
      service: { slug: services.slug, name: services.name },
    })
    .from(procurements)
    .innerJoin(providers, eq(providers.id, procurements.providerId))
    .innerJoin(questionnaires, eq(questionnaires.id, procurements.questionnaireId))
    .leftJoin(services, eq(services.id, procurements.serviceId))
    .where(eq(procurements.id, id));
  if (!row) return undefined;
  const milestones = await db
    .select()
    .from(procurementMilestones)
    .where(eq(procurementMilestones.procurementId, id))
    .orderBy(asc(procurementMilestones.at), asc(procurementMilestones.id));
  const [eligible] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(agencies)
    .where(eligibleAgencyCondition(row.p.eligibility));
  return { ...row.p, provider: row.provider, questionnaire: row.questionnaire, service: row.service?.slug ? row.service : null, milestones, eligibleCount: eligible?.n ?? 0 };
}

export type ProcurementDetail = NonNullable<Awaited<ReturnType<typeof getProcurement>>>;

/**
 * A procurement with its milestones and eligible count, cached per app node: it changes with the procurement and its
 * milestones (`procurements` version) and with the agencies and providers (`catalogue`), never with the declarations
 * that arrive all through a consultation. Questionnaires are only ever added. Callers must not modify the result.
 */
export const procurementDetail = cached('procurement', getProcurement, ['procurements', 'catalogue']);

/** The procurement with its milestones, or a 404 that says so in the asked language. */
export async function requireProcurement(db: Executor, id: string, lang: Language): Promise<ProcurementDetail> {
  const p = await procurementDetail(db, id);
  if (!p) throw new HttpProblem(404, messages[lang].procurement.errors.unknown);
  return p;
}

/**
 * Whether an agency (a row already read) may declare for a procurement: eligibleAgencyCondition's rule, an eligible
 * kind and not deleted, for a caller that has the row in hand.
 */
export function isEligibleAgency(eligibility: Eligibility, agency: { kind: OrganisationKind; deletedOn: string | null }): boolean {
  return procurementKinds(eligibility).includes(agency.kind) && agency.deletedOn === null;
}
