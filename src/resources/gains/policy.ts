import { editsProvider, isAdmin, type Principal } from '../../domain/principal.js';

/**
 * Costs and gains of a service are public (the report's 3.3: show what shared services give). The service's
 * provider records the baseline and the results; DFØ's administrators may too.
 */
export const GAIN_ACTIONS = ['read', 'edit'] as const;
export type GainAction = (typeof GAIN_ACTIONS)[number];

export function mayGain(p: Principal | undefined, action: GainAction, service: { providerId: string }): boolean {
  if (action === 'read') return true;
  return isAdmin(p) || editsProvider(p, service.providerId);
}
