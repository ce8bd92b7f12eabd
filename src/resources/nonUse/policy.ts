import { editsAgency, editsProvider, isAdmin, type Principal, viewsMinistry } from '../../domain/principal.js';

/**
 * Voluntary non-use of a service: the agency's editors and its ministry read the agency's own (without the provider's
 * follow-up); the provider of the service reads and follows up the non-use of its services, with internal notes;
 * administrators do everything. The statistics are public, with the small-group rule.
 */
export type NonUseReader = 'agency' | 'provider';

export function mayReadAgencyNonUse(p: Principal | undefined, a: { orgnr: string; ministryOrgnr: string | null }): boolean {
  return isAdmin(p) || editsAgency(p, a.orgnr) || viewsMinistry(p, a.ministryOrgnr);
}

/** Reading the provider's follow-up list and following up: the provider's editors and administrators. */
export function mayFollowUpNonUse(p: Principal | undefined, providerId: string): boolean {
  return isAdmin(p) || editsProvider(p, providerId);
}
