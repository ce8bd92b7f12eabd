import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { type Admission, registerAdmission } from '../../src/server/admission.js';
import { registerHealth } from '../../src/server/health.js';

/** Admission control on its own: at most `limit` requests inside, the rest in arrival order, none lost. */
describe('admission control', () => {
  let app: FastifyInstance;
  let inside = 0;
  let most = 0;
  const order: number[] = [];
  beforeAll(async () => {
    app = Fastify();
    registerAdmission(app, 3);
    app.get('/work/:n', async (req) => {
      inside++;
      most = Math.max(most, inside);
      await new Promise((r) => setTimeout(r, 20));
      order.push(Number((req.params as { n: string }).n));
      inside--;
      return { ok: true };
    });
    app.get('/fail', async () => {
      throw new Error('boom');
    });
    app.get('/healthz', async () => ({ status: 'ok' }));
    await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
  });
  const url = (p: string) => `http://127.0.0.1:${(app.server.address() as { port: number }).port}${p}`;

  it('lets no more than the limit in, serves every request, first come first served', async () => {
    const res = await Promise.all(Array.from({ length: 30 }, (_, i) => fetch(url(`/work/${i}`))));
    expect(res.every((r) => r.status === 200)).toBe(true);
    expect(most).toBe(3);
    expect(order).toHaveLength(30);
    // Arrival order, give or take the ones inside together.
    expect(order.slice(0, 3).every((n) => n < 6)).toBe(true);
  });

  it('a failing request and a client that gives up while waiting do not leak a place', async () => {
    expect((await fetch(url('/fail'))).status).toBe(500);
    const controllers = Array.from({ length: 10 }, () => new AbortController());
    const pending = controllers.map((c, i) => fetch(url(`/work/${100 + i}`), { signal: c.signal }).catch(() => undefined));
    await new Promise((r) => setTimeout(r, 5));
    for (const c of controllers.slice(3)) c.abort();
    await Promise.all(pending);
    await new Promise((r) => setTimeout(r, 100));
    most = 0;
    const res = await Promise.all(Array.from({ length: 9 }, (_, i) => fetch(url(`/work/${200 + i}`))));
    expect(res.every((r) => r.status === 200)).toBe(true);
    expect(most).toBe(3); // still three places, not fewer
  });

  it('health checks never wait', async () => {
    const slow = Array.from({ length: 12 }, (_, i) => fetch(url(`/work/${300 + i}`)));
    const t0 = performance.now();
    expect((await fetch(url('/healthz'))).status).toBe(200);
    expect(performance.now() - t0).toBeLessThan(60);
    await Promise.all(slow);
  });
});

/** The queue is bounded in length and in wait: beyond either, 503 with Retry-After, and readiness says overloaded. */
describe('admission control under overload', () => {
  let app: FastifyInstance;
  let admission: Admission;
  beforeAll(async () => {
    app = Fastify();
    admission = registerAdmission(app, { limit: 2, maxQueued: 3, maxWaitMs: 1500 });
    // Overload is answered before the database is asked.
    registerHealth(app, undefined as never, admission);
    app.get('/work/:ms', async (req) => {
      await new Promise((r) => setTimeout(r, Number((req.params as { ms: string }).ms)));
      return { ok: true };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
  });
  const url = (p: string) => `http://127.0.0.1:${(app.server.address() as { port: number }).port}${p}`;
  const until = async (condition: () => boolean) => {
    for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  };

  it('refuses beyond the queue bound with 503 and Retry-After, and reports overload while full', async () => {
    const pending = Array.from({ length: 5 }, () => fetch(url('/work/400')));
    await until(() => admission.state().waiting === 3);
    expect(admission.state()).toMatchObject({ active: 2, waiting: 3 });
    expect(admission.overloaded()).toBe(true);
    const refused = await fetch(url('/work/1'));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    const ready = await fetch(url('/readyz'));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'overloaded', overloaded: true, requests: { active: 2, waiting: 3 } });
    expect((await Promise.all(pending)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(admission.overloaded()).toBe(false);
  });

  it('refuses a request that waited longer than the wait bound', async () => {
    await until(() => admission.state().active === 0);
    const slow = [fetch(url('/work/2500')), fetch(url('/work/2500'))];
    await until(() => admission.state().active === 2);
    const t0 = performance.now();
    const waited = await fetch(url('/work/1'));
    expect(waited.status).toBe(503);
    expect(performance.now() - t0).toBeLessThan(2400);
    expect((await Promise.all(slow)).map((r) => r.status)).toEqual([200, 200]);
  });
});
