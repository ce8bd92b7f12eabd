import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { loadDemoDataIfEmpty } from '../../src/db/seed/demo.js';
import { buildApp } from '../../src/server/app.js';
import type { App } from '../../src/server/types.js';
import { projectRoot } from '../../src/paths.js';
import { freePort } from './ports.js';

export interface BenchServer {
  url: string;
  engine: 'pglite' | 'postgres';
  app: App;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/** The production configuration for a benchmark's portal. */
export function benchConfig() {
  // Production requires an identity provider; the benchmarks never sign in, so a placeholder that is never contacted.
  return loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'https://localhost',
    SESSION_SECRET: 'bench-'.repeat(8),
    OIDC_ISSUER: 'https://idp.invalid',
    OIDC_CLIENT_ID: 'bench',
    OIDC_CLIENT_SECRET: 'bench',
  });
}

/**
 * The real portal for a benchmark: PGlite in a temporary data dir, or the PostgreSQL server in DATABASE_URL;
 * migrated, with the demo dataset unless `prepare` loads something else.
 */
export async function startBenchServer(prepare?: (db: DatabaseHandle) => Promise<void>): Promise<BenchServer> {
  const url = process.env.DATABASE_URL;
  const dir = url ? undefined : mkdtempSync(join(tmpdir(), 'ft-bench-'));
  // As the portal runs (src/server/main.ts): on PostgreSQL the data versions come from LISTEN/NOTIFY, so a cache check
  // costs no query (without it every cached page read a data_versions row: a round trip per request the portal does
  // not make).
  const database = await openDatabase(url ? { url, poolSize: 20, versionFeed: true } : { dataDir: dir });
  await database.migrate();
  if (prepare) await prepare(database);
  else await loadDemoDataIfEmpty(database.db);
  const app = await buildApp({ config: benchConfig(), database }, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    engine: database.engine,
    app,
    database,
    async close() {
      await app.close();
      await database.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function machineCaveat(): string {
  return 'Figures from one run on this machine (2 cores shared by the server process and the load generator, loopback); compare runs on the same machine only.';
}

export interface ChildServer {
  url: string;
  engine: string;
  pid: number;
  /** Resident memory of the server process in MB (from /proc). */
  rssMb(): number;
  /** CPU time the server process has used so far, in seconds (user + system, from /proc). */
  cpuSeconds(): number;
  close(): Promise<void>;
}

/** Starts bench/support/serve.js (compiled) as a child process and waits until it listens. */
export async function startServerProcess(env: NodeJS.ProcessEnv = {}): Promise<ChildServer> {
  const script = fileURLToPath(new URL('./serve.js', import.meta.url));
  const child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const out = await printed(child, /READY (\S+) (\S+)/);
  const [, url, engine] = /READY (\S+) (\S+)/.exec(out)!;
  return childServer(child, url!, engine!);
}

/**
 * `npm start`'s program (dist/src/server/main.js) in production mode, in its own process, with placeholders for what
 * production requires: on PostgreSQL (DATABASE_URL) the primary forks WEB_CONCURRENCY workers (default: one per core),
 * as the portal runs there; on PGlite one process with its data in `dataDir`. Its CPU and memory figures add up the
 * primary and its workers.
 */
export async function startPortalProcess(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<ChildServer & { startedMs: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(projectRoot, 'dist/src/server/main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      SEED_DEMO: 'true',
      PUBLIC_URL: 'https://localhost',
      SESSION_SECRET: 'bench-'.repeat(8),
      OIDC_ISSUER: 'https://idp.invalid',
      OIDC_CLIENT_ID: 'bench',
      OIDC_CLIENT_SECRET: 'bench',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await printed(child, /running at/);
  const url = `http://127.0.0.1:${port}`;
  await fetch(`${url}/`).then((r) => r.text());
  const server = childServer(child, url, (env.DATABASE_URL ?? process.env.DATABASE_URL) ? 'postgres' : 'pglite');
  return { ...server, startedMs: performance.now() - t0 };
}

/**
 * Waits until the child has printed `ready` on its stdout; what it printed so far. What it prints after that (its
 * warnings and errors: LOG_LEVEL=warn) goes to this process's stderr, so a failed request's cause shows in the run.
 */
function printed(child: ChildProcess, ready: RegExp): Promise<string> {
  let out = '';
  return new Promise<string>((resolve, reject) => {
    const listen = (d: Buffer) => {
      out += d.toString();
      if (!ready.test(out)) return;
      child.stdout!.off('data', listen);
      child.stdout!.pipe(process.stderr);
      resolve(out);
    };
    child.stdout!.on('data', listen);
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}: ${out}`)));
  });
}

/** The process and its descendants (a cluster's workers), from each of its threads' /proc children list. */
function processTree(pid: number): number[] {
  const all = [pid];
  const readdir = (path: string) => {
    try {
      return readdirSync(path);
    } catch {
      return []; // a process that ended meanwhile
    }
  };
  for (let i = 0; i < all.length; i++) {
    for (const t of readdir(`/proc/${all[i]}/task`)) {
      try {
        all.push(...readFileSync(`/proc/${all[i]}/task/${t}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
      } catch {
        // a thread that ended meanwhile
      }
    }
  }
  return all;
}

function childServer(child: ChildProcess, url: string, engine: string): ChildServer {
  const sum = (read: (pid: number) => number) =>
    processTree(child.pid!).reduce((n, pid) => {
      try {
        return n + read(pid);
      } catch {
        return n; // a worker that ended between the listing and the read
      }
    }, 0);
  return {
    url,
    engine,
    pid: child.pid!,
    cpuSeconds: () =>
      sum((pid) => {
        // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name): utime and stime in clock ticks (100/s).
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return (Number(fields[11]) + Number(fields[12])) / 100;
      }),
    rssMb: () => sum((pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export { freePort } from './ports.js';
