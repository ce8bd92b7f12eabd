import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { demoSessions, signedIn, type TestSession, type Who } from '../support/sessions.js';

/**
 * Authentication before validation (issue 14, item 9): every write in the API, from the route inventory, with a body
 * that would fail validation. An anonymous caller gets 401 with a Bearer challenge, a signed-in person with no role
 * that writes gets 403 — neither learns from validation messages what the route expects.
 */
const INVALID_BODIES: { name: string; contentType: string; payload: string }[] = [
  { name: 'wrong fields', contentType: 'application/json', payload: JSON.stringify({ definitely: ['not', 'valid'], status: 42 }) },
  { name: 'an array', contentType: 'application/json', payload: '[1,2,3]' },
];

/** One's own follows and notifications (/api/v1/me/…) are open to everyone signed in. */
function personal(url: string): boolean {
  return url.startsWith('/api/v1/me/');
}

function concrete(url: string): string {
  return url
    .replace(':orgnr', '982391490')
    .replace(/:(id|needId|surveyId|ideaId|networkId|indicatorId|runId)\b/g, '00000000-0000-0000-0000-000000000000')
    .replace(/:slug\b/g, 'dfo-lonn')
    .replace(/:service\b/g, 'dfo-lonn')
    .replace(/:[A-Za-z]+/g, 'x');
}

describe('API writes: who before what', () => {
  let t: TestApp;
  let headers: Record<Who, Record<string, string>>;
  let noRoles: TestSession;
  let writes: { method: string; url: string }[];

  beforeAll(async () => {
    t = await createTestApp('pglite');
    headers = await demoSessions(t.database.db);
    noRoles = await signedIn(t.database.db, []);
    writes = t.app.routeInventory.filter((r) => r.url.startsWith('/api/v1/') && ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method));
  });
  afterAll(async () => t?.close());

  it('the inventory has the API writes', () => {
    expect(writes.length).toBeGreaterThan(20);
  });

  it('anonymous: 401 with WWW-Authenticate: Bearer on every write, whatever the body', async () => {
    const wrong: string[] = [];
    for (const route of writes) {
      for (const body of INVALID_BODIES) {
        const res = await t.app.inject({ method: route.method as 'POST', url: concrete(route.url), headers: { 'content-type': body.contentType }, payload: body.payload });
        if (res.statusCode !== 401 || !/^Bearer\b/.test(String(res.headers['www-authenticate'] ?? ''))) wrong.push(`${route.method} ${route.url} (${body.name}): ${res.statusCode} ${res.headers['www-authenticate'] ?? ''}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('personal writes (/api/v1/me/…) let anyone signed in through, and then refuse a body that is no object with 400', async () => {
    const mine = writes.filter((r) => personal(r.url));
    expect(mine.length).toBeGreaterThanOrEqual(3);
    const wrong: string[] = [];
    for (const [who, h] of [['no roles', noRoles.headers], ['mona (ministry viewer)', headers.mona]] as const) {
      for (const route of mine) {
        for (const body of INVALID_BODIES) {
          const res = await t.app.inject({ method: route.method as 'POST', url: concrete(route.url), headers: { ...h, 'content-type': body.contentType }, payload: body.payload });
          // Unknown fields are dropped (Fastify's removeAdditional), so "mark all as read" may take them: never 401/403/5xx.
          const ok = body.name === 'an array' ? res.statusCode === 400 : res.statusCode === 400 || res.statusCode === 200;
          if (!ok) wrong.push(`${who}: ${route.method} ${route.url} (${body.name}): ${res.statusCode}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('signed in without a role that writes (none, or a ministry viewer): 403 on every write, whatever the body', async () => {
    const wrong: string[] = [];
    for (const [who, h] of [['no roles', noRoles.headers], ['mona (ministry viewer)', headers.mona]] as const) {
      for (const route of writes.filter((r) => !personal(r.url))) {
        for (const body of INVALID_BODIES) {
          const res = await t.app.inject({ method: route.method as 'POST', url: concrete(route.url), headers: { ...h, 'content-type': body.contentType }, payload: body.payload });
          if (res.statusCode !== 403) wrong.push(`${who}: ${route.method} ${route.url} (${body.name}): ${res.statusCode}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('someone who may write still gets the validation message', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/procurements', headers: { ...headers.siri, 'content-type': 'application/json' }, payload: JSON.stringify({ definitely: 'not valid' }) });
    expect(res.statusCode).toBe(400);
  });
});
