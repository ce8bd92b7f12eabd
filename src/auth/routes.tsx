/**
 * Sign-in and sign-out: /auth/login sends the browser to the identity provider with PKCE, state and nonce kept in
 * a signed, short-lived cookie; /auth/callback checks them, matches the pre-provisioned user and starts a new
 * session (a new id at every sign-in); /auth/logout (POST with CSRF) ends it. Sign-in is rate limited.
 */
import { Type } from 'typebox';
import { isLanguage, type Language } from '../domain/catalogue.js';
import type { App, AppDeps } from '../server/types.js';
import { languagePrefix, messages } from '../web/i18n/index.js';
import { sendErrorPage } from '../web/render.js';
import type { RelyingParty, LoginState } from './oidc.js';
import { sessionCookieOptions } from './plugin.js';
import { sign, signingSecret, unsign } from './secret.js';
import { sameOriginPath } from './returnTo.js';
import { createSession, deleteSession, SESSION_COOKIE } from './sessions.js';
import { matchUser } from './users.js';

const LOGIN_COOKIE = 'ft_login';
const LOGIN_TTL_SECONDS = 600;

/** Only paths on this site (src/auth/returnTo.ts): `/min-side`, never `//evil.example` or `https://…`. */
export function safeReturnTo(raw: unknown, lang: Language, publicUrl = 'http://localhost'): string {
  return sameOriginPath(raw, publicUrl) ?? languagePrefix(lang) + '/min-side';
}

export const SIGN_IN_RATE_LIMIT = { max: 20, timeWindow: '1 minute' };

export async function registerAuthRoutes(app: App, deps: AppDeps, rp: RelyingParty | undefined): Promise<void> {
  const { db } = deps.database;
  const cookieOptions = sessionCookieOptions(deps.config.publicUrl);
  const secret = () => signingSecret(db, deps.config.sessionSecret);
  const langOf = (q: unknown): Language => (isLanguage(q) ? q : 'nb');

  app.get(
    '/auth/login',
    {
      schema: { hide: true, querystring: Type.Object({ returnTo: Type.Optional(Type.String({ maxLength: 500 })), lang: Type.Optional(Type.String({ maxLength: 2 })) }) },
      config: { rateLimit: SIGN_IN_RATE_LIMIT },
    },
    async (req, reply) => {
      const lang = langOf(req.query.lang);
      req.lang = lang;
      if (!rp) return sendErrorPage(req, reply, 503, messages[lang].auth.notConfigured);
      let started;
      try {
        started = await rp.startLogin(safeReturnTo(req.query.returnTo, lang, deps.config.publicUrl));
      } catch (e) {
        req.log.error({ err: e }, 'OIDC discovery failed');
        return sendErrorPage(req, reply, 503, messages[lang].auth.providerUnavailable);
      }
      const value = Buffer.from(JSON.stringify({ ...started.state, lang, exp: Date.now() + LOGIN_TTL_SECONDS * 1000 })).toString('base64url');
      reply.setCookie(LOGIN_COOKIE, sign(value, await secret()), { ...cookieOptions, path: '/auth', maxAge: LOGIN_TTL_SECONDS });
      return reply.redirect(started.url, 303);
    },
  );

  app.get(
    '/auth/callback',
    { schema: { hide: true, querystring: Type.Object({}, { additionalProperties: true }) }, config: { rateLimit: SIGN_IN_RATE_LIMIT } },
    async (req, reply) => {
      const raw = req.cookies[LOGIN_COOKIE];
      const value = raw ? unsign(raw, await secret()) : undefined;
      reply.clearCookie(LOGIN_COOKIE, { ...cookieOptions, path: '/auth' });
      let expected: (LoginState & { lang: Language; exp: number }) | undefined;
      try {
        expected = value ? JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) : undefined;
      } catch {
        expected = undefined;
      }
      const lang = expected && isLanguage(expected.lang) ? expected.lang : 'nb';
      req.lang = lang;
      const t = messages[lang].auth;
      if (!rp || !expected || expected.exp < Date.now()) return sendErrorPage(req, reply, 400, t.loginStateMissing, t.loginFailedTitle);
      const query = req.query as Record<string, unknown>;
      if (typeof query.error === 'string') return sendErrorPage(req, reply, 400, t.loginCancelled, t.loginFailedTitle);
      let identity;
      try {
        identity = await rp.finishLogin(new URL(req.url, deps.config.publicUrl), expected);
      } catch (e) {
        req.log.warn({ err: e }, 'OIDC callback refused');
        return sendErrorPage(req, reply, 400, t.loginFailed, t.loginFailedTitle);
      }
      const user = await matchUser(db, identity);
      if (!user) return sendErrorPage(req, reply, 403, t.noAccount(identity.email ?? identity.subject), t.noAccountTitle);
      // Never carry a session across a sign-in: whatever session this browser presented (a planted one, or the
      // previous person's on a shared computer) ends, and the new one gets a fresh token (no session fixation).
      if (req.auth?.sessionId) await deleteSession(db, req.auth.sessionId);
      const session = await createSession(db, user.id, { idleMinutes: deps.config.sessionIdleMinutes, maxHours: deps.config.sessionMaxHours }, identity.idToken);
      reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions, maxAge: deps.config.sessionMaxHours * 3600 });
      return reply.redirect(safeReturnTo(expected.returnTo, lang, deps.config.publicUrl), 303);
    },
  );

  app.post('/auth/logout', { schema: { hide: true, body: Type.Object({ lang: Type.Optional(Type.String({ maxLength: 2 })) }) } }, async (req, reply) => {
    const lang = langOf(req.body?.lang);
    const home = languagePrefix(lang) || '/';
    let idToken: string | null = null;
    if (req.auth?.sessionId) idToken = await deleteSession(db, req.auth.sessionId);
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    const endAtProvider = rp && idToken ? await rp.logoutUrl(idToken, `${deps.config.publicUrl}/`).catch(() => undefined) : undefined;
    return reply.redirect(endAtProvider ?? home, 303);
  });
}
