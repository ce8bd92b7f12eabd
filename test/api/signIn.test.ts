import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { safeReturnTo } from '../../src/auth/routes.js';
import { auditEvents, subscriptions } from '../../src/db/schema/index.js';
import { readDemoUsers } from '../../src/db/seed/demoUsers.js';
import { createTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { expectProblem } from '../support/expectations.js';
import { type SignInPortal, startPortalWithSignIn } from '../support/signIn.js';

const LOTTSTIFT = '982391490';

/** A provider's system gets a token from the identity provider (client credentials), as it would in production. */
async function clientToken(portal: SignInPortal, clientId: string): Promise<string> {
  const secret = readDemoUsers().apiClients.find((c) => c.clientId === clientId)!.clientSecret;
  const res = await fetch(`${portal.provider.issuer}/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', resource: `${portal.url}/api/v1` }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { access_token: string; token_type: string };
  expect(body.token_type).toBe('Bearer');
  expect(body.access_token.split('.')).toHaveLength(3); // a JWT
  return body.access_token;
}

describe.each(testEngines())('machine clients and sign-in on %s', (engine) => {
  let portal: SignInPortal;

  beforeAll(async () => {
    portal = await startPortalWithSignIn(engine);
  });
  afterAll(async () => portal?.close());

  it('lets a provider’s system keep its customers’ usage with a client-credentials token, without CSRF', async () => {
    const token = await clientToken(portal, 'dfo-lonn-system');
    const current = (await (await fetch(`${portal.url}/api/v1/agencies/${LOTTSTIFT}/subscriptions`)).json()) as { items: { service: { slug: string }; tier: { slug: string } | null; current: boolean }[] };
    const now = current.items.find((r) => r.service.slug === 'dfo-lonn' && r.current)?.tier?.slug;
    const tier = now === 'delservice' ? 'fullservice' : 'delservice';
    const put = await fetch(`${portal.url}/api/v1/agencies/${LOTTSTIFT}/subscriptions/dfo-lonn`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ tier, since: '2095-01-01' }),
    });
    expect(put.status).toBe(201);
    const rows = await portal.database.db.select().from(subscriptions).where(eq(subscriptions.createdBy, 'DFØs kundesystem for lønn'));
    expect(rows).toHaveLength(1);
    const [event] = await portal.database.db.select().from(auditEvents).where(eq(auditEvents.actorId, 'dfo-lonn-system'));
    expect(event).toMatchObject({ actorKind: 'client', actingRole: 'provider_editor', agencyOrgnr: LOTTSTIFT, viaApi: true });
  });

  it('refuses the token for another provider’s service (403) and a token for another audience (401)', async () => {
    const token = await clientToken(portal, 'sis-system');
    const res = await portal.app.inject({
      method: 'PUT',
      url: `/api/v1/agencies/${LOTTSTIFT}/subscriptions/dfo-lonn`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: '{}',
    });
    expectProblem(res, 403, /Du kan ikke handle på vegne av/);
    // A token whose signature is broken is refused.
    const broken = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expectProblem(await portal.app.inject({ method: 'GET', url: '/api/v1/audit', headers: { authorization: `Bearer ${broken}` } }), 401, /Tilgangsnøkkelen/);
  });

  it('sends sign-in to the provider with PKCE, state and nonce, and limits how often', async () => {
    const res = await portal.app.inject({ method: 'GET', url: '/auth/login?returnTo=%2Fanskaffelser' });
    expect(res.statusCode).toBe(303);
    const location = new URL(String(res.headers.location));
    expect(location.origin).toBe(portal.provider.issuer);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('state')).toBeTruthy();
    expect(location.searchParams.get('nonce')).toBeTruthy();
    expect(location.searchParams.get('redirect_uri')).toBe(`${portal.url}/auth/callback`);
    expect(String(res.headers['set-cookie'])).toMatch(/ft_login=.*HttpOnly.*SameSite=Lax/i);
    let last = res;
    for (let i = 0; i < 25 && last.statusCode !== 429; i++) last = await portal.app.inject({ method: 'GET', url: '/auth/login' });
    expect(last.statusCode).toBe(429);
    expect(last.body).toContain('For mange innloggingsforsøk');
  });

  it('refuses a callback without the login state', async () => {
    const res = await portal.app.inject({ method: 'GET', url: '/auth/callback?code=x&state=y' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Start innloggingen på nytt');
  });

  it('describes both ways in in the OpenAPI document', async () => {
    const doc = (await portal.app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearer', 'session']);
    for (const path of ['/procurements', '/procurements/{id}', '/procurements/{id}/declarations', '/procurements/{id}/declarations/{orgnr}', '/agencies/{orgnr}/subscriptions', '/audit']) {
      expect(Object.keys(doc.paths), path).toContain(`/api/v1${path}`);
    }
    expect(doc.paths['/api/v1/procurements/{id}/declarations/{orgnr}'].put.security).toEqual([{ session: [] }, { bearer: [] }]);
  });
});

describe('sign-in page and development helpers', () => {
  it('lists the demo users and shows the outbox in development only', async () => {
    const [engine] = testEngines();
    const dev = await createTestApp(engine!, { seed: 'empty', env: { NODE_ENV: 'development' } });
    const test = await createTestApp(engine!, { seed: 'empty' });
    try {
      expect((await dev.app.inject({ url: '/logg-inn' })).body).toContain('Lise Berg');
      expect((await test.app.inject({ url: '/logg-inn' })).body).not.toContain('Lise Berg');
      expect((await dev.app.inject({ url: '/dev/utboks' })).statusCode).toBe(200);
      expect((await test.app.inject({ url: '/dev/utboks' })).statusCode).toBe(404);
    } finally {
      await dev.close();
      await test.close();
    }
  });

  it('sends people back only to paths on this site', () => {
    expect(safeReturnTo('/anskaffelser?x=1', 'nb')).toBe('/anskaffelser?x=1');
    for (const bad of ['//evil.example/x', 'https://evil.example', '/\\evil.example', undefined, 42]) expect(safeReturnTo(bad, 'en')).toBe('/en/min-side');
  });
});
