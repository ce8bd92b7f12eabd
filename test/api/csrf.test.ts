import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { demoSession, DEMO_ROLES } from '../support/pageInventory.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Row counts of the tables a write could touch: a refused request must leave every one as it was. */
async function tableCounts(t: TestApp): Promise<Record<string, number>> {
  const tables = await queryRows<{ name: string }>(t.database.db, sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('sessions') order by 1`);
  const out: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await queryRows<{ n: string | number }>(t.database.db, sql.raw(`select count(*) as n from "${name}"`));
    out[name] = Number(row!.n);
  }
  return out;
}

/**
 * CSRF as a matrix over every unsafe route the app registers (pages and API): on a valid session, a request without
 * the token, with a forged one, with another session's token or from a foreign origin is refused (403) and writes
 * nothing. New routes are covered as they are added.
 */
describe.each(testEngines())('CSRF on every unsafe route on %s', (engine) => {
  let t: TestApp;
  let admin: { cookie: string; csrf: string; token: string };
  let other: { csrf: string };
  let routes: { method: string; url: string; api: boolean }[];

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: 'demo' });
    admin = await demoSession(t.database.db, 'admin');
    other = await demoSession(t.database.db, 'agencyEditor');
    const procurement = ((await t.app.inject({ url: '/api/v1/procurements' })).json().items as { id: string }[])[0]!.id;
    const values: Record<string, string> = { orgnr: DEMO_ROLES.agencyEditor.agency, id: procurement, slug: DEMO_ROLES.providerEditor.provider, service: 'lonnstjenester' };
    routes = t.app.routeInventory
      .filter((r) => UNSAFE.has(r.method) && !r.url.startsWith('/nn/') && !r.url.startsWith('/en/'))
      .map((r) => ({ method: r.method, url: r.url.replace(/:(\w+)/g, (_m, n: string) => values[n] ?? '00000000-0000-4000-8000-000000000000'), api: r.url.startsWith('/api/') }));
  });
  afterAll(async () => t?.close());

  it('finds the unsafe routes: forms, the API and sign-out', () => {
    const urls = routes.map((r) => `${r.method} ${r.url}`);
    expect(urls).toContain('POST /auth/logout');
    expect(urls.filter((u) => u.includes('/api/v1/')).length).toBeGreaterThan(5);
    expect(urls.filter((u) => !u.includes('/api/')).length).toBeGreaterThan(10);
  });

  it('refuses a missing, forged or borrowed token and a foreign origin on every one, and writes nothing', async () => {
    const before = await tableCounts(t);
    const wrong: string[] = [];
    for (const r of routes) {
      const attempts: [string, Record<string, string>, Record<string, string>][] = [
        ['no token', {}, {}],
        ['forged token', { 'x-csrf-token': 'forged-forged-forged-forged-1234' }, { _csrf: 'forged-forged-forged-forged-1234' }],
        ["another session's token", { 'x-csrf-token': other.csrf }, { _csrf: other.csrf }],
        ['foreign origin', { 'x-csrf-token': admin.csrf, origin: 'https://evil.example' }, { _csrf: admin.csrf }],
        ['null origin', { 'x-csrf-token': admin.csrf, origin: 'null' }, { _csrf: admin.csrf }],
      ];
      for (const [what, headers, fields] of attempts) {
        const res = r.api
          ? await t.app.inject({ method: r.method as 'POST', url: r.url, headers: { cookie: admin.cookie, 'content-type': 'application/json', ...headers }, payload: '{}' })
          : await t.app.inject({
              method: r.method as 'POST',
              url: r.url,
              headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded', ...(headers.origin ? { origin: headers.origin } : {}) },
              payload: new URLSearchParams(fields).toString(),
            });
        if (res.statusCode !== 403) wrong.push(`${r.method} ${r.url} (${what}): ${res.statusCode}`);
        else expect(res.body, `${r.method} ${r.url} (${what})`).toMatch(/sikkerhetsnøkkel|annet nettsted/);
      }
    }
    expect(wrong).toEqual([]);
    expect(await tableCounts(t)).toEqual(before);
    // The session survived every refused sign-out.
    const still = await t.app.inject({ url: '/min-side', headers: { cookie: admin.cookie } });
    expect(still.statusCode).toBe(200);
  });

  it('lets the same request through with the right token (the refusals above are about CSRF, not something else)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/auth/logout', headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${admin.csrf}` });
    expect(res.statusCode).toBe(303);
    const after = await t.app.inject({ url: '/min-side', headers: { cookie: admin.cookie } });
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toMatch(/^\/logg-inn/);
  });
});
