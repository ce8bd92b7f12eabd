import type { Engine } from '../../src/db/database.js';

/**
 * The database engines the DB tests run on. Both by default: a missing PostgreSQL fails the run, it is never
 * skipped. `npm test` starts a throwaway server and sets TEST_DATABASE_URL. A developer may narrow the run with
 * TEST_ENGINES=pglite for a quick local loop; CI never sets it.
 */
export function testEngines(): Engine[] {
  const wanted = (process.env.TEST_ENGINES ?? 'pglite,postgres').split(',').map((s) => s.trim()).filter(Boolean);
  for (const e of wanted) if (e !== 'pglite' && e !== 'postgres') throw new Error(`TEST_ENGINES: unknown engine "${e}"`);
  return wanted as Engine[];
}

export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error('TEST_DATABASE_URL is not set: run the suite with `npm test`, which starts a PostgreSQL server (or set TEST_ENGINES=pglite for a PGlite-only local run).');
  }
  return url;
}

/**
 * The one engine the browser tests (test/e2e/) run on: the last asked for, PostgreSQL in `npm test` as in
 * production. What a browser test adds — markup, axe, keyboard, CSP, sign-in through the OIDC provider — does not
 * depend on the engine, and every route and command the flows go through runs on both engines in the DB/API tests
 * (test/api/, test/faults/); see docs/adr/0013-test-suite-budget.md.
 */
export function browserEngine(): Engine {
  return testEngines().at(-1)!;
}
