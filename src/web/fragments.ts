import { LRUCache } from 'lru-cache';

/**
 * Markup of a part of a page, rendered once and reused across requests (issue 16): for a part that depends on nothing
 * but what its key names. A key names the language and the data version the part was read at, and the version must
 * be read before the data (as src/db/readCache.ts does), so the stored markup is never older than its key. An
 * uncached search page is kept here whole, as a template its query is filled into (src/web/slot.ts); a search page
 * rendered per request (signed in, or PAGE_TEMPLATES=false) takes its results and facets from here when another query
 * showed the same services and counts.
 *
 * One cache per database handle (a test process runs several, whose versions may coincide), bounded by size.
 */
const caches = new WeakMap<object, LRUCache<string, Fragment>>();

/** Markup, or something made from it that says its size in bytes (a page template: src/web/slot.ts). */
type Fragment = string | { bytes: number };

/** Hits and misses, for /metrics (per process, as the caches are). */
export const fragmentStats = { hits: 0, misses: 0 };
const MAX_BYTES = 16 * 1024 * 1024;

export function cachedFragment<T extends Fragment>(scope: object, key: string, render: () => T): T {
  let cache = caches.get(scope);
  if (!cache) caches.set(scope, (cache = new LRUCache<string, Fragment>({ maxSize: MAX_BYTES, sizeCalculation: (f, k) => Math.max(1, (typeof f === 'string' ? f.length * 2 : f.bytes) + k.length * 2) })));
  let made = cache.get(key) as T | undefined;
  if (made !== undefined) {
    fragmentStats.hits += 1;
    return made;
  }
  fragmentStats.misses += 1;
  cache.set(key, (made = render()));
  return made;
}
