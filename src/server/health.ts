import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { queryRows, sql, type DatabaseHandle } from '../db/database.js';
import { migrationsDir } from '../paths.js';
import type { Admission } from './admission.js';
import { OVERLOAD_RETRY_AFTER } from './admission.js';
import { databaseFault, RETRY_AFTER } from './dbErrors.js';

/**
 * Liveness and readiness for the load balancer and the orchestrator (plain JSON, no session, no cache, not in the
 * OpenAPI document):
 * - `GET /healthz`: the process answers. Never touches the database, so a database outage does not get the app
 *   restarted (it recovers by itself when the database is back).
 * - `GET /readyz`: the database answers within READY_TIMEOUT_MS and every migration in this build is applied;
 *   otherwise 503 with Retry-After, so traffic goes to another node. Also 503 while the node is overloaded (its
 *   admission queue full or slow, src/server/admission.ts), with `overloaded: true`. While shutting down Fastify
 *   itself answers 503.
 */
export const READY_TIMEOUT_MS = 2000;

/** The newest migration this build carries (drizzle's journal): `when` is what the migrator stores as created_at. */
export function expectedMigrations(): { count: number; latest: number } {
  const journal = JSON.parse(readFileSync(join(migrationsDir, 'meta/_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return { count: journal.entries.length, latest: Math.max(0, ...journal.entries.map((e) => e.when)) };
}

export interface Readiness {
  ready: boolean;
  database: 'ok' | 'unavailable' | 'disk_full' | 'error';
  migrations: { applied: number; expected: number; upToDate: boolean } | undefined;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`no answer from the database in ${ms} ms`), { code: 'ETIMEDOUT' })), ms);
    }),
  ]);
}

export async function checkReadiness(database: DatabaseHandle, timeoutMs = READY_TIMEOUT_MS): Promise<Readiness> {
  const expected = expectedMigrations();
  try {
    const rows = await withTimeout(
      (async () => {
        await database.ping();
        const exists = await queryRows<{ t: string | null }>(database.db, sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`);
        if (!exists[0]?.t) return [{ applied: 0, latest: 0 }];
        return queryRows<{ applied: number; latest: number }>(
          database.db,
          sql`select count(*)::int as applied, coalesce(max(created_at), 0)::float8 as latest from drizzle.__drizzle_migrations`,
        );
      })(),
      timeoutMs,
    );
    const { applied, latest } = rows[0]!;
    const upToDate = Number(latest) >= expected.latest;
    return { ready: upToDate, database: 'ok', migrations: { applied: Number(applied), expected: expected.count, upToDate } };
  } catch (e) {
    return { ready: false, database: databaseFault(e) ?? 'error', migrations: undefined };
  }
}

export function registerHealth(app: FastifyInstance, database: DatabaseHandle, admission?: Admission): void {
  const noStore = { 'cache-control': 'no-store' };
  app.get('/healthz', { schema: { hide: true } }, async (_req, reply) => reply.headers(noStore).send({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (req, reply) => {
    if (admission?.overloaded()) {
      const load = admission.state();
      req.log.warn({ load }, 'not ready: overloaded');
      return reply
        .code(503)
        .headers({ ...noStore, 'retry-after': String(OVERLOAD_RETRY_AFTER) })
        .send({ status: 'overloaded', ready: false, overloaded: true, requests: { active: load.active, waiting: load.waiting, limit: load.limit } });
    }
    const r = await checkReadiness(database);
    if (!r.ready) {
      req.log.warn({ readiness: r }, 'not ready');
      return reply
        .code(503)
        .headers({ ...noStore, 'retry-after': String(RETRY_AFTER[r.database === 'disk_full' ? 'disk_full' : 'unavailable']) })
        .send({ status: 'unavailable', ...r });
    }
    return reply.headers(noStore).send({ status: 'ready', ...r });
  });
}
