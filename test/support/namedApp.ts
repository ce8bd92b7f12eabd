import type { Engine } from '../../src/db/database.js';
import { type TestApp, useTestApp } from './app.js';
import { namedAgencies } from './factories.js';

/**
 * The app on an empty database for the enclosing describe block (useTestApp), with agencies by the test's own names:
 * `add('kd', {...})` in a hook creates one and keeps its organisation number in `orgnr.kd` for the tests.
 */
export function useAppWithNamedAgencies(engine: Engine): { t: TestApp; orgnr: Record<string, string>; add: ReturnType<typeof namedAgencies>['add'] } {
  const t = useTestApp(engine, { seed: 'empty' });
  const orgnr: Record<string, string> = {};
  return { t, orgnr, add: (key, over) => namedAgencies(t.database.db, orgnr).add(key, over) };
}
