/**
 * Authorization for the report3 lane (issue 17, rest) as a matrix: the statistics for a past day and the baselines
 * table's downloads are public reads like the pages and answers they come from; every demo role and the public, over
 * HTTP with real sessions, on both engines.
 */
import { describe } from 'vitest';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { caller, matrix, useDemoSessions, type Who } from '../support/sessions.js';

const ALL_200: Record<Who, number> = { anonymous: 200, lise: 200, per: 200, siri: 200, dag: 200, mona: 200, anne: 200 };
const ALL_400: Record<Who, number> = { anonymous: 400, lise: 400, per: 400, siri: 400, dag: 400, mona: 400, anne: 400 };

describe.each(testEngines())('authorization of the report3 lane on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });
  const headers = useDemoSessions(t);
  const call = caller(() => t, () => headers);

  matrix('read the opt-out statistics for a past day', ALL_200, (w) => call(w, 'GET', '/api/v1/stats/optouts?asOf=2024-03-15'));
  matrix('read the demand for access for a past day', ALL_200, (w) => call(w, 'GET', '/api/v1/stats/access-requests?asOf=2024-03-15'));
  matrix('ask for a day that has not come', ALL_400, (w) => call(w, 'GET', '/api/v1/stats/access-requests?asOf=2999-01-01'));
  matrix('download the opt-out table for a past day', ALL_200, (w) => call(w, 'GET', '/statistikk/fravalg/tabeller/fravalg.csv?asOf=2024-03-15'));
  matrix('download the satisfaction table for a past day', ALL_200, (w) => call(w, 'GET', '/statistikk/tilfredshet-og-gevinster/tabeller/tilfredshet.xlsx?asOf=2024-03-15'));
  matrix('download the baselines table of DFØ payroll', ALL_200, (w) => call(w, 'GET', '/tjenester/dfo-lonn/utgangspunkt/tabeller/utgangspunkt.csv'));
  matrix('download the baselines table of DFØ payroll as XLSX', ALL_200, (w) => call(w, 'GET', '/tjenester/dfo-lonn/utgangspunkt/tabeller/utgangspunkt.xlsx'));
});
