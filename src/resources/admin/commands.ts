import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { agencies, providers, roleAssignments, users } from '../../db/schema/index.js';
import type { Language } from '../../domain/catalogue.js';
import { checkOrgnr, formatOrgnr } from '../../domain/orgnr.js';
import { ROLES, type Role } from '../../domain/principal.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import type { Actor } from '../../domain/actor.js';
import { recordAudit } from '../../db/audit.js';
import { mayAdminister } from './policy.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function guard(actor: Actor, lang: Language) {
  if (!mayAdminister(actor.principal)) throw new HttpProblem(403, messages[lang].access.forbidden);
}

/**
 * roleAssigner: gives a person (found by e-mail, or provisioned now with a name) a role for a scope — an agency or
 * ministry by org number, a provider by slug. They are matched on their first sign-in by the verified e-mail.
 */
export async function assignRole(db: Database, actor: Actor, raw: { email?: string; name?: string; role?: string; scope?: string }, lang: Language): Promise<void> {
  guard(actor, lang);
  const t = messages[lang].admin.errors;
  const errors: { field: string; message: string }[] = [];
  const email = (raw.email ?? '').trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) errors.push({ field: 'email', message: t.email });
  const role = raw.role as Role;
  if (!(ROLES as readonly string[]).includes(role)) errors.push({ field: 'role', message: t.role });
  const scope = (raw.scope ?? '').trim();
  let scopeValues: { agencyOrgnr?: string; providerId?: string; ministryOrgnr?: string } = {};
  if (role === 'agency_editor' || role === 'ministry_viewer') {
    const c = checkOrgnr(scope);
    if (!c.ok) errors.push({ field: 'scope', message: messages[lang].errors.invalidOrgnr[c.problem] });
    else {
      const [a] = await db.select({ kind: agencies.kind }).from(agencies).where(eq(agencies.orgnr, c.orgnr));
      if (!a) errors.push({ field: 'scope', message: messages[lang].errors.unknownAgency(formatOrgnr(c.orgnr)) });
      else if (role === 'ministry_viewer' && a.kind !== 'ministry') errors.push({ field: 'scope', message: messages[lang].errors.unknownMinistry(formatOrgnr(c.orgnr)) });
      else scopeValues = role === 'agency_editor' ? { agencyOrgnr: c.orgnr } : { ministryOrgnr: c.orgnr };
    }
  } else if (role === 'provider_editor') {
    const [p] = await db.select({ id: providers.id }).from(providers).where(eq(providers.slug, scope));
    if (!p) errors.push({ field: 'scope', message: messages[lang].errors.unknownProvider(scope) });
    else scopeValues = { providerId: p.id };
  }
  const name = (raw.name ?? '').trim();
  const [existing] = await db.select().from(users).where(sql`lower(${users.email}) = ${email}`);
  if (!existing && name.length < 2) errors.push({ field: 'name', message: t.name });
  if (errors.length) throw new HttpProblem(400, errors.map((e) => e.message).join(' '), { errors });
  await db.transaction(async (tx) => {
    const user = existing ?? (await tx.insert(users).values({ name: name.slice(0, 120), email }).returning())[0]!;
    const [row] = await tx.insert(roleAssignments).values({ userId: user.id, role, ...scopeValues }).onConflictDoNothing().returning();
    if (!row) throw new HttpProblem(409, t.exists);
    await recordAudit(tx, actor, { role: 'admin', ...scopeValues }, { action: 'role.assign', entityType: 'role_assignment', entityId: row.id, after: { user: user.email, role, ...scopeValues } });
  });
}

export async function removeRole(db: Database, actor: Actor, id: string, lang: Language): Promise<void> {
  guard(actor, lang);
  await db.transaction(async (tx) => {
    const [row] = await tx.delete(roleAssignments).where(and(eq(roleAssignments.id, id))).returning();
    if (!row) throw new HttpProblem(404, messages[lang].admin.errors.noAssignment);
    await recordAudit(
      tx,
      actor,
      { role: 'admin', agencyOrgnr: row.agencyOrgnr ?? undefined, providerId: row.providerId ?? undefined, ministryOrgnr: row.ministryOrgnr ?? undefined },
      { action: 'role.remove', entityType: 'role_assignment', entityId: id, before: { userId: row.userId, role: row.role, agencyOrgnr: row.agencyOrgnr, providerId: row.providerId, ministryOrgnr: row.ministryOrgnr } },
    );
  });
}
