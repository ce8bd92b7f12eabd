import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { services, subscriptions } from '../../src/db/schema/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { demoSessions, type Who } from '../support/sessions.js';
import { demoConsultationId } from '../support/factories.js';

const LOTTSTIFT = '982391490';
/** 00:30 on 1 July in Oslo, still 30 June in UTC. */
const JUST_AFTER_MIDNIGHT_IN_OSLO = new Date('2026-06-30T22:30:00Z');

/** Issue 14, item 10: caching of personal answers, request ids, the Oslo date. */
describe('small things', () => {
  let t: TestApp;
  let headers: Record<Who, Record<string, string>>;
  beforeAll(async () => {
    t = await createTestApp('pglite', { clock: () => JUST_AFTER_MIDNIGHT_IN_OSLO });
    headers = await demoSessions(t.database.db);
  });
  afterAll(async () => t?.close());

  it('signed-in pages and API answers are private and never stored', async () => {
    const travel = await demoConsultationId(t);
    for (const url of ['/', '/tjenester', '/min-side', `/min-side/virksomhet/${LOTTSTIFT}`, `/api/v1/procurements/${travel}/declarations`, '/api/v1/audit', '/api/v1/services']) {
      const res = await t.app.inject({ url, headers: { cookie: headers.lise.cookie! } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('private, no-store');
    }
    // Anonymous catalogue pages stay cacheable.
    expect((await t.app.inject({ url: '/tjenester' })).headers['cache-control']).toMatch(/^public/);
  });

  it('keeps a client’s X-Request-Id only when it is a short safe token', async () => {
    const kept = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': '4bf92f3577b34da6a3ce929d0e0e4736' } });
    expect(kept.headers['x-request-id']).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    for (const bad of ['a'.repeat(65), 'x'.repeat(128), 'id with spaces', '<script>alert(1)</script>', 'ok-id\r\nx: y', 'short', '../../etc/passwd']) {
      const res = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': bad } });
      expect(res.headers['x-request-id'], bad).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('"today" is the Oslo date: use registered just after midnight in Oslo starts on the Oslo day', async () => {
    const db = t.database.db;
    const inUse = new Set((await db.select({ id: subscriptions.serviceId }).from(subscriptions).where(and(eq(subscriptions.agencyOrgnr, LOTTSTIFT), isNull(subscriptions.endedOn)))).map((r) => r.id));
    const candidates = (await db.select({ id: services.id, slug: services.slug }).from(services)).filter((x) => !inUse.has(x.id));
    let registered: { id: string; slug: string } | undefined;
    for (const service of candidates) {
      const res = await t.app.inject({ method: 'PUT', url: `/api/v1/agencies/${LOTTSTIFT}/subscriptions/${service.slug}`, headers: { ...headers.lise, 'content-type': 'application/json' }, payload: '{}' });
      if (res.statusCode === 201) {
        registered = service;
        break;
      }
    }
    expect(registered).toBeDefined();
    const [row] = await db.select().from(subscriptions).where(and(eq(subscriptions.agencyOrgnr, LOTTSTIFT), eq(subscriptions.serviceId, registered!.id), isNull(subscriptions.endedOn)));
    expect(row!.startedOn).toBe('2026-07-01');
  });
});
