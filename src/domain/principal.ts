/**
 * Who is acting: a signed-in person (session) or a provider's system (OAuth client credentials), with the role
 * assignments they hold. Policies (src/resources/<name>/policy.ts) are pure functions of a principal, an action
 * and a resource. The public is `undefined`: anonymous, read only. Pure: no I/O.
 */

export const ROLES = ['agency_editor', 'provider_editor', 'ministry_viewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** One role for one scope: an agency editor for an org number, a provider editor for a provider … */
export type RoleAssignment =
  | { role: 'agency_editor'; agencyOrgnr: string }
  | { role: 'provider_editor'; providerId: string }
  | { role: 'ministry_viewer'; ministryOrgnr: string }
  | { role: 'admin' };

export interface Principal {
  kind: 'user' | 'client';
  /** users.id for a person; the OAuth client id for a system. */
  id: string;
  name: string;
  email?: string | undefined;
  roles: RoleAssignment[];
}

/**
 * The capacity in which someone acted, recorded with every audit event (an admin acting for an agency is a
 * different event from the agency acting).
 */
export interface Capacity {
  role: Role | 'system';
  agencyOrgnr?: string | undefined;
  providerId?: string | undefined;
  ministryOrgnr?: string | undefined;
}

export const isAdmin = (p: Principal | undefined): boolean => !!p?.roles.some((r) => r.role === 'admin');

export const editsAgency = (p: Principal | undefined, orgnr: string): boolean =>
  !!p?.roles.some((r) => r.role === 'agency_editor' && r.agencyOrgnr === orgnr);

export const editsProvider = (p: Principal | undefined, providerId: string): boolean =>
  !!p?.roles.some((r) => r.role === 'provider_editor' && r.providerId === providerId);

export const viewsMinistry = (p: Principal | undefined, ministryOrgnr: string | null | undefined): boolean =>
  !!ministryOrgnr && !!p?.roles.some((r) => r.role === 'ministry_viewer' && r.ministryOrgnr === ministryOrgnr);

export const agencyScopes = (p: Principal | undefined): string[] =>
  (p?.roles ?? []).flatMap((r) => (r.role === 'agency_editor' ? [r.agencyOrgnr] : []));

export const providerScopes = (p: Principal | undefined): string[] =>
  (p?.roles ?? []).flatMap((r) => (r.role === 'provider_editor' ? [r.providerId] : []));

export const ministryScopes = (p: Principal | undefined): string[] =>
  (p?.roles ?? []).flatMap((r) => (r.role === 'ministry_viewer' ? [r.ministryOrgnr] : []));

/** The capacity for acting on an agency: as its editor if the principal is one, else as admin. */
export function capacityForAgency(p: Principal, orgnr: string): Capacity {
  return editsAgency(p, orgnr) ? { role: 'agency_editor', agencyOrgnr: orgnr } : { role: 'admin', agencyOrgnr: orgnr };
}

/** The capacity for acting for a provider: as its editor if the principal is one, else as admin. */
export function capacityForProvider(p: Principal, providerId: string): Capacity {
  return editsProvider(p, providerId) ? { role: 'provider_editor', providerId } : { role: 'admin', providerId };
}

/** Role names a page shows, one per assignment kind. */
export function roleNames(p: Principal): Role[] {
  return ROLES.filter((r) => p.roles.some((a) => a.role === r));
}
