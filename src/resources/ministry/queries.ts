import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { agencies, questionnaires, subscriptions } from '../../db/schema/index.js';
import type { LocalizedText } from '../../domain/catalogue.js';
import { declarationsAcrossProcurements } from '../declarations/queries.js';

/** The ministry with this organisation number (its whole row), or undefined if there is none. */
export async function getMinistry(db: Executor, orgnr: string) {
  const [m] = await db.select().from(agencies).where(and(eq(agencies.orgnr, orgnr), eq(agencies.kind, 'ministry')));
  return m;
}

export type MinistryRow = NonNullable<Awaited<ReturnType<typeof getMinistry>>>;

/** An agency under a ministry, with how many services it uses now. */
export interface MinistryAgencyUsage {
  orgnr: string;
  name: LocalizedText;
  employees: number | null;
  services: number;
}

/** The agencies under a ministry that still exist, with how many services each uses now. */
export function usageUnderMinistry(db: Executor, ministryOrgnr: string): Promise<MinistryAgencyUsage[]> {
  return db
    .select({ orgnr: agencies.orgnr, name: agencies.name, employees: agencies.employees, services: sql<number>`count(${subscriptions.id})::int` })
    .from(agencies)
    .leftJoin(subscriptions, and(eq(subscriptions.agencyOrgnr, agencies.orgnr), isNull(subscriptions.endedOn)))
    .where(and(eq(agencies.ministryOrgnr, ministryOrgnr), isNull(agencies.deletedOn)))
    .groupBy(agencies.orgnr);
}

/** What the ministry's page shows: its agencies' declarations (without the provider's follow-up), their usage, the questionnaires. */
export async function loadMinistryPage(db: Executor, ministryOrgnr: string) {
  const [declared, usage, qs] = await Promise.all([
    declarationsAcrossProcurements(db, { all: false, agencyOrgnrs: [], ministryOrgnrs: [ministryOrgnr] }),
    usageUnderMinistry(db, ministryOrgnr),
    db.select().from(questionnaires),
  ]);
  return { declared, usage, questionnaires: qs };
}

export type MinistryPageData = Awaited<ReturnType<typeof loadMinistryPage>>;
