import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { areas } from '../../src/db/schema/index.js';
import { projectRoot } from '../../src/paths.js';

/**
 * What `npm start` runs (node dist/src/server/main.js, built by `npm test` before the suite): a fresh data dir
 * is created, migrated and loaded; a second start keeps the data; SIGTERM shuts down cleanly.
 */
describe('npm start (the built server)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ft-start-'));
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(): Promise<{ child: ChildProcess; url: string }> {
    const child = spawn(process.execPath, [join(projectRoot, 'dist/src/server/main.js')], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 140_000);
      const onData = (d: Buffer) => {
        output += d.toString();
        const m = /running at (http:\/\/[^/\s]+)\//.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
    });
    return { child, url };
  }

  async function stop(child: ChildProcess): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    return exited;
  }

  // The first start creates the database and loads the whole demo dataset: on a busy 2-core CI machine, with a cold
  // compile cache and a browser test in the other worker, that has taken more than the default 60 s.
  it('creates, migrates and loads the embedded database, then serves pages and the API', { timeout: 150_000 }, async () => {
    expect(existsSync(join(projectRoot, 'dist/src/server/main.js'))).toBe(true);
    const { child, url } = await start();
    const home = await fetch(url + '/');
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    const api = await fetch(url + '/api/v1/services?limit=1');
    expect(api.status).toBe(200);
    expect(await stop(child)).toBe(0);
  });

  it('keeps the data on a second start', { timeout: 150_000 }, async () => {
    // Leave a mark directly in the data dir between runs.
    const h = await openDatabase({ dataDir });
    await h.db.insert(areas).values({ slug: 'start-test-marker', name: { nb: 'Merke' }, description: { nb: 'Satt inn mellom to oppstarter' } });
    await h.close();
    const { child, url } = await start();
    const res = await fetch(url + '/api/v1/services?area=start-test-marker');
    expect(res.status).toBe(200); // an unknown area would be 400
    expect((await res.json()).total).toBe(0);
    expect(await stop(child)).toBe(0);
  });
});

/**
 * `npm start`'s build check (scripts/build-if-changed.mjs, run by scripts/start.mjs) in a project of its own: the real script, a stand-in build
 * that counts its runs. A second start with nothing changed does not build; an edit, a new lock file or a missing
 * output does.
 */
describe('npm start skips the build when nothing changed (issue 16)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ft-stamp-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const builds = () => (existsSync(join(dir, 'builds')) ? readFileSync(join(dir, 'builds'), 'utf8').length : 0);
  const prestart = () => execFileSync(process.execPath, [join(dir, 'scripts/build-if-changed.mjs')], { cwd: dir, encoding: 'utf8' });

  it('builds once, then not again until a build input changes', () => {
    mkdirSync(join(dir, 'scripts'));
    mkdirSync(join(dir, 'src/server'), { recursive: true });
    for (const f of ['build-if-changed.mjs', 'pinned-node.mjs']) copyFileSync(join(projectRoot, 'scripts', f), join(dir, 'scripts', f));
    const build =
      "node -e \"const f=require('fs');f.appendFileSync('builds','x');f.mkdirSync('dist/src/server',{recursive:true});f.mkdirSync('dist/public',{recursive:true});f.writeFileSync('dist/src/server/main.js','');f.writeFileSync('dist/src/server/main.bundle.js','');f.writeFileSync('dist/public/manifest.json','{}')\"";
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'stamp-test', private: true, scripts: { build } }));
    writeFileSync(join(dir, 'package-lock.json'), '{"lockfileVersion":3}');
    writeFileSync(join(dir, 'src/server/main.ts'), 'export const a = 1;\n');

    expect(prestart()).toMatch(/Building \(dist\/src\/server\/main\.js is missing\)/);
    expect(builds()).toBe(1);
    expect(prestart()).toBe('');
    expect(builds()).toBe(1);
    // Rewriting a file with the same content (a checkout, a touch) is no change.
    writeFileSync(join(dir, 'src/server/main.ts'), 'export const a = 1;\n');
    prestart();
    expect(builds()).toBe(1);

    writeFileSync(join(dir, 'src/server/main.ts'), 'export const a = 2;\n');
    expect(prestart()).toMatch(/sources changed/);
    expect(builds()).toBe(2);
    writeFileSync(join(dir, 'src/server/new.ts'), 'export {};\n');
    prestart();
    expect(builds()).toBe(3);
    writeFileSync(join(dir, 'package-lock.json'), '{"lockfileVersion":3,"packages":{}}');
    prestart();
    expect(builds()).toBe(4);
    rmSync(join(dir, 'dist/public/manifest.json'));
    expect(prestart()).toMatch(/manifest\.json is missing/);
    expect(builds()).toBe(5);
    rmSync(join(dir, 'dist/src/server/main.bundle.js'));
    expect(prestart()).toMatch(/main\.bundle\.js is missing/);
    expect(builds()).toBe(6);
    expect(prestart()).toBe('');
    expect(builds()).toBe(6);
  });

  it('is what npm start runs, in the one Node process that then serves', () => {
    const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe('node scripts/start.mjs');
    // No prestart: one more Node process and shell per start.
    expect(pkg.scripts.prestart).toBeUndefined();

    // scripts/start.mjs in a project of its own: the install check, the build check, then the server in-process.
    const own = mkdtempSync(join(tmpdir(), 'ft-start-script-'));
    try {
      mkdirSync(join(own, 'scripts'));
      mkdirSync(join(own, 'src'));
      mkdirSync(join(own, 'node_modules/.bin'), { recursive: true });
      symlinkSync(process.execPath, join(own, 'node_modules/.bin/node'));
      for (const f of ['start.mjs', 'ensure-install.mjs', 'build-if-changed.mjs', 'pinned-node.mjs']) copyFileSync(join(projectRoot, 'scripts', f), join(own, 'scripts', f));
      // The stand-in server says which file it runs as and in which process.
      writeFileSync(join(own, 'server.js'), "console.log('served as ' + require('path').basename(process.argv[1]) + ' in ' + process.pid + ' ' + process.argv.slice(2).join(' '))\n");
      const build =
        "node -e \"const f=require('fs');f.appendFileSync('builds','x');f.mkdirSync('dist/src/server',{recursive:true});f.mkdirSync('dist/public',{recursive:true});f.copyFileSync('server.js','dist/src/server/main.js');f.writeFileSync('dist/src/server/main.bundle.js','');f.writeFileSync('dist/public/manifest.json','{}')\"";
      writeFileSync(join(own, 'package.json'), JSON.stringify({ name: 'start-test', private: true, type: 'commonjs', dependencies: { node: process.version.slice(1) }, scripts: { build } }));
      writeFileSync(join(own, 'package-lock.json'), '{"lockfileVersion":3}');
      writeFileSync(join(own, 'src/a.ts'), 'export const a = 1;\n');
      const start = () => {
        const child = spawnSync(process.execPath, [join(own, 'scripts/start.mjs'), '--flag'], { cwd: own, encoding: 'utf8' });
        return { out: child.stdout, pid: child.pid };
      };
      const first = start();
      expect(first.out).toMatch(/^Building \(dist\/src\/server\/main\.js is missing\)…\n/);
      expect(first.out).toContain(`served as main.js in ${first.pid} --flag`);
      const second = start();
      expect(second.out).toBe(`served as main.js in ${second.pid} --flag\n`);
      expect(readFileSync(join(own, 'builds'), 'utf8')).toBe('x');
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });
});
