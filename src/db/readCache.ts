import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from './database.js';

/**
 * Read models cached per app node, keyed on `catalogue_version` (bumped by triggers whenever the catalogue or
 * the usage register changes). Each read costs one tiny query; a change made through any node is seen by every
 * node on its next request. Use with the root database handle, not inside a transaction.
 */
interface Entry {
  version: number;
  values: Map<string, unknown>;
}

const caches = new WeakMap<object, Entry>();
const MAX_ENTRIES = 5_000;

export async function catalogueVersion(db: Executor): Promise<number> {
  const [row] = await queryRows<{ version: number | string }>(db, sql`select version from catalogue_version where id = 1`);
  return Number(row?.version ?? 0);
}

export async function cachedRead<T>(db: Executor, key: string, load: () => Promise<T>): Promise<T> {
  const version = await catalogueVersion(db);
  let entry = caches.get(db);
  if (!entry || entry.version !== version) {
    entry = { version, values: new Map() };
    caches.set(db, entry);
  }
  if (entry.values.has(key)) return entry.values.get(key) as T;
  const value = await load();
  if (entry.values.size >= MAX_ENTRIES) entry.values.clear();
  // Only keep it if nothing changed meanwhile (another request may have moved the entry on).
  if (caches.get(db) === entry) entry.values.set(key, value);
  return value;
}

/** Today's date in Oslo: part of cache keys for anything that depends on "active today". */
export function osloToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date());
}
