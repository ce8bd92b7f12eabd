import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 90_000);
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

  it('creates, migrates and loads the embedded database, then serves pages and the API', async () => {
    expect(existsSync(join(projectRoot, 'dist/src/server/main.js'))).toBe(true);
    const { child, url } = await start();
    const home = await fetch(url + '/');
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    const api = await fetch(url + '/api/v1/services?limit=1');
    expect(api.status).toBe(200);
    expect(await stop(child)).toBe(0);
  });

  it('keeps the data on a second start', async () => {
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
