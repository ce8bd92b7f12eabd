/**
 * A cache for the statistics, keyed on the data version. The figures are aggregates over the whole usage register
 * (hundreds of thousands of rows at national scale, and PGlite scans several times slower than a PostgreSQL
 * server), while the register changes a few times a day. Every statement that changes a table the statistics read
 * advances the sequence `stats_data_version` (migration 0003_stats_cache.sql); each lookup reads it (one cheap
 * query) and drops every cached figure once it has moved, so no figure is ever older than the data. Each app node
 * keeps its own cache; keys include the day, so figures "as of today" roll over at midnight.
 */
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/database.js';

export class StatsCache {
  private version: string | undefined;
  private readonly entries = new Map<string, Promise<unknown>>();

  constructor(
    private readonly db: Executor,
    private readonly maxEntries = 500,
  ) {}

  async dataVersion(): Promise<string> {
    const [r] = await queryRows<{ v: string; called: boolean }>(this.db, sql`select last_value::text as v, is_called as called from stats_data_version`);
    return `${r?.v}:${r?.called}`;
  }

  /** The cached value for `key`, computing it once per data version (concurrent callers share one computation). */
  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const v = await this.dataVersion();
    if (v !== this.version) {
      this.entries.clear();
      this.version = v;
    }
    const hit = this.entries.get(key);
    if (hit) {
      // Most recently used last, so the oldest is evicted first.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit as Promise<T>;
    }
    const p = compute();
    this.entries.set(key, p);
    p.catch(() => this.entries.delete(key));
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return p;
  }

  get size(): number {
    return this.entries.size;
  }
}

const caches = new WeakMap<object, StatsCache>();

export function statsCache(db: Executor): StatsCache {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = new StatsCache(db)));
  return c;
}

/** In keys, a catalogue row (a service) stands for itself by its id. */
const byId = (_k: string, v: unknown) => (v && typeof v === 'object' && 'id' in v && 'slug' in v ? (v as { id: string }).id : v);

/** A report function `(db, ...args)` served from the cache, keyed by its name and its other arguments. */
export function cached<A extends unknown[], R>(name: string, fn: (db: Executor, ...args: A) => Promise<R>): (db: Executor, ...args: A) => Promise<R> {
  return (db, ...args) => statsCache(db).get(`${name}:${JSON.stringify(args, byId)}`, () => fn(db, ...args));
}
