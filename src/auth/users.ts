import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { apiClients, roleAssignments, users } from '../db/schema/index.js';
import type { Principal, RoleAssignment } from '../domain/principal.js';

export interface IdentityClaims {
  issuer: string;
  subject: string;
  email?: string | undefined;
  emailVerified?: boolean | undefined;
  name?: string | undefined;
}

/**
 * The pre-provisioned user a sign-in belongs to: by issuer + subject, else (first sign-in) by a verified e-mail
 * address, which then binds the issuer and subject. Unknown people get no account: undefined.
 */
export async function matchUser(db: Executor, c: IdentityClaims): Promise<{ id: string } | undefined> {
  const [bySubject] = await db
    .select({ id: users.id, disabledAt: users.disabledAt })
    .from(users)
    .where(and(eq(users.issuer, c.issuer), eq(users.subject, c.subject)));
  if (bySubject) {
    if (bySubject.disabledAt) return undefined;
    await db.update(users).set({ lastLoginAt: new Date(), ...(c.name ? { name: c.name } : {}) }).where(eq(users.id, bySubject.id));
    return { id: bySubject.id };
  }
  if (!c.email || c.emailVerified !== true) return undefined;
  const [byEmail] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.email}) = ${c.email.toLowerCase()}`, isNull(users.issuer), isNull(users.disabledAt)));
  if (!byEmail) return undefined;
  await db
    .update(users)
    .set({ issuer: c.issuer, subject: c.subject, lastLoginAt: new Date(), ...(c.name ? { name: c.name } : {}) })
    .where(eq(users.id, byEmail.id));
  return { id: byEmail.id };
}

function toAssignment(r: typeof roleAssignments.$inferSelect): RoleAssignment | undefined {
  switch (r.role) {
    case 'agency_editor':
      return r.agencyOrgnr ? { role: 'agency_editor', agencyOrgnr: r.agencyOrgnr } : undefined;
    case 'provider_editor':
      return r.providerId ? { role: 'provider_editor', providerId: r.providerId } : undefined;
    case 'ministry_viewer':
      return r.ministryOrgnr ? { role: 'ministry_viewer', ministryOrgnr: r.ministryOrgnr } : undefined;
    case 'admin':
      return { role: 'admin' };
  }
}

/** A signed-in person with their role assignments, or undefined when the user is gone or disabled. */
export async function loadUserPrincipal(db: Executor, userId: string): Promise<Principal | undefined> {
  // One round trip per request: the user and their assignments together.
  const rows = await db
    .select({ user: users, role: roleAssignments })
    .from(users)
    .leftJoin(roleAssignments, eq(roleAssignments.userId, users.id))
    .where(eq(users.id, userId));
  const u = rows[0]?.user;
  if (!u || u.disabledAt) return undefined;
  const roles = rows.flatMap((r) => (r.role ? [r.role] : []));
  return { kind: 'user', id: u.id, name: u.name, email: u.email, roles: roles.map(toAssignment).filter((r): r is RoleAssignment => !!r) };
}

/** A machine client by its OAuth client id: a provider's system acts as that provider's editor. */
export async function loadClientPrincipal(db: Executor, clientId: string): Promise<Principal | undefined> {
  const [c] = await db.select().from(apiClients).where(eq(apiClients.clientId, clientId));
  if (!c || c.disabledAt) return undefined;
  const roles: RoleAssignment[] = [];
  if (c.providerId) roles.push({ role: 'provider_editor', providerId: c.providerId });
  if (c.agencyOrgnr) roles.push({ role: 'agency_editor', agencyOrgnr: c.agencyOrgnr });
  return { kind: 'client', id: c.clientId, name: c.name, roles };
}
