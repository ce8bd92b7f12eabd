import { and, asc, desc, eq, inArray, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/database.js';
import { cached } from '../../db/readCache.js';
import { agencies, declarations, procurements, providers } from '../../db/schema/index.js';
import { followUpSelection } from '../shared/followUp.js';

/** The agency's ministry, joined as a second `agencies`. */
export const ministry = alias(agencies, 'ministry');

/** Which declarations a reader sees: all (provider, admin) or those of some agencies and ministries' agencies. */
export type DeclarationFilter = { all: true } | { all: false; agencyOrgnrs: string[]; ministryOrgnrs: string[] };

function filterCondition(f: DeclarationFilter): SQL | undefined {
  if (f.all) return undefined;
  const parts: SQL[] = [];
  if (f.agencyOrgnrs.length) parts.push(inArray(declarations.agencyOrgnr, f.agencyOrgnrs));
  if (f.ministryOrgnrs.length) parts.push(inArray(agencies.ministryOrgnr, f.ministryOrgnrs));
  return parts.length ? or(...parts) : eq(declarations.id, '00000000-0000-0000-0000-000000000000');
}

/** The agency's columns a listed declaration carries. */
export const listedAgencyColumns = { orgnr: agencies.orgnr, name: agencies.name, kind: agencies.kind, employees: agencies.employees, sectorCode: agencies.sectorCode };

const columns = {
  id: declarations.id,
  procurementId: declarations.procurementId,
  kind: declarations.kind,
  answers: declarations.answers,
  submittedAt: declarations.submittedAt,
  updatedAt: declarations.updatedAt,
  withdrawnAt: declarations.withdrawnAt,
  ...followUpSelection(declarations),
  agency: listedAgencyColumns,
  ministryOrgnr: ministry.orgnr,
  ministryName: ministry.name,
};

/** The columns without the provider's follow-up, for readers who are not the provider (agencies, ministries). */
const { followUp: _state, followUpNote: _note, followUpAt: _at, followUpBy: _by, ...agencyColumns } = columns;

function shape<T extends { ministryOrgnr: string | null; ministryName: unknown }>(r: T) {
  const { ministryOrgnr, ministryName, ...rest } = r;
  return { ...rest, ministry: ministryOrgnr ? { orgnr: ministryOrgnr, name: ministryName as typeof agencies.$inferSelect.name } : null };
}

/**
 * A declaration as loadDeclarations lists it, from the declaration, its agency and the agency's ministry at hand (a
 * write that has just read them answers with its declaration without reading it again).
 */
export function declarationRowOf(d: typeof declarations.$inferSelect, agency: DeclarationRow['agency'], ministry: DeclarationRow['ministry']): DeclarationRow {
  const { id, procurementId, kind, answers, submittedAt, updatedAt, withdrawnAt, followUp, followUpNote, followUpAt, followUpBy } = d;
  return { id, procurementId, kind, answers, submittedAt, updatedAt, withdrawnAt, followUp, followUpNote, followUpAt, followUpBy, agency, ministry };
}

/** The declarations of one procurement a reader may see, withdrawn ones included (marked), by agency name. */
async function loadDeclarations(db: Executor, procurementId: string, f: DeclarationFilter) {
  const rows = await db
    .select(columns)
    .from(declarations)
    .innerJoin(agencies, eq(agencies.orgnr, declarations.agencyOrgnr))
    .leftJoin(ministry, eq(ministry.orgnr, agencies.ministryOrgnr))
    .where(and(eq(declarations.procurementId, procurementId), filterCondition(f)))
    .orderBy(asc(declarations.submittedAt));
  return rows.map(shape);
}

/**
 * `loadDeclarations`, cached per app node until a declaration or procurement (`acts`) or an agency (`catalogue`)
 * changes: a provider's editors page through the overview of a consultation many times between two declarations.
 * Callers must not modify the rows.
 */
export const listDeclarations = cached('declarations', loadDeclarations, ['acts', 'catalogue']);

export type DeclarationRow = Awaited<ReturnType<typeof loadDeclarations>>[number];

export async function getDeclaration(db: Executor, procurementId: string, orgnr: string) {
  const [row] = await db.select().from(declarations).where(and(eq(declarations.procurementId, procurementId), eq(declarations.agencyOrgnr, orgnr)));
  return row;
}

/**
 * Declarations across procurements (an agency's own, or a ministry's agencies'), newest first; without the
 * provider's follow-up, which these readers do not see.
 */
export async function declarationsAcrossProcurements(db: Executor, f: DeclarationFilter) {
  const rows = await db
    .select({
      ...agencyColumns,
      procurement: { id: procurements.id, title: procurements.title, status: procurements.status, obligation: procurements.obligation, consultationDeadline: procurements.consultationDeadline },
      provider: { slug: providers.slug, name: providers.name, shortName: providers.shortName },
    })
    .from(declarations)
    .innerJoin(agencies, eq(agencies.orgnr, declarations.agencyOrgnr))
    .leftJoin(ministry, eq(ministry.orgnr, agencies.ministryOrgnr))
    .innerJoin(procurements, eq(procurements.id, declarations.procurementId))
    .innerJoin(providers, eq(providers.id, procurements.providerId))
    .where(filterCondition(f))
    .orderBy(desc(declarations.updatedAt));
  return rows.map(shape);
}

export type AgencyDeclarationRow = Awaited<ReturnType<typeof declarationsAcrossProcurements>>[number];

/** The agency a declaration form is for (name, and ministry for the read check), or undefined. */
export async function declaringAgency(db: Executor, orgnr: string) {
  const [agency] = await db.select({ orgnr: agencies.orgnr, name: agencies.name, ministryOrgnr: agencies.ministryOrgnr }).from(agencies).where(eq(agencies.orgnr, orgnr));
  return agency;
}
