import { editsAgency, editsProvider, isAdmin, type Principal } from '../../domain/principal.js';

/**
 * The usage register: public to read (the catalogue shows who uses what); written by the agency itself, by the
 * provider of the service (its system keeps its customer list in sync), or by an administrator.
 */
export const USAGE_ACTIONS = ['read', 'write'] as const;
export type UsageAction = (typeof USAGE_ACTIONS)[number];

export function mayUsage(p: Principal | undefined, action: UsageAction, u: { agencyOrgnr: string; providerId: string }): boolean {
  if (action === 'read') return true;
  return isAdmin(p) || editsAgency(p, u.agencyOrgnr) || editsProvider(p, u.providerId);
}
