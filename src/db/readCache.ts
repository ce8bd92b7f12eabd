import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from './database.js';
import { cacheStats } from './cacheStats.js';
import { fedVersion } from './versionFeed.js';

/**
 * Read models cached per app node, keyed on a data version. Statement-level triggers bump a row in
 * `data_versions` whenever a table of that domain changes (migration 0008): `catalogue` covers the catalogue,
 * agencies, the usage register and in-house areas; `acts` covers procurements and declarations; `procurements` the
 * procurements and their milestones only; `auth` sessions, users, roles and API clients (migration 0012). The bump is
 * part of the writer's transaction, so a reader never sees the new version before the new data — a cache entry
 * is at worst newer than its version, never older. Each read costs one tiny query (none on PGlite, whose versions
 * come from NOTIFY: src/db/versionFeed.ts); a change made through any
 * node is seen by every node on its next request. Concurrent callers share one computation. Use with the root
 * database handle, not inside a transaction.
 */
export type DataDomain = 'catalogue' | 'acts' | 'procurements' | 'auth';

interface Generation {
  version: number;
  entries: Map<string, Promise<unknown>>;
}

const MAX_ENTRIES = 5_000;
const caches = new WeakMap<object, Map<DataDomain, Generation>>();

export async function dataVersion(db: Executor, domain: DataDomain): Promise<number> {
  const fed = fedVersion(db, domain);
  if (fed !== undefined) return fed;
  const [row] = await queryRows<{ version: number | string }>(db, sql`select version from data_versions where name = ${domain}`);
  return Number(row?.version ?? 0);
}

export function catalogueVersion(db: Executor): Promise<number> {
  return dataVersion(db, 'catalogue');
}

export async function cachedRead<T>(db: Executor, key: string, load: () => Promise<T>, domain: DataDomain = 'catalogue'): Promise<T> {
  const version = await dataVersion(db, domain);
  let byDomain = caches.get(db);
  if (!byDomain) caches.set(db, (byDomain = new Map()));
  let gen = byDomain.get(domain);
  if (!gen || gen.version !== version) {
    // A newer version replaces the generation; an older one (a slow request) must not evict newer entries.
    if (gen && gen.version > version) return load();
    byDomain.set(domain, (gen = { version, entries: new Map() }));
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
  const pending = load();
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
  domain: DataDomain = 'catalogue',
): (db: Executor, ...args: A) => Promise<R> {
  return (db, ...args) => cachedRead(db, `${name}:${JSON.stringify(args, byId)}`, () => fn(db, ...args), domain);
}

/** Today's date in Oslo: part of cache keys for anything that depends on "active today". */
export function osloToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date());
}
