import { editsAgency, editsProvider, isAdmin, type Principal } from '../../domain/principal.js';

/**
 * Access requests: an agency's editors ask on its behalf and see its own requests; the provider of the service sees
 * every request for it and answers; administrators do both. The demand in the aggregate is public (small-group rule).
 */
export const mayAskAccess = (p: Principal | undefined, orgnr: string): boolean => isAdmin(p) || editsAgency(p, orgnr);
export const mayAnswerAccess = (p: Principal | undefined, providerId: string): boolean => isAdmin(p) || editsProvider(p, providerId);
