import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { DevProvider } from '../auth/devProvider.js';
import type { Config } from '../config.js';

/**
 * Every core in use: on PostgreSQL the portal runs WEB_CONCURRENCY worker processes (default: one per core) that
 * share the listening port (node:cluster hands connections round-robin). They share nothing in memory: each keeps
 * its own caches, kept coherent by the data versions PostgreSQL notifies (src/db/pgVersionFeed.ts); sessions, jobs
 * and secrets live in the database. The embedded engine (PGlite) is one process with the database inside it, so
 * it always runs one process, whatever WEB_CONCURRENCY says.
 */
export function webConcurrency(env: NodeJS.ProcessEnv, databaseUrl: string | undefined): number | string {
  if (!databaseUrl) return 1;
  const raw = env.WEB_CONCURRENCY?.trim();
  if (!raw) return availableParallelism();
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 256) return `WEB_CONCURRENCY must be a whole number from 1 to 256 (got "${raw}")`;
  return n;
}

/**
 * PostgreSQL connections one app node opens at most by default, over all its workers (besides their LISTEN ones):
 * 40 for the main pools and a few for the search pools.
 */
export const NODE_CONNECTIONS = 44;

/**
 * A worker's main pool when DATABASE_POOL_SIZE is not set: the node's NODE_CONNECTIONS divided among its workers, at
 * most 22 and at least 5, less the worker's search pool (`searchPoolPerWorker`): 20 for one or two workers, 10 for
 * 4, 4 for 8. A query holds its connection until the worker's event loop takes its answer, which under load is a
 * turn of 20–40 ms, not the query's own millisecond: bench:load's signed-in reads waited for connections at 10 per
 * worker (p99 335–620 ms at 200 clients) and met their target at 20 (18 left them at 225–232 ms, 20 at 199: stop 21).
 * Two nodes of two workers then open at most 88 + 4, under PostgreSQL's default max_connections of 100
 * (docs/deploy.md).
 */
export function poolSizePerWorker(workers: number): number {
  return Math.min(22, Math.max(5, Math.floor(NODE_CONNECTIONS / workers))) - searchPoolPerWorker(workers);
}

/**
 * A worker's search pool when DATABASE_SEARCH_POOL_SIZE is not set: 2 for one or two workers, else 1. The catalogue
 * search is one short statement; on a few connections kept busy PostgreSQL spends about a third of the CPU per search
 * it spends on connections woken one query at a time among forty (ADR 0016, stop 21).
 */
export function searchPoolPerWorker(workers: number): number {
  return workers <= 2 ? 2 : 1;
}

const OIDC_ENV = 'FT_WORKER_OIDC';

/** In a worker: the sign-in provider the primary set up (the development provider runs in the primary). */
export function workerOidc(): Config['oidc'] {
  const raw = process.env[OIDC_ENV];
  return raw ? (JSON.parse(raw) as Config['oidc']) : undefined;
}

/**
 * The primary: forks the workers, replaces one that dies, and on SIGTERM/SIGINT passes the signal on and waits for
 * every worker to drain (each shuts down gracefully, src/server/main.ts), then stops.
 */
export async function runPrimary(config: Config, count: number, devProvider?: DevProvider): Promise<void> {
  let stopping = false;
  let listening = 0;
  let port = config.port;
  const env = { [OIDC_ENV]: config.oidc ? JSON.stringify(config.oidc) : '' };
  const fork = (): Worker => {
    const worker = cluster.fork(env);
    worker.once('listening', (address) => {
      port = address.port;
      listening += 1;
      if (listening === count) {
        console.log(`Fellestjenester is running at http://${config.host}:${port}/ on PostgreSQL (DATABASE_URL) with ${count} worker processes.`);
      }
    });
    return worker;
  };
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(`Worker ${worker.process.pid} ended (${signal ?? code}); starting another.`);
    fork();
  });
  for (let i = 0; i < count; i++) fork();

  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    const exits = workers.map((w) => new Promise<number | null>((resolve) => (w.isDead() ? resolve(w.process.exitCode) : w.once('exit', (code) => resolve(code)))));
    for (const w of workers) w.process.kill(signal);
    const codes = await Promise.all(exits);
    await devProvider?.close();
    process.exit(codes.every((c) => c === 0) ? 0 : 1);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
