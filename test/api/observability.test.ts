import { Writable } from 'node:stream';
import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { auditEvents } from '../../src/db/schema/index.js';
import { buildApp } from '../../src/server/app.js';
import type { App } from '../../src/server/types.js';
import { scrub } from '../../src/server/observability.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { testEngines } from '../support/engines.js';
import { demoSession } from '../support/pageInventory.js';

/** Every line the app's logger writes, parsed. */
function capture(): { stream: Writable; lines: Record<string, unknown>[]; raw: string[] } {
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      raw.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, raw, get lines() { return raw.map((l) => JSON.parse(l) as Record<string, unknown>); } };
}

const METRIC_LINE = /^[a-z_:][a-z0-9_:]*(\{([a-z_]+="(?:[^"\\]|\\.)*",?)*\})? -?[0-9.e+-]+$/;

describe.each(testEngines())('request ids, logs and metrics on %s', (engine) => {
  let database: TestDatabase;
  let app: App;
  const log = capture();

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'demo');
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', PUBLIC_URL: 'http://portal.test' });
    app = await buildApp({ config, database }, { logger: { level: 'info', stream: log.stream } });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('keeps a well-formed incoming X-Request-Id, replaces a malformed one, and stores it with the audit event', async () => {
    const kept = await app.inject({ url: '/tjenester', headers: { 'x-request-id': 'lb-7f3a9c21-0001' } });
    expect(kept.headers['x-request-id']).toBe('lb-7f3a9c21-0001');
    for (const bad of ['<script>alert(1)</script>', 'short', 'x'.repeat(200), 'a b c d e f g h']) {
      const res = await app.inject({ url: '/', headers: { 'x-request-id': bad } });
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
    const fresh = await app.inject({ url: '/api/v1/services' });
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(log.lines.some((l) => l.reqId === 'lb-7f3a9c21-0001')).toBe(true);

    const admin = await demoSession(database.db, 'admin');
    const write = await app.inject({
      method: 'POST',
      url: '/admin/roller',
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-request-id': 'trace-admin-roles-42' },
      payload: `_csrf=${admin.csrf}&email=ny.person%40example.no&name=Ny+Person&role=admin`,
    });
    expect(write.statusCode).toBe(303);
    const [last] = await database.db.select({ requestId: auditEvents.requestId }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    expect(last?.requestId).toBe('trace-admin-roles-42');
  });

  it('logs method, route and path for each request, and no cookies, tokens, e-mail addresses or query strings', async () => {
    const session = await demoSession(database.db, 'agencyEditor');
    log.raw.length = 0;
    await app.inject({ url: '/tjenester?q=kari.nordmann%40example.no&side=2', headers: { cookie: session.cookie } });
    await app.inject({ url: '/api/v1/audit', headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.secret-token-value.sig' } });
    await app.inject({ url: '/min-side', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } });
    await app.inject({ method: 'POST', url: '/api/v1/procurements', headers: { cookie: session.cookie, 'content-type': 'application/json' }, payload: '{"broken' });
    app.log.warn({ to: 'kari.nordmann@example.no', cookie: `ft_session=${session.token}` }, 'mail to kari.nordmann@example.no failed');
    const text = log.raw.join('\n');
    expect(log.raw.length).toBeGreaterThan(4);
    for (const secret of [session.token, session.csrf, 'secret-token-value', 'kari.nordmann', 'example.no', 'q=', 'side=2']) {
      expect(text, `log leaks ${secret}`).not.toContain(secret);
    }
    const completed = log.lines.filter((l) => l.msg === 'request completed');
    expect(completed.length).toBeGreaterThanOrEqual(3);
    for (const l of log.lines.filter((x) => x.req)) {
      expect(Object.keys(l.req as object).sort()).toEqual(['method', 'path', 'route']);
      expect(l.reqId).toEqual(expect.any(String));
    }
    expect(log.lines.some((l) => (l.req as { route?: string } | undefined)?.route === '/tjenester')).toBe(true);
    expect(text).toContain('[e-post]');
  });

  it('masks e-mail addresses and tokens in any log string', () => {
    expect(scrub('to ola@nav.no via Bearer abc.def.ghi with ft_session=xyz; code=123&state=s')).toBe(
      'to [e-post] via Bearer [skjult] with ft_session=[skjult]; code=[skjult]&state=[skjult]',
    );
  });

  it('serves Prometheus text with request counts by route and status, durations, database state and cache hits', async () => {
    const before = await app.inject({ url: '/metrics' });
    const count = (body: string, series: string) => Number(new RegExp(`^${series.replace(/[{}()[\]."+]/g, '\\$&')} (\\S+)$`, 'm').exec(body)?.[1] ?? 0);
    const series = 'http_requests_total{method="GET",route="/omrader",status="200"}';
    const n0 = count(before.body, series);
    const hits0 = count(before.body, 'cache_lookups_total{cache="page",result="hit"}');
    for (let i = 0; i < 3; i++) expect((await app.inject({ url: '/omrader' })).statusCode).toBe(200);
    await app.inject({ url: '/finnes-ikke' });
    const res = await app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = res.body;
    expect(count(body, series)).toBe(n0 + 3);
    expect(count(body, 'cache_lookups_total{cache="page",result="hit"}')).toBeGreaterThanOrEqual(hits0 + 2);
    expect(body).toMatch(/^http_requests_total\{method="GET",route="unmatched",status="404"\} [1-9]/m);
    expect(count(body, 'http_request_duration_seconds_count{method="GET",route="/omrader"}')).toBe(count(body, series));
    expect(body).toMatch(new RegExp(`^db_up\\{engine="${engine}"\\} 1$`, 'm'));
    if (engine === 'postgres') expect(body).toMatch(/^db_pool_connections\{state="total"\} [1-9]/m);
    for (const line of body.trim().split('\n')) {
      if (!line.startsWith('#')) expect(line).toMatch(METRIC_LINE);
    }
  });

  it('needs the bearer token when METRICS_TOKEN is set, and is absent in production without one', async () => {
    const token = 'metrics-token-0123456789abcdef';
    const secured = await buildApp({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', METRICS_TOKEN: token }), database });
    const production = await buildApp({
      config: loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', PUBLIC_URL: 'https://portal.example', SESSION_SECRET: 's'.repeat(32), OIDC_ISSUER: 'https://idp.example', OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y', SEED_DEMO: 'false' }),
      database,
    });
    try {
      expect((await secured.inject({ url: '/metrics' })).statusCode).toBe(401);
      expect((await secured.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong-token-0123456789abcdef' } })).statusCode).toBe(401);
      expect((await secured.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
      expect((await production.inject({ url: '/metrics' })).statusCode).toBe(404);
      expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    } finally {
      await secured.close();
      await production.close();
    }
  });
});
