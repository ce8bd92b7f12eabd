import type { Executor } from '../db/database.js';
import { dataVersion } from '../db/readCache.js';
import type { Principal } from '../domain/principal.js';
import { findSession, hash, type SessionTimeouts, TOUCH_MS, wellFormedToken } from './sessions.js';
import { loadUserPrincipal } from './users.js';

export type ResolvedSession = { state: 'valid'; id: string; csrfToken: string; principal: Principal } | { state: 'ended' };

interface Entry {
  id: string;
  csrfToken: string;
  lastSeenAt: number;
  expiresAt: number;
  principal: Principal;
}

const MAX_ENTRIES = 10_000;

/**
 * The signed-in principal behind a session cookie, with the session and the principal cached per app node under the
 * `auth` data version (migration 0012): signing out, an ended or changed session, a changed user, role or API
 * client bumps it, and every entry is looked up again. On PGlite the version costs no query, so a signed-in request
 * costs none for who is asking; on PostgreSQL one tiny query instead of two.
 *
 * An entry is used only while its session is neither expired nor idle by its own copy of the times, and for at most
 * a minute after it was last seen in the database: then the database is asked again, which also touches the session
 * (`findSession`), so the idle timeout keeps counting from real use.
 */
export function sessionResolver(db: Executor, t: SessionTimeouts): (token: string) => Promise<ResolvedSession> {
  let gen = { version: -1, entries: new Map<string, Entry>() };
  const freshFor = Math.min(TOUCH_MS, t.idleMinutes * 60_000);
  return async (token) => {
    if (!wellFormedToken(token)) return { state: 'ended' };
    const version = await dataVersion(db, 'auth');
    // A newer version starts a new generation; an older one (a request that read it before a bump) stores nothing.
    if (version > gen.version) gen = { version, entries: new Map() };
    const key = hash(token);
    const now = Date.now();
    const hit = gen.version === version ? gen.entries.get(key) : undefined;
    if (hit && now < hit.expiresAt && now - hit.lastSeenAt < freshFor) return { state: 'valid', id: hit.id, csrfToken: hit.csrfToken, principal: hit.principal };
    const found = await findSession(db, token, t);
    const principal = found.state === 'valid' ? await loadUserPrincipal(db, found.userId) : undefined;
    if (found.state !== 'valid' || !principal) {
      gen.entries.delete(key);
      return { state: 'ended' };
    }
    if (gen.version === version) {
      gen.entries.delete(key);
      if (gen.entries.size >= MAX_ENTRIES) gen.entries.delete(gen.entries.keys().next().value!);
      gen.entries.set(key, { id: found.id, csrfToken: found.csrfToken, lastSeenAt: found.lastSeenAt, expiresAt: found.expiresAt, principal });
    }
    return { state: 'valid', id: found.id, csrfToken: found.csrfToken, principal };
  };
}
