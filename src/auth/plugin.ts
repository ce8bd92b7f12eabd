/**
 * Who is asking, on every request: a browser session (cookie) or a system's bearer token (API only). Unsafe
 * requests that ride on the session cookie must carry the session's CSRF token (hidden `_csrf` field in forms,
 * `X-CSRF-Token` header for the API) and, when the browser sends one, a same-origin Origin header.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.js';
import { notifications } from '../db/schema/index.js';
import { type Role, roleNames } from '../domain/principal.js';
import type { App, AppDeps } from '../server/types.js';
import { HttpProblem } from '../server/problem.js';
import { UNSAFE_METHODS } from '../server/security.js';
import { messages } from '../web/i18n/index.js';
import type { RelyingParty } from './oidc.js';
import { safeEqual } from './secret.js';
import { sessionResolver } from './sessionCache.js';
import { SESSION_COOKIE } from './sessions.js';
import { loadClientPrincipal } from './users.js';

/** Roles that may change anything through the API; a ministry viewer only reads. */
const WRITER_ROLES = new Set<Role>(['agency_editor', 'provider_editor', 'admin']);
/** RFC 6750: a 401 from the API says which scheme to use. */
export const BEARER_CHALLENGE = 'Bearer realm="fellestjenester-api"';
const isApi = (req: FastifyRequest) => req.url === '/api' || req.url.startsWith('/api/');

export function sessionCookieOptions(publicUrl: string) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: publicUrl.startsWith('https://') };
}

export async function registerAuth(app: App, deps: AppDeps, rp: RelyingParty | undefined): Promise<void> {
  const { db } = deps.database;
  const timeouts = { idleMinutes: deps.config.sessionIdleMinutes, maxHours: deps.config.sessionMaxHours };
  const publicOrigin = new URL(deps.config.publicUrl).origin;
  const resolveSession = sessionResolver(db, timeouts);
  app.decorateRequest('principal', undefined);
  app.decorateRequest('auth', undefined);

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.url.startsWith('/assets/')) return;
    const t = messages[req.lang].access;
    const authorization = req.headers.authorization;
    if (authorization && isApi(req)) {
      const m = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(authorization);
      const clientId = m && rp ? await rp.verifyAccessToken(m[1]!) : undefined;
      const principal = clientId ? await loadClientPrincipal(db, clientId) : undefined;
      if (!principal) throw new HttpProblem(401, t.invalidToken, { headers: { 'www-authenticate': `${BEARER_CHALLENGE}, error="invalid_token"` } });
      req.principal = principal;
      req.auth = { via: 'bearer' };
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const found = await resolveSession(token);
    if (found.state !== 'valid') {
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(deps.config.publicUrl));
      // A form posted on a session that has ended must not go through as anonymous, nor fail silently.
      if (UNSAFE_METHODS.has(req.method)) throw new HttpProblem(401, t.sessionExpired);
      return;
    }
    const { principal } = found;
    req.principal = principal;
    req.auth = { via: 'session', sessionId: found.id };
    req.csrfToken = found.csrfToken;
    req.pageUser = { name: principal.name, roles: roleNames(principal) };
    // The header's unread count, for pages only (the API has /api/v1/me/notifications): started now, taken by
    // sendPage when the page renders, so it runs beside the handler's queries. A request that renders no page
    // (a redirect, a download) leaves it unread; its failure is sendPage's to see, never an unhandled rejection.
    if (!isApi(req)) {
      req.pageUnread = unreadNotifications(db, principal.id);
      req.pageUnread.catch(() => {});
    }
  });

  // After the body is parsed, before validation: who may write through the API at all (401 anonymous, 403 for a
  // principal with no role that writes anything), then the CSRF token and the origin of unsafe session requests.
  // A stranger learns nothing about a route's body from its validation messages.
  app.addHook('preValidation', async (req: FastifyRequest) => {
    if (!UNSAFE_METHODS.has(req.method)) return;
    const t = messages[req.lang].access;
    if (isApi(req)) {
      if (!req.principal) throw new HttpProblem(401, t.signInRequired, { headers: { 'www-authenticate': BEARER_CHALLENGE } });
      // Everyone signed in keeps their own follows and notifications (/api/v1/me/…), readers too.
      if (!req.url.startsWith('/api/v1/me/') && !req.principal.roles.some((r) => WRITER_ROLES.has(r.role))) throw new HttpProblem(403, t.noWriteAccess);
    }
    if (req.auth?.via !== 'session') return;
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== publicOrigin && origin !== requestOrigin(req)) throw new HttpProblem(403, t.wrongOrigin);
    // A multipart form's fields are read by the handler, not here: the reader checks the token
    // (verifyDeferredCsrf, called by the one multipart reader, uploadedFile).
    if (!req.headers['x-csrf-token'] && req.isMultipart?.()) {
      req.csrfDeferred = true;
      return;
    }
    const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : undefined;
    const given = String(req.headers['x-csrf-token'] ?? body?._csrf ?? '');
    if (!req.csrfToken || !given || !safeEqual(given, req.csrfToken)) throw new HttpProblem(403, t.csrf);
    if (body) delete body._csrf;
  });
}

async function unreadNotifications(db: Database, userId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

function requestOrigin(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

/** For a multipart form on a session: its `_csrf` field must match, or the request is refused like any other. */
export function verifyDeferredCsrf(req: FastifyRequest, given: string | undefined): void {
  if (!req.csrfDeferred) return;
  if (!req.csrfToken || !given || !safeEqual(given, req.csrfToken)) throw new HttpProblem(403, messages[req.lang].access.csrf);
  req.csrfDeferred = false;
}

/** The principal, or a 401 that says to sign in (pages and API alike). */
export function requirePrincipal(req: FastifyRequest) {
  if (!req.principal) throw new HttpProblem(401, messages[req.lang].access.signInRequired);
  return req.principal;
}
