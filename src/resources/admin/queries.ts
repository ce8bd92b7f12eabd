import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { roleAssignments, users } from '../../db/schema/index.js';
import type { LocalizedText } from '../../domain/catalogue.js';
import { formatOrgnr } from '../../domain/orgnr.js';
import type { Role } from '../../domain/principal.js';
import { agencyNames, providerOptions } from '../shared/queries.js';

export interface RoleAssignmentRow {
  id: string;
  role: Role;
  user: { name: string; email: string; lastLoginAt: Date | null };
  /** The agency, ministry or provider the role is for; "–" for administrators. */
  scope: LocalizedText | string;
}

/** Every role assignment, by person then role, each with the name of what it is for. */
export async function listRoleAssignments(db: Executor): Promise<RoleAssignmentRow[]> {
  const rows = await db
    .select({ id: roleAssignments.id, role: roleAssignments.role, user: { name: users.name, email: users.email, lastLoginAt: users.lastLoginAt }, agencyOrgnr: roleAssignments.agencyOrgnr, ministryOrgnr: roleAssignments.ministryOrgnr, providerId: roleAssignments.providerId })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .orderBy(asc(users.name), asc(roleAssignments.role));
  const [org, provs] = await Promise.all([agencyNames(db, rows.map((r) => r.agencyOrgnr ?? r.ministryOrgnr)), providerOptions(db)]);
  const scope = (r: (typeof rows)[number]): LocalizedText | string => {
    const orgnr = r.agencyOrgnr ?? r.ministryOrgnr;
    if (orgnr) return org(orgnr)?.name ?? formatOrgnr(orgnr);
    return r.providerId ? (provs.find((p) => p.id === r.providerId)?.name ?? '') : '–';
  };
  return rows.map((r) => ({ id: r.id, role: r.role, user: r.user, scope: scope(r) }));
}
