import type { NeedVisibility } from '../../domain/collaboration.js';
import { editsAgency, isAdmin, type Principal, providerScopes, viewsMinistry } from '../../domain/principal.js';

/**
 * Needs are an agency's own: its editors register and keep them; its ministry and DFØ's administrators read them.
 * A need the agency shares (`agencies`) is read by every signed-in agency, provider and ministry, so like needs find
 * each other; a restricted one is not. Providers and administrators see all open needs in the aggregate, per area
 * and size class, without names. The public sees none.
 */
export const NEED_ACTIONS = ['read', 'register', 'edit', 'aggregate'] as const;
export type NeedAction = (typeof NEED_ACTIONS)[number];

export interface NeedTarget {
  agencyOrgnr: string;
  agencyMinistryOrgnr: string | null;
  visibility: NeedVisibility;
}

export function mayNeed(p: Principal | undefined, action: NeedAction, n?: NeedTarget): boolean {
  if (!p) return false;
  if (isAdmin(p)) return true;
  if (action === 'aggregate') return providerScopes(p).length > 0;
  if (!n) return false;
  if (editsAgency(p, n.agencyOrgnr)) return true;
  if (action !== 'read') return false;
  return viewsMinistry(p, n.agencyMinistryOrgnr) || (n.visibility === 'agencies' && p.roles.length > 0);
}
