import { spawn, spawnSync } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { type DatabaseHandle, queryRows } from '../../src/db/database.js';
import { scheduleJob } from '../../src/db/jobs.js';
import { projectRoot } from '../../src/paths.js';
import { jobs } from '../../src/db/schema/index.js';
import { createTestDatabase } from '../support/db.js';
import { testEngines } from '../support/engines.js';
import { programArgs } from '../support/commands.js';
import { type Nginx, startNginx } from '../../bench/support/nginx.js';
import { type PortalProcess, startPortalProcess } from '../support/portalProcess.js';
import { signedIn, type TestSession } from '../support/sessions.js';

/**
 * Issue 16: the app is stateless on PostgreSQL. Two app nodes (separate processes, as on two machines) on one
 * PostgreSQL server behind nginx (Debian's, installed by .ci/run) as the load balancer: a change through one node is
 * visible through the other on the next request, a session made on one works on the other, a scheduled job runs once,
 * and stopping a node loses no request nginx can retry.
 */
describe.runIf(testEngines().includes('postgres'))('two app nodes behind nginx on one PostgreSQL', () => {
  let database: DatabaseHandle & { close(): Promise<void> };
  let url: string;
  const nodes: PortalProcess[] = [];
  let nginx: Nginx | undefined;
  let lb = '';
  let admin: TestSession;

  beforeAll(async () => {
    const test = await createTestDatabase('postgres', 'demo');
    // The test database's URL: the handle does not expose it, so ask the server which database it is.
    const rows = await queryRows<{ name: string }>(test.db, sql`select current_database() as name`);
    const u = new URL(process.env.TEST_DATABASE_URL!);
    u.pathname = `/${rows[0]!.name}`;
    url = u.toString();
    database = test;
    admin = await signedIn(database.db, [{ role: 'admin' }]);
    const env = { DATABASE_URL: url, WEB_CONCURRENCY: '1', SESSION_SECRET: 'two-nodes-'.repeat(4), PUBLIC_URL: 'http://127.0.0.1' };
    // One after the other: two starts at once on a busy 2-core machine can exceed the start helper's 60 s.
    nodes.push(await startPortalProcess(env));
    nodes.push(await startPortalProcess(env));
    // nginx as the load balancer: a node that fails is retried on the other.
    const upstreams = nodes.map((n) => `    server ${new URL(n.url).host} max_fails=1 fail_timeout=5s;`).join('\n');
    nginx = await startNginx({
      http: `  upstream portal {\n${upstreams}\n    keepalive 16;\n  }`,
      server: `    location / {
      proxy_pass http://portal;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_connect_timeout 2s;
    }`,
      readyPath: '/readyz',
    });
    lb = nginx.url;
  });

  afterAll(async () => {
    await nginx?.stop();
    for (const n of nodes) if (n.child.exitCode === null) n.child.kill('SIGKILL');
    await database?.close();
  });

  it('balances over both nodes', async () => {
    expect(nodes).toHaveLength(2);
    for (const n of nodes) expect((await fetch(`${n.url}/readyz`)).status).toBe(200);
    const res = await fetch(`${lb}/tjenester`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<html');
  });

  it('a change made through one node is visible through the other on the next request', async () => {
    const [a, b] = nodes as [PortalProcess, PortalProcess];
    // Node B has the list cached (and its ETag) before the change.
    const before = await fetch(`${b.url}/nettverk`);
    const etag = before.headers.get('etag')!;
    expect(await before.text()).not.toContain('Tonodenettverket');
    expect((await fetch(`${b.url}/nettverk`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    const created = await fetch(`${a.url}/api/v1/networks`, {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Tonodenettverket', kind: 'regional', description: 'Laget gjennom den ene noden.', areas: ['lonn'], facilitator: 'dfo', municipality: '4601' }),
    });
    expect(created.status).toBe(201);
    const after = await fetch(`${b.url}/nettverk`, { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(await after.text()).toContain('Tonodenettverket');
  });

  it('a session made on one node works on the other, and through the load balancer', async () => {
    for (const base of [...nodes.map((n) => n.url), lb]) {
      const res = await fetch(`${base}/api/v1/me/notifications`, { headers: { cookie: admin.cookie } });
      expect(res.status, base).toBe(200);
    }
    const anonymous = await fetch(`${nodes[1]!.url}/api/v1/me/notifications`);
    expect(anonymous.status).toBe(401);
  });

  it('a scheduled job runs once, on one of the nodes', async () => {
    const key = `two-nodes:${Date.now()}`;
    // A digest job for nobody in particular: a real kind both nodes' workers run.
    await scheduleJob(database.db, { kind: 'digest', key, runAt: new Date(Date.now() - 1000), payload: { userId: admin.principal.kind === 'user' ? admin.principal.id : '' } });
    // Both nodes' workers poll the table (every 10 s) and race for it.
    let job: typeof jobs.$inferSelect | undefined;
    for (let i = 0; i < 300; i++) {
      [job] = await database.db.select().from(jobs).where(eq(jobs.key, key));
      if (job?.doneAt || job?.failedAt) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(job?.doneAt, job?.lastError ?? undefined).toBeTruthy();
    expect(job!.attempts).toBe(1);
  });

  it('stopping one node loses no request nginx can retry', async () => {
    const [a] = nodes as [PortalProcess, PortalProcess];
    const requests = Array.from({ length: 40 }, (_, i) =>
      new Promise((r) => setTimeout(r, i * 10)).then(() => fetch(`${lb}/tjenester?q=l%C3%B8nn${i}`).then((r) => r.status)),
    );
    setTimeout(() => a.child.kill('SIGTERM'), 100);
    const statuses = await Promise.all(requests);
    expect((await a.exited).code).toBe(0);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
  });

  it('WEB_CONCURRENCY=2 runs two worker processes on one port, and stops them all on SIGTERM', async () => {
    // Spawned here rather than with startPortalProcess: three processes starting on a busy 2-core machine can take
    // longer than its 60 s.
    const child = spawn(process.execPath, programArgs('src/server/main.ts'), {
      cwd: projectRoot,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0', SEED_DEMO: 'false', DATABASE_URL: url, WEB_CONCURRENCY: '2', SESSION_SECRET: 'two-nodes-'.repeat(4), PUBLIC_URL: 'http://127.0.0.1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let out = '';
    const base = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /running at (http:\/\/[^/\s]+)\/ .*with 2 worker processes/.exec(out);
        if (m) resolve(m[1]!);
      });
      void exited.then((code) => reject(new Error(`exited with ${code}: ${out}`)));
    });
    const workers = spawnSync('ps', ['--ppid', String(child.pid), '-o', 'pid='], { encoding: 'utf8' }).stdout.trim().split(/\s+/);
    expect(workers).toHaveLength(2);
    for (let i = 0; i < 4; i++) expect((await fetch(`${base}/tjenester`)).status).toBe(200);
    // The network made through node A above is there in the workers too.
    expect(await (await fetch(`${base}/nettverk`)).text()).toContain('Tonodenettverket');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const pid of workers) expect(() => process.kill(Number(pid), 0)).toThrow();
  }, 240_000);
});
