import type { LocalizedText, OrganisationKind } from '../../domain/catalogue.js';

/** An agency row read with its ministry area's ministry joined as `m` (`… m.orgnr as m_orgnr, m.name as m_name`). */
export interface AgencyMinistryRow {
  orgnr: string;
  name: LocalizedText;
  kind: OrganisationKind;
  employees: number | null;
  m_orgnr: string | null;
  m_name: LocalizedText | null;
}

/** Such a row as an agency: the employee count as a number (a driver may give a bigint as text), the ministry or null. */
export function agencyFromRow(r: AgencyMinistryRow) {
  return {
    orgnr: r.orgnr,
    name: r.name,
    kind: r.kind,
    employees: r.employees === null ? null : Number(r.employees),
    ministry: r.m_orgnr && r.m_name ? { orgnr: r.m_orgnr, name: r.m_name } : null,
  };
}
