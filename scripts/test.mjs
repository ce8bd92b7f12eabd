// `npm test`: the whole suite, the same locally and in CI.
// 1. installs npm dependencies if needed and builds (type check + assets);
// 2. makes sure the system packages the suites need are there — Debian's chromium and postgresql — installing
//    them with apt when running as root, else stopping with one line saying what to run (never skipping a suite);
// 3. starts a throwaway PostgreSQL server (unless TEST_DATABASE_URL is given), runs vitest, stops the server.
// Extra arguments go to vitest: `npm test -- src/domain` runs a subset.
import { execFileSync, execSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinnedEnv, reexecOnPinnedNode } from './pinned-node.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const isRoot = process.getuid?.() === 0;
const engines = (process.env.TEST_ENGINES ?? 'pglite,postgres').split(',');

function run(cmd, opts = {}) {
  execSync(cmd, { cwd: root, stdio: 'inherit', ...opts });
}

function fail(line) {
  console.error(`\nnpm test: ${line}`);
  process.exit(1);
}

// 1. Dependencies and build. `npm run typecheck` and `npm run build` would each compile src/ (~40 s of CPU apiece):
//    while the build is that compile plus the assets, one pass over the whole project (src, tests, benchmarks)
//    type-checks everything and writes dist/ (tests' output too, unused), then the assets are copied.
execFileSync(process.execPath, [join(root, 'scripts/ensure-install.mjs')], { stdio: 'inherit' });
// Everything below — vitest, its workers and whatever they spawn — runs on the pinned Node (node_modules/.bin/node).
reexecOnPinnedNode(fileURLToPath(import.meta.url), args);
const BUILD = 'tsc -p tsconfig.build.json && node scripts/build-assets.mjs';
if (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts?.build === BUILD) {
  run('node_modules/.bin/tsc -p tsconfig.json --noEmit false');
  run('node scripts/build-assets.mjs');
} else {
  run('npm run --silent typecheck');
  run('npm run --silent build');
}

// 2. System packages.
function postgresBinDir() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(base, versions[0], 'bin') : undefined;
}
const missing = [];
if (!existsSync('/usr/bin/chromium')) missing.push('chromium');
if (engines.includes('postgres') && !process.env.TEST_DATABASE_URL && !postgresBinDir()) missing.push('postgresql');
if (missing.length) {
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log(`Installing ${missing.join(', ')} from Debian (apt-get)…`);
    run('apt-get update -qq', { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    run(`apt-get install -y -qq --no-install-recommends ${missing.join(' ')}`, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } else {
    fail(`missing system packages: ${missing.join(', ')} — run: sudo apt-get install -y ${missing.join(' ')}`);
  }
}

// 3. A throwaway PostgreSQL server.
async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

let stopPostgres = () => {};
// TEST_BUILT: dist/ is this run's build, so the tests run the built programs (test/support/commands.ts).
const env = pinnedEnv({ ...process.env, NODE_ENV: 'test', TEST_BUILT: '1' });
if (engines.includes('postgres') && !process.env.TEST_DATABASE_URL) {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'ft-pg-'));
  const port = await freePort();
  const asPostgres = (cmd, cmdArgs) => (isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...cmdArgs]] : [cmd, cmdArgs]);
  if (isRoot) {
    chmodSync(dir, 0o777);
    execFileSync('chown', ['postgres:postgres', dir]);
  }
  const data = join(dir, 'data');
  const [initCmd, initArgs] = asPostgres(join(bin, 'initdb'), ['-D', data, '--auth=trust', '-U', 'postgres', '--encoding=UTF8', '--locale=C.UTF-8']);
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) fail(`initdb failed: ${init.stderr || init.stdout}`);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
  const [ctlCmd, ctlArgs] = asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-o', opts, '-l', join(dir, 'server.log'), '-w', 'start']);
  const start = spawnSync(ctlCmd, ctlArgs, { encoding: 'utf8' });
  if (start.status !== 0) fail(`PostgreSQL did not start: ${start.stderr || start.stdout}`);
  env.TEST_DATABASE_URL = `postgres://postgres@127.0.0.1:${port}/postgres`;
  env.TEST_PG_BIN = bin;
  console.log(`PostgreSQL ${bin.split('/').at(-2)} for the tests on port ${port}.`);
  stopPostgres = () => {
    const [c, a] = asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
    spawnSync(c, a);
    rmSync(dir, { recursive: true, force: true });
  };
}

const vitest = spawn(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...args], { cwd: root, env, stdio: 'inherit' });
const onSignal = (sig) => vitest.kill(sig);
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
vitest.on('exit', (code, signal) => {
  stopPostgres();
  process.exit(code ?? (signal ? 1 : 0));
});
