import { editsAgency, isAdmin, type Principal, viewsMinistry } from '../../domain/principal.js';

/**
 * An agency's own pages (profile, locations, voluntary non-use of services): its editors and administrators
 * change them; the agency's ministry may read the non-use reasons, as may the provider of the service.
 */
export const AGENCY_ACTIONS = ['read', 'edit'] as const;
export type AgencyAction = (typeof AGENCY_ACTIONS)[number];

export function mayAgency(p: Principal | undefined, action: AgencyAction, a: { orgnr: string; ministryOrgnr: string | null }): boolean {
  if (!p) return false;
  if (isAdmin(p) || editsAgency(p, a.orgnr)) return true;
  return action === 'read' && viewsMinistry(p, a.ministryOrgnr);
}
