import { editsProvider, isAdmin, type Principal } from '../../domain/principal.js';

/**
 * Who may do what with a procurement. Procurements are public (agencies must be able to see what is coming);
 * the provider running it, and DFØ's administrators, manage it.
 */
export const PROCUREMENT_ACTIONS_POLICY = ['read', 'create', 'transition', 'follow_up', 'export'] as const;
export type ProcurementPolicyAction = (typeof PROCUREMENT_ACTIONS_POLICY)[number];

export function mayProcurement(p: Principal | undefined, action: ProcurementPolicyAction, procurement: { providerId: string }): boolean {
  if (action === 'read') return true;
  return isAdmin(p) || editsProvider(p, procurement.providerId);
}
