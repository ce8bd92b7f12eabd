import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { cacheStats } from '../db/cacheStats.js';
import { type DataDomain, dataVersions } from '../db/readCache.js';
import { fedVersion } from '../db/versionFeed.js';
import { seenBefore } from '../db/admission.js';
import { osloToday } from '../domain/osloTime.js';
import { compressBody, type Encoding, negotiateEncoding } from './compression.js';
import { type HttpMetrics, REQUEST_ID_HEADER, requestIdOf } from './observability.js';
import type { AppDeps } from './types.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The page depends only on the URL, today's date and data covered by the `catalogue` data version (catalogue,
     * agencies, usage register), or by the versions listed. Anonymous responses are then cached per app node, and
     * get an ETag and Cache-Control so a CDN or the browser can reuse them.
     */
    publicPage?: boolean | DataDomain[];
  }
  interface FastifyRequest {
    /** The stored page's key and ETag, and the parts the key is made of (the front door keeps them). */
    pageCache?: {
      key: string;
      etag: string;
      domains: readonly DataDomain[];
      versions: readonly number[];
      day: string;
      url: string;
      /** Set by a route whose page is likely asked for once (a new search): stored only when asked for again. */
      oneOff?: boolean;
    };
  }
  interface FastifyInstance {
    /** The whole-page cache's size now (for tests and /metrics). */
    pageCacheSize(): { entries: number; bytes: number };
    /** Requests the front door answered before Fastify (for tests and /metrics). */
    frontDoorAnswers(): number;
  }
}

/**
 * A page as rendered, and its brotli and gzip encodings, each made once, the first time a client asks for it: a hit
 * costs neither a render nor a compression, and a page nobody fetches twice (a one-off search) is compressed once,
 * in the one encoding its one client asked for.
 */
interface Cached {
  etag: string;
  body: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}

/**
 * The HTTP server's first look at a request (src/server/app.ts installs it before Fastify's handler): true when it
 * answered the request itself.
 */
export interface FrontDoor {
  serve?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/** How a stored page was last answered through Fastify: its key, the versions it was made at, and its headers. */
interface FrontEntry {
  key: string;
  domains: readonly DataDomain[];
  versions: readonly number[];
  day: string;
  route: string;
  /** The response's headers as Fastify sent them, without those of one response (id, length, encoding), as
   * name/value pairs for writeHead. */
  headers: string[];
}

/** Headers that belong to one response, not to the page: set anew by the front door. */
const PER_RESPONSE = new Set(['content-length', 'content-encoding', REQUEST_ID_HEADER, 'date', 'connection', 'keep-alive', 'transfer-encoding']);

const MAX_PAGES = 2_000;
/** Log levels at which Fastify logs each request (the front door then logs its own). */
const INFO_LEVELS = new Set(['trace', 'debug', 'info']);
const RDF_ACCEPT = /text\/turtle|application\/(ld\+json|rdf\+xml|n-triples|n-quads|trig)/;

/** The query parameters a route declares (its querystring schema); the rest mean nothing to it. */
function declaredQuery(req: FastifyRequest): Set<string> {
  const schema = req.routeOptions.schema?.querystring as { properties?: Record<string, unknown> } | undefined;
  return new Set(Object.keys(schema?.properties ?? {}));
}

/**
 * The request's URL with only the query parameters the route declares, sorted: `?x=1`, `?utm_source=…` and the
 * like are dropped, so they neither force a fresh render nor add an entry. When some were dropped the request itself
 * is rewritten to the canonical URL, so the page rendered (its links included) is the canonical page.
 */
function canonicalUrl(req: FastifyRequest): string {
  const at = req.url.indexOf('?');
  if (at < 0) return req.url;
  const path = req.url.slice(0, at);
  const declared = declaredQuery(req);
  const given = new URLSearchParams(req.url.slice(at + 1));
  const kept = new URLSearchParams([...given].filter(([k]) => declared.has(k)));
  kept.sort();
  const canonical = kept.size ? `${path}?${kept}` : path;
  if (kept.size !== given.size) {
    req.raw.url = canonical;
    const query = req.query as Record<string, unknown> | undefined;
    for (const k of Object.keys(query ?? {})) if (!declared.has(k)) delete query![k];
  }
  return canonical;
}

/**
 * Whole-page cache for public catalogue pages. Requests with cookies (a signed-in user) are never served from or
 * written to it. The key holds the data versions, today's date, the route's path and the query parameters the route
 * declares (nothing else), so any change, or midnight, makes a new key. Bounded by bytes (PAGE_CACHE_MB), least
 * recently used out first.
 */
export function registerPageCache(app: FastifyInstance, deps: AppDeps, front?: { door: FrontDoor; metrics: HttpMetrics }): void {
  const pages = new LRUCache<string, Cached>({
    max: MAX_PAGES,
    maxSize: deps.config.pageCacheBytes,
    sizeCalculation: (page) => Math.max(1, page.body.length + (page.br?.length ?? 0) + (page.gzip?.length ?? 0) + page.etag.length),
  });
  const { db } = deps.database;
  app.decorate('pageCacheSize', () => ({ entries: pages.size, bytes: pages.calculatedSize }));

  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return;
    const publicPage = req.routeOptions.config?.publicPage;
    if (!publicPage || req.headers.cookie) return;
    // Linked-data clients get a 303 to the RDF from service pages (content negotiation): never the cached HTML.
    if (RDF_ACCEPT.test(String(req.headers.accept ?? ''))) return;
    const domains: readonly DataDomain[] = publicPage === true ? ['catalogue'] : publicPage;
    const versions = await dataVersions(db, domains);
    const day = osloToday();
    const url = canonicalUrl(req);
    const key = `${versions.join('.')}|${day}|${url}`;
    // A stored page carries its ETag: a hit hashes nothing.
    const hit = pages.get(key);
    const etag = hit?.etag ?? `W/"${createHash('sha1').update(key).digest('base64url').slice(0, 20)}"`;
    req.pageCache = { key, etag, domains, versions, day, url };
    if (req.headers['if-none-match'] === etag) return reply.code(304).headers(cacheHeaders(etag)).send();
    if (hit) {
      cacheStats.pageHits += 1;
      const encoding = negotiateEncoding(req.headers['accept-encoding']);
      const body = encoding ? await encoded(key, hit, encoding) : hit.body;
      if (encoding) reply.header('content-encoding', encoding);
      return reply.headers(cacheHeaders(etag)).type('text/html; charset=utf-8').send(body);
    }
    cacheStats.pageMisses += 1;
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const cache = req.pageCache;
    // A page arrives as its string, or as its bytes (filled in from a template: src/web/slot.ts).
    if (!cache || reply.statusCode !== 200 || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload;
    reply.headers(cacheHeaders(cache.etag));
    let page = pages.get(cache.key);
    if (!page) {
      page = { etag: cache.etag, body: typeof payload === 'string' ? Buffer.from(payload) : payload };
      // A one-off page is sent, not stored, until its key comes again (src/db/admission.ts).
      if (!cache.oneOff || seenBefore(pages, cache.key)) pages.set(cache.key, page);
    }
    const encoding = negotiateEncoding(req.headers['accept-encoding']);
    // The stored bytes: sending the string would encode it to UTF-8 a second time.
    if (!encoding) return page.body;
    const body = await encoded(cache.key, page, encoding);
    reply.header('content-encoding', encoding).removeHeader('content-length');
    return body;
  });

  if (front) registerFrontDoor(app, deps, pages, front.door, front.metrics);

  /** The page in `encoding`, compressed now if no client asked for it before, and kept with the page. */
  async function encoded(key: string, page: Cached, encoding: Encoding): Promise<Buffer> {
    const stored = page[encoding];
    if (stored) return stored;
    const body = await compressBody(page.body, encoding);
    page[encoding] = body;
    // Set again so the cache counts the new bytes (when the entry is still there).
    if (pages.peek(key) === page) pages.set(key, page);
    return body;
  }
}

function cacheHeaders(etag: string): Record<string, string> {
  // no-cache: a browser or CDN may keep the page but asks again each time (a cheap 304 while the ETag holds), so a
  // published change to the catalogue shows on the next request (issue 12), not up to a minute later.
  return { etag, 'cache-control': 'public, no-cache', vary: 'Cookie, Accept, Accept-Encoding' };
}

/**
 * The front door: a stored page answered before Fastify sees the request. A hit through Fastify already costs no
 * render and no compression, but still its routing, hooks (request id, metrics, security headers, language, the
 * version check) and reply objects, which on two cores were about half of what serving the bytes costs (issue 16).
 * So after Fastify has answered a cacheable page once, the door remembers, by the exact URL, the key and the headers
 * it sent; a later anonymous GET of that URL is answered from the same stored page with the same headers, a new
 * request id and the same metrics, while the data versions (in memory: PGlite's feed, PostgreSQL's LISTEN/NOTIFY
 * feed) and the day still match. Anything else goes to Fastify as before: a cookie, a conditional request, RDF
 * content negotiation, a URL with parameters the route does not declare (Fastify canonicalises it), an encoding not
 * made yet, a domain without a fed version (PostgreSQL while its feed is down; the lagged statistics), a closing
 * server.
 */
function registerFrontDoor(app: FastifyInstance, deps: AppDeps, pages: LRUCache<string, Cached>, door: FrontDoor, metrics: HttpMetrics): void {
  const { db } = deps.database;
  const byUrl = new LRUCache<string, FrontEntry>({ max: MAX_PAGES });
  let closing = false;
  let answers = 0;
  app.decorate('frontDoorAnswers', () => answers);
  app.addHook('preClose', async () => {
    closing = true;
  });

  app.addHook('onResponse', async (req, reply) => {
    const cache = req.pageCache;
    if (!cache || req.method !== 'GET' || reply.statusCode !== 200) return;
    const { key, domains, versions, day, url } = cache;
    if (url !== req.raw.url || domains.includes('statistics') || !domains.length) return;
    // Only a stored page is worth remembering (a one-off page was sent, not stored).
    if (!pages.has(key)) return;
    const sent = reply.getHeaders();
    if (sent['set-cookie'] !== undefined) return;
    const headers: string[] = [];
    for (const [name, value] of Object.entries(sent)) {
      if (value === undefined || PER_RESPONSE.has(name)) continue;
      for (const v of Array.isArray(value) ? value : [value]) headers.push(name, String(v));
    }
    byUrl.set(url, { key, domains, versions, day, route: req.routeOptions.url ?? 'unmatched', headers });
  });

  door.serve = (req, res) => {
    if (req.method !== 'GET' || closing || req.headers.cookie !== undefined || req.headers['if-none-match'] !== undefined) return false;
    const entry = byUrl.get(req.url ?? '');
    if (!entry) return false;
    if (RDF_ACCEPT.test(String(req.headers.accept ?? ''))) return false;
    for (let i = 0; i < entry.domains.length; i++) if (fedVersion(db, entry.domains[i]!) !== entry.versions[i]) return false;
    if (entry.day !== osloToday()) return false;
    const page = pages.get(entry.key);
    if (!page) return false;
    const encoding = negotiateEncoding(req.headers['accept-encoding']);
    const body = encoding ? page[encoding] : page.body;
    if (!body) return false;
    const started = process.hrtime.bigint();
    cacheStats.pageHits += 1;
    answers += 1;
    const id = requestIdOf(req);
    const headers = [...entry.headers, REQUEST_ID_HEADER, id, 'content-length', String(body.length)];
    if (encoding) headers.push('content-encoding', encoding);
    res.writeHead(200, headers);
    res.end(body);
    metrics.observe('GET', entry.route, 200, Number(process.hrtime.bigint() - started) / 1e9);
    if (INFO_LEVELS.has(app.log.level)) app.log.info({ reqId: id, req: { method: 'GET', url: req.url ?? '', routeOptions: { url: entry.route } }, res: { statusCode: 200 }, frontDoor: true }, 'request completed');
    return true;
  };
}
