import { createSession } from '../../src/auth/sessions.js';
import type { Executor } from '../../src/db/database.js';
import { roleAssignments, users } from '../../src/db/schema/index.js';
import type { Principal, RoleAssignment } from '../../src/domain/principal.js';
import type { Actor } from '../../src/resources/audit/commands.js';

/** A real session for a provisioned user with the given roles, as the sign-in flow would leave it. */
export interface TestSession {
  token: string;
  cookie: string;
  csrf: string;
  principal: Principal;
  /** Headers for an API write on this session: the cookie and the CSRF token. */
  headers: Record<string, string>;
}

let counter = 0;

export async function signedIn(db: Executor, roles: RoleAssignment[], who: { name?: string; email?: string } = {}): Promise<TestSession> {
  counter += 1;
  const name = who.name ?? `Testbruker ${counter}`;
  const email = who.email ?? `testbruker-${counter}-${process.pid}-${Date.now()}@example.no`;
  const [user] = await db.insert(users).values({ name, email }).returning({ id: users.id });
  for (const r of roles) {
    await db.insert(roleAssignments).values({
      userId: user!.id,
      role: r.role,
      agencyOrgnr: r.role === 'agency_editor' ? r.agencyOrgnr : null,
      providerId: r.role === 'provider_editor' ? r.providerId : null,
      ministryOrgnr: r.role === 'ministry_viewer' ? r.ministryOrgnr : null,
    });
  }
  const s = await createSession(db, user!.id, { idleMinutes: 60, maxHours: 2 });
  const cookie = `ft_session=${s.token}`;
  return { token: s.token, cookie, csrf: s.csrfToken, principal: { kind: 'user', id: user!.id, name, email, roles }, headers: { cookie, 'x-csrf-token': s.csrfToken } };
}

/** The actor a command sees for a principal (for calling commands directly in tests). */
export function actorFor(principal: Principal, now: Date = new Date()): Actor {
  return { principal, requestId: 'test', viaApi: false, now };
}
