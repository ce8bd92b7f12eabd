import { editsProvider, isAdmin, type Principal, providerScopes } from '../../domain/principal.js';

/**
 * Data quality (/kvalitet): DFØ's administrators see every provider's entries; a provider's editors see and mark
 * as reviewed their own provider's entries. Nobody else: the findings are working notes, not public.
 */
export const QUALITY_ACTIONS = ['read', 'review'] as const;
export type QualityAction = (typeof QUALITY_ACTIONS)[number];

export function mayQuality(p: Principal | undefined, _action: QualityAction, provider: { id: string }): boolean {
  return isAdmin(p) || editsProvider(p, provider.id);
}

/** Whether someone may open the overview at all: an administrator, or an editor of some provider. */
export const mayQualityOverview = (p: Principal | undefined): boolean => isAdmin(p) || providerScopes(p).length > 0;
