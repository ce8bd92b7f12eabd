import { sql } from 'drizzle-orm';
import type { LocalizedText, OrganisationKind } from '../../domain/catalogue.js';
import type { SizeThresholds } from '../../domain/sizeClass.js';
import { type Executor, queryRows } from '../../db/database.js';
import { agencyFromRow } from '../stats/agencyRows.js';
import { ministryAreaSql } from '../stats/sql.js';

/** The agency the recommendations are for, with its ministry area's ministry. */
export async function loadRecommendationAgency(db: Executor, orgnr: string, _th: SizeThresholds) {
  const [r] = await queryRows<{ orgnr: string; name: LocalizedText; kind: OrganisationKind; ministry_orgnr: string | null; employees: number | null; deleted_on: string | null; m_orgnr: string | null; m_name: LocalizedText | null }>(
    db,
    sql`select a.orgnr, a.name, a.kind, a.ministry_orgnr, a.employees, a.deleted_on::text as deleted_on, m.orgnr as m_orgnr, m.name as m_name
          from agencies a left join agencies m on m.orgnr = ${ministryAreaSql('a')} where a.orgnr = ${orgnr}`,
  );
  if (!r) return undefined;
  return { ...agencyFromRow(r), ministryOrgnr: r.ministry_orgnr, deletedOn: r.deleted_on };
}
