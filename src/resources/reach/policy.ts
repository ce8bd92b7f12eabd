import { editsProvider, isAdmin, type Principal } from '../../domain/principal.js';

/** Agencies' contact addresses for notices are DFØ's to keep (administrators). */
export function mayKeepNoticeAddresses(p: Principal | undefined): boolean {
  return isAdmin(p);
}

/** Who is reached by a procurement's notices is the running provider's (and DFØ's) to see before opening it. */
export function maySeeReach(p: Principal | undefined, procurement: { providerId: string }): boolean {
  return isAdmin(p) || editsProvider(p, procurement.providerId);
}
