import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { cacheStats } from '../db/cacheStats.js';
import { type DataDomain, dataVersions } from '../db/readCache.js';
import { osloToday } from '../domain/osloTime.js';
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
    pageCache?: { key: string; etag: string };
  }
}

interface Cached {
  etag: string;
  body: string;
}


const MAX_PAGES = 2_000;
const RDF_ACCEPT = /text\/turtle|application\/(ld\+json|rdf\+xml|n-triples|n-quads|trig)/;

/**
 * Whole-page cache for public catalogue pages. Requests with cookies (a signed-in user) are never served from or
 * written to it. The key holds the catalogue version and today's date, so any change, or midnight, makes a new key.
 */
export function registerPageCache(app: FastifyInstance, deps: AppDeps): void {
  const pages = new Map<string, Cached>();
  const { db } = deps.database;

  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return;
    const publicPage = req.routeOptions.config?.publicPage;
    if (!publicPage || req.headers.cookie) return;
    // Linked-data clients get a 303 to the RDF from service pages (content negotiation): never the cached HTML.
    if (RDF_ACCEPT.test(String(req.headers.accept ?? ''))) return;
    const version = (await dataVersions(db, publicPage === true ? ['catalogue'] : publicPage)).join('.');
    const key = `${version}|${osloToday()}|${req.url}`;
    const etag = `W/"${createHash('sha1').update(key).digest('base64url').slice(0, 20)}"`;
    req.pageCache = { key, etag };
    if (req.headers['if-none-match'] === etag) return reply.code(304).headers(cacheHeaders(etag)).send();
    const hit = pages.get(key);
    if (hit) {
      cacheStats.pageHits += 1;
      // Refresh its place in the insertion order (a simple LRU).
      pages.delete(key);
      pages.set(key, hit);
      return reply.headers(cacheHeaders(etag)).type('text/html; charset=utf-8').send(hit.body);
    }
    cacheStats.pageMisses += 1;
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const cache = req.pageCache;
    if (!cache || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    reply.headers(cacheHeaders(cache.etag));
    if (!pages.has(cache.key)) {
      if (pages.size >= MAX_PAGES) pages.delete(pages.keys().next().value!);
      pages.set(cache.key, { etag: cache.etag, body: payload });
    }
    return payload;
  });
}

function cacheHeaders(etag: string): Record<string, string> {
  return { etag, 'cache-control': 'public, max-age=60, stale-while-revalidate=300', vary: 'Cookie, Accept' };
}
