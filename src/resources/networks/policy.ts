import { publicPolicy } from '../../domain/policy.js';
import { editsAgency, editsProvider, isAdmin, type Principal, providerScopes } from '../../domain/principal.js';

/**
 * Networks are public. A provider's editors create networks their provider facilitates and keep them up to date;
 * DFØ's administrators may do anything. An agency's editors join and leave for their agency; the facilitator may
 * also take a member off the list.
 */
export const NETWORK_ACTIONS = ['read', 'create', 'edit', 'join', 'leave'] as const;
export type NetworkAction = (typeof NETWORK_ACTIONS)[number];

export interface NetworkTarget {
  facilitatorProviderId: string | null;
  /** join and leave: the agency joining or leaving. */
  agencyOrgnr?: string;
}

export const mayNetwork = publicPolicy<NetworkAction, NetworkTarget>((p, action, n) => {
  const facilitates = !!n.facilitatorProviderId && editsProvider(p, n.facilitatorProviderId);
  switch (action) {
    case 'create':
    case 'edit':
      // A provider editor creates and keeps networks facilitated by a provider they edit.
      return facilitates;
    case 'join':
      return !!n.agencyOrgnr && editsAgency(p, n.agencyOrgnr);
    case 'leave':
      return (!!n.agencyOrgnr && editsAgency(p, n.agencyOrgnr)) || facilitates;
  }
});

/** Whether someone may create any network at all (the "new network" button): administrators and provider editors. */
export const mayCreateSomeNetwork = (p: Principal | undefined): boolean => isAdmin(p) || providerScopes(p).length > 0;
