/**
 * The portal for a benchmark, in its own process (so the load generator does not share its event loop):
 * prints "READY <url>" when listening; SIGTERM stops it. DATABASE_URL selects PostgreSQL, else PGlite.
 */
import { writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Session } from 'node:inspector';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startBenchServer } from './server.js';

const server = await startBenchServer();
// BENCH_QUERY_STATS=1 (PGlite): time spent per SQL text, printed on SIGTERM, to see what a mix costs the database.
const queryStats = process.env.BENCH_QUERY_STATS ? countQueries(server.database.db) : undefined;
// BENCH_LOOP=1: the event loop's delay and the time each request spends in the server (from its headers to the end of
// its response, by method), printed on SIGTERM: how much of what a client measures is the server's queue.
const loopStats = process.env.BENCH_LOOP ? watchLoop(server.app.server) : undefined;

// BENCH_PROFILE=<file>: a V8 CPU profile of the server from READY to SIGTERM (open it in Chrome DevTools).
const profile = process.env.BENCH_PROFILE ? await startProfile() : undefined;
console.log(`READY ${server.url} ${server.engine}`);
const stop = async () => {
  if (queryStats) queryStats();
  if (loopStats) await loopStats();
  if (profile) writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify(await profile()));
  await server.close();
  process.exit(0);
};

async function startProfile(): Promise<() => Promise<unknown>> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) => new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return async () => ((await post('Profiler.stop')) as { profile: unknown }).profile;
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());

function countQueries(db: unknown): () => void {
  const client = (db as { $client: Record<string, (...a: unknown[]) => Promise<unknown>> }).$client;
  const byText = new Map<string, { n: number; ms: number }>();
  for (const method of ['query', 'exec']) {
    const original = client[method]!.bind(client);
    client[method] = async (...args: unknown[]) => {
      const t0 = performance.now();
      try {
        return await original(...args);
      } finally {
        const k = String(args[0]).replace(/\s+/g, ' ').slice(0, 110);
        const e = byText.get(k) ?? { n: 0, ms: 0 };
        e.n += 1;
        e.ms += performance.now() - t0;
        byText.set(k, e);
      }
    };
  }
  return () => {
    console.error('\nQueries by total time (ms, wall clock incl. waiting for the engine):');
    for (const [k, e] of [...byText].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) console.error(`${e.ms.toFixed(0).padStart(8)} ${String(e.n).padStart(7)}×  ${k}`);
  };
}

function watchLoop(http: { on(event: 'request', fn: (req: IncomingMessage, res: ServerResponse) => void): unknown }): () => Promise<void> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const times = new Map<string, number[]>();
  http.on('request', (req, res) => {
    const t0 = performance.now();
    res.once('finish', () => {
      const k = req.method ?? '?';
      const list = times.get(k) ?? [];
      list.push(performance.now() - t0);
      times.set(k, list);
    });
  });
  return async () => {
    // Loaded at the report, so the measured server does not carry the load generator's module.
    const { latencyFigures } = await import('./http.js');
    const ms = (ns: number) => (ns / 1e6).toFixed(1);
    console.error(`\nEvent loop delay (ms): p50 ${ms(delay.percentile(50))}, p99 ${ms(delay.percentile(99))}, max ${ms(delay.max)}`);
    for (const [method, list] of times) {
      const { p50, p99 } = latencyFigures(list);
      console.error(`In the server, ${method} (${list.length}): p50 ${p50.toFixed(1)}, p99 ${p99.toFixed(1)} ms`);
    }
  };
}
