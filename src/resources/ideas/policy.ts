import { publicPolicy } from '../../domain/policy.js';
import { editsAgency, editsProvider, isAdmin, type Principal } from '../../domain/principal.js';

/**
 * Ideas and improvement proposals are public. An agency's editors propose, vote (one vote per agency) and comment
 * for their agency; a provider's editors comment for their provider and answer the ideas addressed to it, moving
 * them through src/domain/ideaStatus.ts; DFØ's administrators may do all of it (and answer ideas for new services
 * that name no provider).
 */
export const IDEA_ACTIONS = ['read', 'propose', 'vote', 'comment', 'answer'] as const;
export type IdeaAction = (typeof IDEA_ACTIONS)[number];

export interface IdeaTarget {
  /** The provider the idea is addressed to (null: DFØ decides). */
  providerId: string | null;
  /** propose, vote, comment as an agency. */
  agencyOrgnr?: string | undefined;
  /** comment as a provider. */
  asProviderId?: string | undefined;
}

export const mayIdea = publicPolicy<IdeaAction, IdeaTarget>((p, action, i) => {
  switch (action) {
    case 'propose':
    case 'vote':
      return !!i.agencyOrgnr && editsAgency(p, i.agencyOrgnr);
    case 'comment':
      return (!!i.agencyOrgnr && editsAgency(p, i.agencyOrgnr)) || (!!i.asProviderId && editsProvider(p, i.asProviderId));
    case 'answer':
      return !!i.providerId && editsProvider(p, i.providerId);
  }
});

/** Whether the person may propose for some agency (an agency editor or an administrator): who is offered "propose". */
export function mayProposeSomewhere(p: Principal | undefined): boolean {
  return !!p && (isAdmin(p) || p.roles.some((r) => r.role === 'agency_editor'));
}
