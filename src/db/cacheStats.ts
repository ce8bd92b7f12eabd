/** Cache hit and miss counters for /metrics (per process; the caches themselves are per process too). */
export const cacheStats = { pageHits: 0, pageMisses: 0, readHits: 0, readMisses: 0 };
