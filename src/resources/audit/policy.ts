import { agencyScopes, isAdmin, type Principal, providerScopes } from '../../domain/principal.js';

/**
 * The audit log: administrators see all of it; an agency editor sees the events done for their agencies, a
 * provider editor those done for their provider. Returns the filter to apply, or undefined for no access at all.
 */
export type AuditScope = { all: true } | { all: false; agencyOrgnrs: string[]; providerIds: string[] };

export function auditScope(p: Principal | undefined): AuditScope | undefined {
  if (!p) return undefined;
  if (isAdmin(p)) return { all: true };
  const agencyOrgnrs = agencyScopes(p);
  const providerIds = providerScopes(p);
  return agencyOrgnrs.length || providerIds.length ? { all: false, agencyOrgnrs, providerIds } : undefined;
}
