/**
 * Benchmark (issue 7): the portal under a realistic mix — catalogue search, service and provider pages, statistics,
 * signed-in declaration reads (the agency's own, the provider's overview of ~180 opt-outs) and writes (agency
 * editors changing their opt-out, with real sessions and CSRF tokens) — all at once, for each engine; then the
 * catalogue page against nginx serving the same HTML from a file, in the same run.
 *
 * 200 clients (CONNECTIONS) share the mix. Each engine gets these stages, one after the other on the same server:
 *   1. paced: every client pauses between its requests (think time, exponential with mean THINK_MS, default 1000 ms:
 *      a person reading pages asks for one every 10–30 s, so a paced client stands for ten or more people). This is
 *      the stage the targets apply to.
 *   2. faster paces (KNEE_THINK_MS, default "500,250"): where the targets stop holding, reported, not judged.
 *   3. unpaced (autocannon, every client sends its next request the moment the previous one is answered): the
 *      saturation throughput, reported, not judged. 200 such clients with p99 < 200 ms would need more than
 *      1,000 req/s of this mix from one process, whose signed-in requests render whole pages and whose writes are
 *      audited transactions; on 2 cores shared with the load generator that is not there (closing note, issue 7).
 *
 *   npm run bench:load                                   # PGlite, and PostgreSQL too when DATABASE_URL is set
 *   DATABASE_URL=postgres://…/throwaway npm run bench:load
 * Env: DURATION (s per stage, default 60), CONNECTIONS (default 200), THINK_MS (default 1000), KNEE_THINK_MS
 * ("500,250"; "" for none), UNPACED (1; 0 skips it), PACED (1; 0 skips the paced stage, to look into the others),
 * NGINX_DURATION (s, default 10), ENGINES (pglite,postgres), CLASSES (comma-separated label prefixes, e.g.
 * "statistics,signed-in reads": only those classes, to look into one).
 *
 * Exits 1 when, in the paced stage, a request failed (an error, a timeout or a status other than 2xx/3xx) or a read
 * class's p99 is at or over READ_P99_MS (default 200): the targets of issue 7. The server is `npm start`'s program in
 * its own processes on loopback (NODE_ENV=production; on PostgreSQL WEB_CONCURRENCY workers, default one per core, as
 * in production); the load generator shares the machine's cores with it. DATABASE_URL must name a new, empty
 * database: the fixtures' writers are agencies without a declaration yet. To profile the server, pass
 * NODE_OPTIONS=--cpu-prof (each process writes its profile when it ends).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import { runPacedClients } from './support/clients.js';
import { latencyFigures, load, mergeStatuses, printTable, type LoadResult, tallied } from './support/http.js';
import { openDatabase } from '../src/db/database.js';
import { loadDemoDataIfEmpty } from '../src/db/seed/demo.js';
import { type LoadFixtures, prepareLoadFixtures } from './support/loadFixtures.js';
import { startNginx } from './support/nginx.js';
import { type ChildServer, machineCaveat, startPortalProcess } from './support/server.js';

const duration = Number(process.env.DURATION ?? 60);
const thinkMs = Number(process.env.THINK_MS ?? 1000);
const kneeThinkMs = (process.env.KNEE_THINK_MS ?? '500,250').split(',').filter((s) => s.trim()).map(Number);
const unpaced = process.env.UNPACED !== '0';
const paced = process.env.PACED !== '0';
const connections = Number(process.env.CONNECTIONS ?? 200);
const nginxDuration = Number(process.env.NGINX_DURATION ?? 10);
const readP99 = Number(process.env.READ_P99_MS ?? 200);
/** Agency editors who write: the write class's share (10 %) of the clients. */
const writers = Math.max(1, Math.round(connections * 0.1));
/**
 * The unpaced stage's ramp (ms): every client connects and sends at the same instant when it starts; the latencies of
 * requests sent in these first milliseconds are reported apart (RAMP_MS; 0 counts them with the rest).
 */
const rampMs = Number(process.env.RAMP_MS ?? 2000);
const only = process.env.CLASSES?.split(',').map((s) => s.trim());
const engines = (process.env.ENGINES ?? (process.env.DATABASE_URL ? 'pglite,postgres' : 'pglite')).split(',').map((s) => s.trim());

interface ClassSpec {
  label: string;
  kind: 'read' | 'write';
  share: number;
  /** One or more autocannon runs (each with its own headers): their responses make up the class. */
  runs: { requests: autocannon.Request[]; headers?: Record<string, string>; connections?: number }[];
}

function mix(f: LoadFixtures): ClassSpec[] {
  const p = f.procurementId;
  const writer = f.agencies;
  const get = (path: string): autocannon.Request => ({ method: 'GET', path });
  return [
    {
      label: 'catalogue search',
      kind: 'read',
      share: 0.3,
      runs: [{ requests: ['/api/v1/services?q=l%C3%B8nn', '/tjenester?q=regnskap', '/api/v1/services?area=lonn&model=central', '/tjenester', '/api/v1/services?q=regnskp', '/en/tjenester?q=archive'].map(get) }],
    },
    {
      label: 'service and provider pages',
      kind: 'read',
      share: 0.25,
      runs: [{ requests: [...f.serviceSlugs.map((s) => `/tjenester/${s}`), ...f.providerSlugs.map((s) => `/leverandorer/${s}`), `/api/v1/services/${f.serviceSlugs[0]}`].map(get) }],
    },
    {
      label: 'statistics',
      kind: 'read',
      share: 0.15,
      runs: [{ requests: ['/statistikk', '/statistikk/dekning', '/statistikk/fravalg', '/api/v1/stats/coverage', '/api/v1/stats/optouts', '/api/v1/stats/adoption'].map(get) }],
    },
    {
      label: 'signed-in reads',
      kind: 'read',
      share: 0.2,
      runs: [
        { headers: { cookie: f.provider.cookie }, requests: [`/anskaffelser/${p}/erklaeringer`, `/anskaffelser/${p}/erklaeringer?page=3`, `/api/v1/procurements/${p}/declarations`].map(get) },
        ...writer.slice(0, 5).map((a) => ({ headers: { cookie: a.cookie }, connections: 2, requests: [`/api/v1/procurements/${p}/declarations`, '/min-side', `/anskaffelser/${p}/erklaering?virksomhet=${a.orgnr}`].map(get) })),
      ],
    },
    {
      label: 'signed-in writes (PUT declaration)',
      kind: 'write',
      share: 0.1,
      // One connection per agency editor, as many editors as the class's share of the clients (20 of 200, 5 of 50):
      // each changes its own opt-out back and forth, so every PUT writes.
      runs: writer.slice(0, writers).map((a) => ({
        connections: 1,
        headers: { cookie: a.cookie, 'x-csrf-token': a.csrf, 'content-type': 'application/json' },
        requests: [0, 1].map((i) => ({ method: 'PUT' as const, path: `/api/v1/procurements/${p}/declarations/${a.orgnr}`, body: JSON.stringify({ answers: { reason: f.reasons[i % f.reasons.length] } }) })),
      })),
    },
  ];
}

/** The clients of each run of a class: its share of all clients, runs with a fixed number first. */
function clientsPerRun(spec: ClassSpec): number[] {
  const budget = Math.max(spec.runs.length, Math.round(connections * spec.share));
  const fixed = spec.runs.reduce((n, r) => n + (r.connections ?? 0), 0);
  const flexible = spec.runs.filter((r) => !r.connections).length;
  return spec.runs.map((r) => r.connections ?? Math.max(1, Math.floor((budget - fixed) / Math.max(1, flexible))));
}

async function runClass(server: ChildServer, spec: ClassSpec, think: number | undefined): Promise<LoadResult> {
  const latencies: number[] = [];
  const clients = clientsPerRun(spec);
  if (think !== undefined) {
    const groups = spec.runs.map((r, i) => ({
      clients: clients[i]!,
      headers: r.headers,
      requests: r.requests.map((q) => ({ method: (q.method ?? 'GET') as 'GET' | 'PUT' | 'POST', path: q.path!, body: typeof q.body === 'string' ? q.body : undefined })),
    }));
    return runPacedClients(spec.label, server.url, groups, { thinkMs: think, durationMs: duration * 1000 });
  }
  const ramp: number[] = [];
  const results = await Promise.all(
    spec.runs.map((r, i) => load(spec.label, server.url, { connections: clients[i]!, duration, headers: r.headers, requests: r.requests, latencies, settleMs: rampMs, rampLatencies: ramp })),
  );
  return {
    rampFigures: ramp.length ? latencyFigures([...latencies, ...ramp]) : undefined,
    label: spec.label,
    url: server.url,
    requests: results.reduce((n, r) => n + r.requests, 0),
    rps: results.reduce((n, r) => n + r.rps, 0),
    ...latencyFigures(latencies),
    errors: results.reduce((n, r) => n + r.errors, 0),
    non2xx: results.reduce((n, r) => n + r.non2xx, 0),
    statuses: mergeStatuses(results.map((r) => r.statuses)),
  };
}

/** nginx serving `root` (…/tjenester.html for /tjenester). */
const nginxServing = (root: string) =>
  startNginx({
    http: '  default_type text/html;\n  sendfile on;\n  keepalive_requests 100000;',
    server: `    root ${root};\n    location / { try_files $uri.html $uri =404; }`,
    readyPath: '/tjenester',
  });

/**
 * The portal as `npm start` runs it in production (dist/src/server/main.js: on PostgreSQL the primary and
 * WEB_CONCURRENCY workers, default one per core; on PGlite one process), on a database this process has prepared with
 * the demo dataset and the load's fixtures (sessions and opt-outs, straight in the database) and closed again.
 */
async function startLoadServer(engine: string): Promise<{ server: ChildServer; fixtures: LoadFixtures }> {
  const url = engine === 'postgres' ? process.env.DATABASE_URL : undefined;
  if (engine === 'postgres' && !url) throw new Error('ENGINES has postgres but DATABASE_URL is not set');
  const dataDir = mkdtempSync(join(tmpdir(), 'ft-bench-load-'));
  const database = await openDatabase(url ? { url } : { dataDir });
  let fixtures: LoadFixtures;
  try {
    await database.migrate();
    await loadDemoDataIfEmpty(database.db);
    // The agency editors: the writers, and the first five also read (signed-in reads).
    fixtures = await prepareLoadFixtures(database, Math.max(5, writers));
  } finally {
    await database.close();
  }
  const portal = await startPortalProcess(dataDir, { DATABASE_URL: url ?? '' });
  const close = async () => {
    await portal.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { server: { ...portal, close }, fixtures };
}

/**
 * Issue 16's targets for the unpaced stage, reported (the exit code stays the paced stage's): no error, every read
 * class's p99 under 250 ms and the writes' under 500 ms — at 200 clients on PostgreSQL, at 50 on PGlite.
 */
function unpacedVerdict(results: LoadResult[], specs: ClassSpec[]): string {
  const misses = results.flatMap((r, i) => {
    const limit = specs[i]!.kind === 'read' ? 250 : 500;
    const failed = r.errors + tallied(r.statuses);
    return [...(failed ? [`${r.label}: ${failed} failed`] : []), ...(r.p99 < limit ? [] : [`${r.label}: p99 ${r.p99.toFixed(0)} ms ≥ ${limit}`])];
  });
  return `Issue 16's unpaced targets (0 errors, reads p99 < 250 ms, writes p99 < 500 ms${rampMs > 0 ? `, after the first ${rampMs / 1000} s` : ''}): ${misses.length ? `missed — ${misses.join('; ')}` : 'met'}.`;
}

let failed = false;
for (const engine of engines) {
  const { server, fixtures } = await startLoadServer(engine);
  try {
    const specs = mix(fixtures).filter((s) => !only || only.some((o) => s.label.startsWith(o)));
    // Warm up (JIT, caches, each route's schemas compiled on its first request in each worker) briefly, the writes
    // too (each writer one connection, as in the stages: its opt-out flips back and forth), then every class at the
    // same time, stage by stage. Without the writes, a stage's first PUTs paid the cold start in every worker at once.
    await Promise.all(specs.map((s) => Promise.all(s.runs.map((r) => load('warm-up', server.url, { connections: r.connections ?? 2, duration: 2, headers: r.headers, requests: r.requests })))));
    const stages: { think?: number; judged: boolean }[] = [...(paced ? [{ think: thinkMs, judged: true }] : []), ...kneeThinkMs.map((think) => ({ think, judged: false })), ...(unpaced ? [{ judged: false }] : [])];
    for (const stage of stages) {
      const cpuBefore = server.cpuSeconds();
      const ownCpuBefore = process.cpuUsage();
      const startedAt = performance.now();
      const results = await Promise.all(specs.map((s) => runClass(server, s, stage.think)));
      const seconds = (performance.now() - startedAt) / 1000;
      const cpuShare = (server.cpuSeconds() - cpuBefore) / seconds;
      const own = process.cpuUsage(ownCpuBefore);
      const ownShare = (own.user + own.system) / 1e6 / seconds;
      const total = results.reduce((n, r) => n + r.rps, 0);
      const how = stage.think === undefined ? 'unpaced (each client sends again as soon as it is answered)' : `paced (think time ${stage.think} ms on average)`;
      const ramped = stage.think === undefined && rampMs > 0 ? ` (latencies of the requests sent after the first ${rampMs / 1000} s)` : '';
      printTable(`Mixed load on ${server.engine}: ${connections} clients ${how} for ${duration} s, all classes at once (total ${total.toFixed(0)} req/s)${ramped}${stage.judged ? ' — the targets apply' : ' — reported, not judged'}`, results);
      if (ramped) console.log(`With the first ${rampMs / 1000} s, when every client connects and sends at once: p99 ${results.map((r) => `${r.label} ${r.rampFigures?.p99.toFixed(0) ?? '–'} ms (max ${r.rampFigures?.max.toFixed(0) ?? '–'})`).join(', ')}.`);
      console.log(`Server process: ${(cpuShare * 100).toFixed(0)} % of one core on average (${((cpuShare * 1000) / total).toFixed(2)} ms of CPU per request); RSS after the stage ${server.rssMb().toFixed(0)} MB; the load generator ${(ownShare * 100).toFixed(0)} %; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}.`);
      for (const [i, r] of results.entries()) {
        const spec = specs[i]!;
        const problems = [...(r.errors ? [`${r.errors} errors/timeouts`] : []), ...(r.non2xx ? [`${r.non2xx} non-2xx`] : []), ...(spec.kind === 'read' && !(r.p99 < readP99) ? [`p99 ${r.p99.toFixed(0)} ms ≥ ${readP99} ms`] : [])];
        if (problems.length) {
          if (stage.judged) failed = true;
          console.log(`  ${stage.judged ? 'MISSED ' : 'over   '} ${r.label}: ${problems.join(', ')}`);
        }
      }
      if (stage.think === undefined) console.log(unpacedVerdict(results, specs));
    }

    // The catalogue page: the portal (page cache) against nginx serving the very same bytes from a file.
    const html = await (await fetch(`${server.url}/tjenester`)).text();
    const root = mkdtempSync(join(tmpdir(), 'ft-static-'));
    writeFileSync(join(root, 'tjenester.html'), html, { mode: 0o644 });
    const nginx = await nginxServing(root);
    try {
      const cmp: LoadResult[] = [];
      cmp.push(await load('portal /tjenester', `${server.url}/tjenester`, { connections: Math.min(connections, 100), duration: nginxDuration }));
      cmp.push(await load('nginx, the same HTML as a file', `${nginx.url}/tjenester`, { connections: Math.min(connections, 100), duration: nginxDuration }));
      printTable(`The catalogue page (${(html.length / 1024).toFixed(0)} KB) on ${server.engine}: portal vs nginx, ${Math.min(connections, 100)} connections × ${nginxDuration} s each`, cmp);
      console.log(`Portal/nginx throughput ratio: ${(cmp[0]!.rps / cmp[1]!.rps).toFixed(2)} (nginx ${(cmp[1]!.rps / cmp[0]!.rps).toFixed(1)}× the portal); p99 ${cmp[0]!.p99.toFixed(1)} vs ${cmp[1]!.p99.toFixed(1)} ms.`);
      if (cmp[0]!.errors || cmp[0]!.non2xx) failed = true;
      if (cmp[1]!.errors || cmp[1]!.non2xx) throw new Error(`nginx did not serve the page (${cmp[1]!.non2xx} non-2xx): the comparison is void`);
    } finally {
      await nginx.stop();
      rmSync(root, { recursive: true, force: true });
    }
  } finally {
    await server.close();
  }
}
console.log(machineCaveat());
if (!paced) {
  console.log('Targets: not judged (PACED=0 skipped the paced stage they apply to).');
  process.exit(failed ? 1 : 0);
}
if (failed) {
  console.log(`Targets (${connections} paced clients, think time ${thinkMs} ms: 0 errors, read p99 < ${readP99} ms): MISSED — see the lines above.`);
  process.exit(1);
}
console.log(`Targets (${connections} paced clients, think time ${thinkMs} ms: 0 errors, read p99 < ${readP99} ms): met.`);
