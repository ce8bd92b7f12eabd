import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { migrationsDir } from '../paths.js';
import { loadPgliteFiles } from './pgliteFiles.js';
import * as schema from './schema/index.js';
import { committingTransaction } from './pgTransaction.js';
import { type PgVersionFeed, startPgVersionFeed } from './pgVersionFeed.js';
import { attachVersionFeed, detachVersionFeed, recordVersion } from './versionFeed.js';
import { noteStatement } from './writeTracking.js';

export type Schema = typeof schema;
/** The one database type the application sees, whichever engine is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself: commands accept either, so they compose inside one transaction. */
export type Executor = Pick<Database, 'select' | 'insert' | 'update' | 'delete' | 'execute' | 'transaction' | 'query' | 'selectDistinct'>;

export type Engine = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Database;
  engine: Engine;
  /** Applies pending migrations. Safe to call from several app nodes at once (advisory lock on PostgreSQL). */
  migrate(): Promise<void>;
  /** Cheap round trip, for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** PostgreSQL only: the pool's connections (for /metrics). */
  poolStats?(): { total: number; idle: number; waiting: number };
  /** PGlite only: the whole data directory as a tarball (test templates, backups). */
  dumpDataDir?(): Promise<Blob>;
  /** PostgreSQL with `versionFeed`: reads the data versions now, after this process wrote (src/db/pgVersionFeed.ts). */
  syncVersions?(): Promise<void>;
  /** PostgreSQL with `versionFeed`: the feed while it runs (tests hold its notifications back). */
  versionFeed?(): PgVersionFeed | undefined;
}

export interface OpenDatabaseOptions {
  /** postgres://… for a server; otherwise PGlite. */
  url?: string;
  /** PGlite data directory; omitted means in memory. Ignored when `url` is given. */
  dataDir?: string;
  /** PGlite: start from a dumped data dir (tests clone a migrated template this way). */
  loadDataDir?: Blob;
  /** PostgreSQL pool size per app node. */
  poolSize?: number;
  /** PostgreSQL: a second pool of this many connections for the catalogue search alone (`forSearch`); 0 or unset: none. */
  searchPoolSize?: number;
  /** PostgreSQL: give up connecting after this long (the request then gets a 503), default 5000 ms. */
  connectTimeoutMs?: number;
  /**
   * PostgreSQL: keep the data versions in memory from LISTEN/NOTIFY (src/db/pgVersionFeed.ts) once the tables exist,
   * instead of reading a row per cache check. The app server turns it on; scripts and tests read the rows.
   */
  versionFeed?: boolean;
}

/** PGlite's buffer pool (see openDatabase). */
export const PGLITE_SHARED_BUFFERS = '32MB';

const MIGRATION_LOCK = 7_346_221_019; // arbitrary, constant: one advisory lock id for migrations

/** The search pool's connections name themselves so (pg_stat_activity), for operators and the test. */
export const SEARCH_APPLICATION_NAME = 'fellestjenester search';

const searchExecutors = new WeakMap<object, Executor>();

/**
 * Where the catalogue search runs: the database's search pool when it has one (PostgreSQL), else `db` itself (PGlite,
 * or a transaction). The search is one short read-only statement that every catalogue page may make; on its own few
 * connections, kept busy, PostgreSQL spent about a third of the CPU per search it spent on the main pool's forty,
 * woken one query at a time (ADR 0016, stop 21).
 */
export function forSearch(db: Executor): Executor {
  return searchExecutors.get(db) ?? db;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const openPool = (max: number, applicationName?: string) => {
      const p = new pg.Pool({ connectionString: options.url, max, connectionTimeoutMillis: options.connectTimeoutMs ?? 5000, application_name: applicationName });
      // A dropped idle connection must not crash the process; the pool replaces it on next use.
      p.on('error', () => {});
      return p;
    };
    const pool = openPool(options.poolSize ?? 10);
    const db = drizzleNodePg(pool, { schema, casing: 'snake_case' }) as unknown as Database;
    const searchPool = options.searchPoolSize ? openPool(options.searchPoolSize, SEARCH_APPLICATION_NAME) : undefined;
    if (searchPool) searchExecutors.set(db, drizzleNodePg(searchPool, { schema, casing: 'snake_case' }) as unknown as Database);
    let feed: PgVersionFeed | undefined;
    const startFeed = async () => {
      if (!options.versionFeed || feed) return;
      const { rows } = await pool.query<{ t: string | null }>(`select to_regclass('data_versions')::text as t`);
      if (rows[0]?.t) feed = await startPgVersionFeed(db, options.url!);
    };
    await startFeed();
    if (options.versionFeed) {
      // A committed transaction's versions are read in its COMMIT's round trip, before its caller goes on, so a handler
      // that writes and then reads through the cache (a PUT answering with the row it made) sees its own write, not
      // the generation from before it, whose notification may still be on its way (bench:load: a 500 when the new row
      // was not there). A statement outside a transaction is noted for src/server/versionSync.ts, which reads the
      // versions before answering a request that made one.
      db.transaction = committingTransaction(pool, db, () => feed);
      const query = pool.query.bind(pool);
      pool.query = ((...args: Parameters<typeof query>) => {
        const [statement] = args as unknown as [string | { text?: string }];
        noteStatement(typeof statement === 'string' ? statement : (statement?.text ?? ''));
        return query(...args);
      }) as typeof pool.query;
    }
    return {
      db,
      engine: 'postgres',
      versionFeed: () => feed,
      syncVersions: options.versionFeed ? async () => feed?.sync() : undefined,
      async migrate() {
        const client = await pool.connect();
        try {
          await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
          try {
            await migrateNodePg(drizzleNodePg(client, { schema, casing: 'snake_case' }), { migrationsFolder: migrationsDir });
          } finally {
            await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
          }
        } finally {
          client.release();
        }
        await startFeed();
      },
      async ping() {
        await pool.query('SELECT 1');
      },
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      async close() {
        await feed?.close();
        await Promise.all([pool.end(), searchPool?.end()]);
      },
    };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const { wasmModule, fsBundle } = await loadPgliteFiles();
  const client = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    extensions: { pg_trgm },
    pgliteWasmModule: wasmModule,
    fsBundle,
    // PostgreSQL's default of 128 MB is zeroed at every start, inside WebAssembly: ~0.5–0.9 s of a start (issue 16).
    // 32 MB holds the demo data whole (~30 MB with its indexes and the catalogue); what does not fit is read from
    // the files again, through the operating system's cache.
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
  });
  const db = drizzlePglite(client, { schema, casing: 'snake_case' }) as unknown as Database;
  const versions = new Map<string, number>();
  let listening = false;
  // The in-memory data versions (src/db/versionFeed.ts): once the table exists, listen first, then read every row,
  // so no bump can fall between the two.
  const feedVersions = async () => {
    const [table] = (await client.query<{ t: string | null }>(`select to_regclass('data_versions')::text as t`)).rows;
    if (!table?.t) return;
    if (!listening) {
      await client.listen('data_versions', (payload) => {
        const [name, version] = payload.split(' ');
        if (name) recordVersion(versions, name, Number(version));
      });
      listening = true;
    }
    for (const r of (await client.query<{ name: string; version: number | string }>('select name, version from data_versions')).rows) recordVersion(versions, r.name, Number(r.version));
    attachVersionFeed(db, versions);
  };
  await feedVersions();
  return {
    db,
    engine: 'pglite',
    async migrate() {
      await migratePglite(drizzlePglite(client, { schema, casing: 'snake_case' }), { migrationsFolder: migrationsDir });
      await feedVersions();
    },
    async ping() {
      await client.query('SELECT 1');
    },
    async close() {
      detachVersionFeed(db);
      if (!client.closed) await client.close();
    },
    async dumpDataDir() {
      return client.dumpDataDir('none');
    },
  };
}

/** Rows of a raw SQL query, the same shape on both engines. */
export async function queryRows<T extends Record<string, unknown>>(db: Pick<Database, 'execute'>, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export { sql };
