/**
 * Benchmark (issue 16): `npm start` on an installed, built checkout with nothing changed, to its first page.
 *   npm run bench:start            (RUNS=5: how many starts with nothing changed)
 * On the embedded engine (DATABASE_URL is not passed on), in development as a newcomer runs it. The first start
 * creates and loads a fresh data dir; each of the next RUNS starts is the case the target is about: nothing changed,
 * the data there. Each prints the wall time from spawning `npm start` to the first 200 of `/`, and when the server said
 * it listens; then the minimum and median of those starts and the load average.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/paths.js';
import { machineCaveat } from './support/server.js';

const dataDir = mkdtempSync(join(tmpdir(), 'ft-bench-start-'));
const port = 3000 + Math.floor(Math.random() * 2000) * 2;

async function once(label: string): Promise<number> {
  // As a newcomer runs it: NODE_ENV unset (development), the embedded engine (no DATABASE_URL), one process.
  const { NODE_ENV: _unset, DATABASE_URL: _pg, WEB_CONCURRENCY: _workers, ...env } = process.env;
  const t0 = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: projectRoot,
    env: { ...env, PORT: String(port), DEV_OIDC_PORT: String(port + 1), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  let out = '';
  let listening = 0;
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    if (!listening && /running at/.test(out)) listening = performance.now() - t0;
  });
  let first = 0;
  while (!first) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${out}`);
    const ok = await fetch(`http://localhost:${port}/`).then((r) => r.status === 200, () => false);
    if (ok) first = performance.now() - t0;
    else await new Promise((r) => setTimeout(r, 20));
  }
  console.log(`${label}: first page after ${(first / 1000).toFixed(2)} s (listening after ${(listening / 1000).toFixed(2)} s)${/Building/.test(out) ? ' — it built' : ''}`);
  process.kill(-child.pid!, 'SIGTERM');
  await new Promise((r) => child.once('exit', r));
  // npm may exit before the server it started has shut down (closed its database, freed its ports): the next start
  // must not meet it, so wait until no process of the group is left.
  const t1 = performance.now();
  for (;;) {
    try {
      process.kill(-child.pid!, 0);
    } catch {
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  console.log(`  (the server had shut down ${((performance.now() - t1) / 1000).toFixed(2)} s after npm exited)`);
  return first;
}

const runs = Math.max(1, Number(process.env.RUNS ?? 5));

try {
  await once('first start (creates and loads the database)');
  const times: number[] = [];
  for (let i = 1; i <= runs; i++) times.push(await once(`start ${i + 1} (nothing changed)`));
  times.sort((a, b) => a - b);
  const median = times.length % 2 ? times[(times.length - 1) / 2]! : (times[times.length / 2 - 1]! + times[times.length / 2]!) / 2;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`Nothing changed, ${runs} starts: first page after min ${s(times[0]!)}, median ${s(median)} (target: 3 s). Load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')} (1/5/15 min).`);
  console.log(machineCaveat());
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
