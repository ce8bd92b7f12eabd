import { agencyScopes, editsAgency, editsProvider, isAdmin, ministryScopes, type Principal, providerScopes, viewsMinistry } from '../../domain/principal.js';
import type { DeclarationFilter } from './queries.js';

/**
 * Declarations (opt-outs and accessions) are between an agency and the provider: the agency's editors make them,
 * the provider reads them, the agency's ministry follows them, administrators see and may act on everything.
 * The public sees none.
 */
export const DECLARATION_ACTIONS = ['read', 'submit', 'withdraw'] as const;
export type DeclarationAction = (typeof DECLARATION_ACTIONS)[number];

export interface DeclarationTarget {
  agencyOrgnr: string;
  agencyMinistryOrgnr: string | null;
  providerId: string;
}

export function mayDeclaration(p: Principal | undefined, action: DeclarationAction, d: DeclarationTarget): boolean {
  if (!p) return false;
  if (isAdmin(p) || editsAgency(p, d.agencyOrgnr)) return true;
  return action === 'read' && (editsProvider(p, d.providerId) || viewsMinistry(p, d.agencyMinistryOrgnr));
}

/** Which declarations of a procurement someone may read; undefined for no one (the public). */
export function declarationFilter(p: Principal | undefined, providerId: string): DeclarationFilter | undefined {
  if (!p) return undefined;
  if (isAdmin(p) || providerScopes(p).includes(providerId)) return { all: true };
  const agencyOrgnrs = agencyScopes(p);
  const ministryOrgnrs = ministryScopes(p);
  return agencyOrgnrs.length || ministryOrgnrs.length ? { all: false, agencyOrgnrs, ministryOrgnrs } : undefined;
}
