import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createSession } from '../../src/auth/sessions.js';
import type { Database, Executor } from '../../src/db/database.js';
import { roleAssignments, users } from '../../src/db/schema/index.js';
import type { Actor } from '../../src/domain/actor.js';
import type { Principal, RoleAssignment } from '../../src/domain/principal.js';
import type { TestApp } from './app.js';
import { useSetup } from './setup.js';

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

/** The demo users (data/demo/users.json) by first name, and the public. */
export const PRINCIPALS = ['anonymous', 'lise', 'per', 'siri', 'dag', 'mona', 'anne'] as const;
export type Who = (typeof PRINCIPALS)[number];
export const DEMO_EMAIL: Record<Exclude<Who, 'anonymous'>, string> = {
  lise: 'lise.berg@lottstift.example',
  per: 'per.hansen@felles.example',
  siri: 'siri.aas@sis.example',
  dag: 'dag.olsen@dfo.example',
  mona: 'mona.dahl@kud.example',
  anne: 'anne.vik@dfo.example',
};

/** A real session for each demo user: the cookie and the CSRF header an API client of the browser sends. */
export async function demoSessions(db: Database): Promise<Record<Who, Record<string, string>>> {
  const headers = { anonymous: {} } as Record<Who, Record<string, string>>;
  for (const [who, email] of Object.entries(DEMO_EMAIL)) {
    const s = await sessionOf(db, email, 12);
    headers[who as Who] = { cookie: s.cookie, 'x-csrf-token': s.csrf };
  }
  return headers;
}

/** A real session for an existing user (a demo user, by e-mail): the cookie and the CSRF token. */
export async function sessionOf(db: Executor, email: string, maxHours = 2): Promise<{ cookie: string; csrf: string }> {
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  const s = await createSession(db, u!.id, { idleMinutes: 60, maxHours });
  return { cookie: `ft_session=${s.token}`, csrf: s.csrfToken };
}

/**
 * The demo users' sessions for the enclosing describe block, made in a beforeAll after the app's (pair it with
 * `useTestApp(engine, { seed: 'demo' })`). Filled in by that hook: read it in hooks and tests.
 */
export function useDemoSessions(t: TestApp): Record<Who, Record<string, string>> {
  return useSetup(() => demoSessions(t.database.db));
}

/** A JSON call as one of the principals. */
export function caller(getApp: () => TestApp, getHeaders: () => Record<Who, Record<string, string>>) {
  return (who: Who, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    getApp().app.inject({
      method,
      url,
      headers: { ...getHeaders()[who], ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}),
    });
}

/**
 * One row of an authorization matrix: every principal in turn, the status each gets. The test's name lists the
 * expectation, so a report reads as the table.
 */
export function matrix(name: string, expected: Record<Who, number>, run: (who: Who) => Promise<{ statusCode: number }>) {
  return it(`${name}: ${PRINCIPALS.map((p) => `${p} ${expected[p]}`).join(', ')}`, async () => {
    const got: Record<string, number> = {};
    for (const who of PRINCIPALS) got[who] = (await run(who)).statusCode;
    expect(got).toEqual(expected);
  });
}

/** A form post as one of the principals, with the session's CSRF token in the form (as a browser sends it). */
export function formPoster(getApp: () => TestApp, getHeaders: () => Record<Who, Record<string, string>>) {
  return (who: Who, url: string, form: Record<string, string | string[]>) => {
    const h = getHeaders()[who];
    const body = new URLSearchParams();
    if (h['x-csrf-token']) body.append('_csrf', h['x-csrf-token']);
    for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x);
    return getApp().app.inject({ method: 'POST', url, headers: { ...(h.cookie ? { cookie: h.cookie } : {}), 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
  };
}
