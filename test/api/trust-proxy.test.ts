import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

/**
 * The client cannot choose its IP (issue 14, item 6): in production X-Forwarded-For counts only from the hops
 * TRUST_PROXY names. Sign-in is rate limited per address (20 a minute), so a client that rotates the header must
 * still be stopped.
 */
const PRODUCTION = {
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://fellestjenester.example',
  // Never reached: discovery fails at once and /auth/login answers 503, which still counts against the limit.
  OIDC_ISSUER: 'https://127.0.0.1:1',
  OIDC_CLIENT_ID: 'ft',
  OIDC_CLIENT_SECRET: 'secret',
  SESSION_SECRET: 'x'.repeat(40),
};

async function statusesWithRotatingForwardedFor(t: TestApp): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < 25; i++) {
    const res = await t.app.inject({ url: '/auth/login', headers: { 'x-forwarded-for': `203.0.113.${i + 1}` } });
    statuses.push(res.statusCode);
  }
  return statuses;
}

describe('X-Forwarded-For and the rate limit', () => {
  let untrusted: TestApp;
  let behindProxy: TestApp;
  beforeAll(async () => {
    untrusted = await createTestApp('pglite', { seed: 'empty', env: PRODUCTION });
    behindProxy = await createTestApp('pglite', { seed: 'empty', env: { ...PRODUCTION, TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(async () => {
    await untrusted?.close();
    await behindProxy?.close();
  });

  it('in production without TRUST_PROXY, a rotating X-Forwarded-For does not escape the limit', async () => {
    const statuses = await statusesWithRotatingForwardedFor(untrusted);
    expect(statuses.slice(0, 20).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
  });

  it('behind a proxy TRUST_PROXY names, each forwarded client has its own bucket', async () => {
    const statuses = await statusesWithRotatingForwardedFor(behindProxy);
    expect(statuses).not.toContain(429);
    // A client that reaches the portal around the proxy cannot rotate its address either.
    const direct: number[] = [];
    for (let i = 0; i < 21; i++) {
      direct.push((await behindProxy.app.inject({ url: '/auth/login', remoteAddress: '198.51.100.7', headers: { 'x-forwarded-for': `192.0.2.${i + 1}` } })).statusCode);
    }
    expect(direct.at(-1)).toBe(429);
  });
});
