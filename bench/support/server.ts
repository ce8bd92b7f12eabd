import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { loadDemoDataIfEmpty } from '../../src/db/seed/demo.js';
import { buildApp } from '../../src/server/app.js';
import type { App } from '../../src/server/types.js';

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
  /** What the server printed on its FIXTURES line (BENCH_FIXTURES), if anything. */
  fixtures: unknown;
  pid: number;
  /** Resident memory of the server process in MB (from /proc). */
  rssMb(): number;
  /** CPU time the server process has used so far, in seconds (user + system, from /proc). */
  cpuSeconds(): number;
  close(): Promise<void>;
}

/** Starts bench/support/serve.js (compiled) as a child process and waits until it listens. */
export async function startServerProcess(env: NodeJS.ProcessEnv = {}): Promise<ChildServer> {
  const { spawn } = await import('node:child_process');
  const { readFileSync } = await import('node:fs');
  const { fileURLToPath } = await import('node:url');
  const script = fileURLToPath(new URL('./serve.js', import.meta.url));
  const child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const [url, engine] = await new Promise<[string, string]>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /READY (\S+) (\S+)/.exec(out);
      if (m) resolve([m[1]!, m[2]!]);
    });
    child.on('exit', (code) => reject(new Error(`bench server exited with ${code}: ${out}`)));
  });
  const fixtureLine = /^FIXTURES (.*)$/m.exec(out);
  return {
    url,
    engine,
    fixtures: fixtureLine ? JSON.parse(fixtureLine[1]!) : undefined,
    pid: child.pid!,
    cpuSeconds() {
      // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name): utime and stime in clock ticks (100/s).
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    rssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
      return kb / 1024;
    },
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export { freePort } from './ports.js';
