import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lt, or } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { sessions } from '../db/schema/index.js';

export const SESSION_COOKIE = 'ft_session';

export interface SessionTimeouts {
  idleMinutes: number;
  maxHours: number;
}

export const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A new session (a new id at every sign-in, so a planted cookie is worthless): returns the token for the cookie;
 * only its hash is stored. Expired sessions of anyone are swept on the way.
 */
export async function createSession(db: Executor, userId: string, t: SessionTimeouts, idToken?: string): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = new Date();
  await db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - t.idleMinutes * 60_000))));
  await db.insert(sessions).values({
    tokenHash: hash(token),
    userId,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + t.maxHours * 3600_000),
    idToken,
  });
  return { token, csrfToken };
}

export type SessionLookup =
  | { state: 'valid'; id: string; userId: string; csrfToken: string; lastSeenAt: number; expiresAt: number }
  | { state: 'expired' | 'unknown' };

/** A session's last-seen time is written at most this often. */
export const TOUCH_MS = 60_000;

/** Whether a cookie value can be a session token at all (anything else is refused before hashing or a query). */
export const wellFormedToken = (token: string) => /^[A-Za-z0-9_-]{20,100}$/.test(token);

/** The session behind a cookie token, touched (at most once a minute) when valid; expired ones are deleted. */
export async function findSession(db: Executor, token: string, t: SessionTimeouts): Promise<SessionLookup> {
  if (!wellFormedToken(token)) return { state: 'unknown' };
  const id = hash(token);
  const [row] = await db.select().from(sessions).where(eq(sessions.tokenHash, id));
  if (!row) return { state: 'unknown' };
  const now = Date.now();
  if (row.expiresAt.getTime() <= now || row.lastSeenAt.getTime() + t.idleMinutes * 60_000 <= now) {
    await db.delete(sessions).where(eq(sessions.tokenHash, id));
    return { state: 'expired' };
  }
  let lastSeenAt = row.lastSeenAt.getTime();
  if (now - lastSeenAt > TOUCH_MS) {
    await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(and(eq(sessions.tokenHash, id)));
    lastSeenAt = now;
  }
  return { state: 'valid', id, userId: row.userId, csrfToken: row.csrfToken, lastSeenAt, expiresAt: row.expiresAt.getTime() };
}

export async function deleteSession(db: Executor, id: string): Promise<string | null> {
  const rows = await db.delete(sessions).where(eq(sessions.tokenHash, id)).returning({ idToken: sessions.idToken });
  return rows[0]?.idToken ?? null;
}
