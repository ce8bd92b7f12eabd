/**
 * Benchmark (issue 16): `npm start` on an installed, built checkout with nothing changed, to its first page.
 *   npm run bench:start
 * Starts `npm start` twice on a fresh data dir (the first creates and loads the embedded database; the second is
 * the case the target is about: nothing changed, the data there), and prints the time from spawning npm to the first
 * 200 of `/`, and the server's own share (from the process start to listening).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/paths.js';
import { machineCaveat } from './support/server.js';

const dataDir = mkdtempSync(join(tmpdir(), 'ft-bench-start-'));
const port = 3000 + Math.floor(Math.random() * 2000) * 2;

async function once(label: string): Promise<void> {
  // As a newcomer runs it: NODE_ENV unset (development).
  const { NODE_ENV: _unset, ...env } = process.env;
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
}

try {
  await once('first start (creates and loads the database)');
  await once('second start (nothing changed)');
  await once('third start (nothing changed)');
  console.log(machineCaveat());
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
