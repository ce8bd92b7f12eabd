import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from './database.js';
import { cacheStats } from './cacheStats.js';
import { fedVersion } from './versionFeed.js';

/**
 * Read models cached per app node, keyed on a data version. Triggers bump a row in `data_versions` whenever a table
 * of that domain changes (migration 0008; since 0028 once per transaction, at its commit, so concurrent writers do not
 * queue on the row for the length of their transactions): `catalogue` covers the catalogue,
 * agencies, the usage register and in-house areas; `acts` covers procurements and declarations; `procurements` the
 * procurements and their milestones only; `auth` sessions, users, roles and API clients (migration 0012). The bump is
 * part of the writer's transaction, so a reader never sees the new version before the new data — a cache entry
 * is at worst newer than its version, never older. Each read costs one tiny query (none on PGlite, whose versions
 * come from NOTIFY: src/db/versionFeed.ts); a change made through any
 * node is seen by every node on its next request. Concurrent callers share one computation. Use with the root
 * database handle, not inside a transaction.
 */
export type DataDomain = 'catalogue' | 'acts' | 'procurements' | 'auth' | 'statistics';

interface Generation {
  /** The versions of the generation's domains, in the order of its key. */
  versions: number[];
  entries: Map<string, Promise<unknown>>;
}

const MAX_ENTRIES = 5_000;
const caches = new WeakMap<object, Map<string, Generation>>();

const statisticsLag = new WeakMap<object, { lagMs: number; sample?: { version: number; at: number } }>();

/**
 * `statistics` is not a table domain but `acts` sampled at most every `lagMs`: aggregate statistics over the
 * declarations (the opt-out report and page) key on it, so a burst of declarations near a deadline recomputes them
 * once per lag, not once per declaration. They are at most `lagMs` behind; 0 keeps them exact.
 */
export function setStatisticsLag(db: object, lagMs: number): void {
  statisticsLag.set(db, { lagMs });
}

export async function dataVersion(db: Executor, domain: DataDomain): Promise<number> {
  if (domain === 'statistics') {
    const lag = statisticsLag.get(db);
    if (!lag?.lagMs) return dataVersion(db, 'acts');
    const now = Date.now();
    if (lag.sample && now - lag.sample.at < lag.lagMs) return lag.sample.version;
    const version = await dataVersion(db, 'acts');
    if (!lag.sample || version >= lag.sample.version) lag.sample = { version, at: now };
    return lag.sample.version;
  }
  const fed = fedVersion(db, domain);
  if (fed !== undefined) return fed;
  const [row] = await queryRows<{ version: number | string }>(db, sql`select version from data_versions where name = ${domain}`);
  return Number(row?.version ?? 0);
}

/** The versions of several domains, in their order (a cache key that depends on all of them). */
export function dataVersions(db: Executor, domains: readonly DataDomain[]): Promise<number[]> {
  return Promise.all(domains.map((d) => dataVersion(db, d)));
}

export function catalogueVersion(db: Executor): Promise<number> {
  return dataVersion(db, 'catalogue');
}

/**
 * `load()` once per key while the versions of `domains` stay the same (a read that depends on several domains names
 * them all: it is recomputed when any of them changes).
 */
export async function cachedRead<T>(db: Executor, key: string, load: () => Promise<T>, domains: DataDomain | DataDomain[] = 'catalogue'): Promise<T> {
  const names = Array.isArray(domains) ? domains : [domains];
  const versions = await dataVersions(db, names);
  let byDomains = caches.get(db);
  if (!byDomains) caches.set(db, (byDomains = new Map()));
  const genKey = names.join('+');
  let gen = byDomains.get(genKey);
  if (!gen || gen.versions.some((v, i) => v !== versions[i])) {
    // Newer versions replace the generation; older ones (a slow request) must not evict newer entries.
    if (gen && gen.versions.some((v, i) => v > versions[i]!)) return load();
    byDomains.set(genKey, (gen = { versions, entries: new Map() }));
  }
  const hit = gen.entries.get(key);
  if (hit) {
    cacheStats.readHits += 1;
    // Most recently used last, so the oldest is evicted first.
    gen.entries.delete(key);
    gen.entries.set(key, hit);
    return hit as Promise<T>;
  }
  cacheStats.readMisses += 1;
  // A query builder is a lazy thenable that runs its query each time it is awaited: the entry holds a real promise,
  // settled once (a cached `db.select()…` otherwise ran on every hit).
  const pending = Promise.resolve(load());
  gen.entries.set(key, pending);
  const entries = gen.entries;
  pending.catch(() => entries.delete(key));
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return pending;
}

/** In keys, a catalogue row (a service) stands for itself by its id. */
const byId = (_k: string, v: unknown) => (v && typeof v === 'object' && 'id' in v && 'slug' in v ? (v as { id: string }).id : v);

/** A read function `(db, ...args)` served from the cache, keyed by its name and its other arguments. */
export function cached<A extends unknown[], R>(
  name: string,
  fn: (db: Executor, ...args: A) => Promise<R>,
  domains: DataDomain | DataDomain[] = 'catalogue',
): (db: Executor, ...args: A) => Promise<R> {
  return (db, ...args) => cachedRead(db, `${name}:${JSON.stringify(args, byId)}`, () => fn(db, ...args), domains);
}

