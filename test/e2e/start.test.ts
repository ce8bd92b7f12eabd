import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
 * `npm start`'s prestart (scripts/build-if-changed.mjs) in a project of its own: the real script, a stand-in build
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

  it('is the prestart of npm start', () => {
    const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.prestart).toContain('scripts/build-if-changed.mjs');
    expect(pkg.scripts.prestart).not.toMatch(/npm run build/);
  });
});
