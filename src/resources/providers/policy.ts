import { editsProvider, isAdmin, type Principal } from '../../domain/principal.js';

/**
 * Who keeps the providers and service areas (issue 12). DFØ's administrators create and change providers and areas;
 * a provider's own editors (people, or the provider's system with a token scoped to it) change their provider's
 * descriptive fields (names, description, contact, website), never its organisation number, address or model.
 */
export const KEEPING_ACTIONS = ['create_provider', 'edit_provider', 'edit_provider_identity', 'create_area', 'edit_area'] as const;
export type KeepingAction = (typeof KEEPING_ACTIONS)[number];

export function mayKeep(p: Principal | undefined, action: KeepingAction, provider?: { id: string }): boolean {
  if (isAdmin(p)) return true;
  return action === 'edit_provider' && !!provider && editsProvider(p, provider.id);
}
