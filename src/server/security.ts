import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { messages } from '../web/i18n/index.js';
import { HttpProblem } from './problem.js';

/**
 * Security headers on every response, and a strict Content-Security-Policy on every HTML page.
 *
 * Pages carry no inline script or style (the charts are SVG with presentation attributes, see web/charts/svg.ts),
 * so 'self' suffices for scripts and styles. Sign-in and sign-out are form navigations that end at the identity
 * provider (a 303 to its authorize and end-session endpoints); Chromium applies form-action to such redirects, so
 * the provider's origin is allowed there and nowhere else.
 *
 * The Swagger UI at /api/docs is a third-party page that sets style attributes from script and shows data: images:
 * it gets its own, slightly wider policy, still without inline script and without framing.
 */
export function contentSecurityPolicy(config: Pick<Config, 'publicUrl' | 'oidc'>): string {
  const formAction = ["'self'"];
  if (config.oidc) formAction.push(new URL(config.oidc.issuer).origin);
  const directives = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    `form-action ${formAction.join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ];
  if (config.publicUrl.startsWith('https://')) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

export const API_DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/** Non-HTML responses (JSON, CSV, RDF, assets) render nothing: if a browser ever renders one, it may load nothing. */
export const NON_HTML_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/** The methods that change state (RFC 9110's unsafe ones): CSRF checks and the version read before an answer go by them. */
export const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Cache-Control for everything a signed-in principal gets. */
export const PRIVATE_NO_STORE = 'private, no-store';

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), browsing-topics=()',
  'cross-origin-opener-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

/**
 * The response is a page. A 304 has no body and no type, but a browser stores its headers over those of the page it
 * keeps (RFC 9111 §4.3.4): the revalidation of a cached public page must carry the page's policy, or the page shows
 * again with its styles blocked.
 */
function isHtml(req: FastifyRequest, reply: FastifyReply): boolean {
  if (reply.statusCode === 304) return Boolean(req.routeOptions.config?.publicPage);
  return /^text\/html\b/i.test(String(reply.getHeader('content-type') ?? ''));
}

function isApiDocs(req: FastifyRequest): boolean {
  return req.url === '/api/docs' || req.url.startsWith('/api/docs/') || req.url.startsWith('/api/docs?');
}

/** Request body limits per route class (bytes). Routes that take files (usage imports) set their own. */
export const BODY_LIMITS = {
  /** JSON API requests: declarations, lifecycle steps, usage changes. */
  json: 256 * 1024,
  /** HTML forms (application/x-www-form-urlencoded): the longest is a questionnaire with free-text answers. */
  form: 64 * 1024,
} as const;

export function registerSecurityHeaders(app: FastifyInstance, config: Pick<Config, 'publicUrl' | 'oidc'>): void {
  const pagePolicy = contentSecurityPolicy(config);
  app.addHook('onSend', async (req, reply, payload) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      if (!reply.hasHeader(name)) reply.header(name, value);
    }
    reply.header('content-security-policy', isHtml(req, reply) ? (isApiDocs(req) ? API_DOCS_CSP : pagePolicy) : NON_HTML_CSP);
    // Whatever a signed-in person or system is shown may hold personal data or their own answers (and pages name
    // them): never kept by a browser cache, a proxy or a CDN, whatever the route set.
    if (req.principal) reply.header('cache-control', PRIVATE_NO_STORE);
    return payload;
  });
}

/** True when a string anywhere in the value holds NUL, which PostgreSQL text cannot store. */
export function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 8 || value === null || typeof value !== 'object') return false;
  if (Buffer.isBuffer(value)) return false;
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || holdsNul(v, depth + 1));
}

/**
 * Input PostgreSQL cannot store (NUL in text) is bad input: a 400 with a plain message before any handler runs,
 * not a database error (500) halfway through a command.
 */
export function registerInputGuards(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    if (holdsNul(req.params) || holdsNul(req.query) || holdsNul(req.body)) {
      throw new HttpProblem(400, messages[req.lang ?? 'nb'].errors.controlCharacters);
    }
  });
}
