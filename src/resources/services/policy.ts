import { publicPolicy } from '../../domain/policy.js';
import { editsProvider, isAdmin, type Principal, providerScopes } from '../../domain/principal.js';

/**
 * Who may do what with the catalogue's services. Published services are public. A provider's editors (people, or
 * the provider's own system with a client-credentials token scoped to it) see and change their provider's drafts,
 * publish, retire and reinstate; DFØ's administrators may do so for every provider, and alone review drafts of
 * providers that require review and turn review on or off.
 */
export const SERVICE_EDIT_ACTIONS = ['read', 'read_draft', 'create', 'edit', 'publish', 'retire', 'reinstate', 'review', 'set_review'] as const;
export type ServiceEditAction = (typeof SERVICE_EDIT_ACTIONS)[number];

/** Reviewing, and turning review on or off, is for administrators alone. */
export const mayService = publicPolicy<ServiceEditAction, { providerId: string }>(
  (p, action, service) => action !== 'review' && action !== 'set_review' && editsProvider(p, service.providerId),
);

/** Whether someone may start a new service for some provider at all (the "new service" link). */
export const mayCreateSomeService = (p: Principal | undefined): boolean => isAdmin(p) || providerScopes(p).length > 0;
