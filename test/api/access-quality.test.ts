import { afterAll, beforeAll, describe } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { caller, demoSessions, formPoster, matrix, type Who } from '../support/sessions.js';

/**
 * The authorization matrix for data quality (issue 12): every role and the public × the overview, a provider's own
 * page, its downloads and "mark as reviewed". DFØ's administrator (anne) sees every provider; a provider's editor
 * (siri: Statens innkjøpssenter, dag: DFØ) only their own; agency editors and the ministry reader nothing. Pages
 * send the public to sign in (303); a form post without a session is 401.
 */
describe.each(testEngines())('authorization for data quality on %s', (engine) => {
  let t: TestApp;
  let headers: Record<Who, Record<string, string>>;
  const call = caller(() => t, () => headers);
  const post = formPoster(() => t, () => headers);

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: 'demo' });
    headers = await demoSessions(t.database.db);
  });
  afterAll(async () => t?.close());

  const page = (allowed: Partial<Record<Who, number>>) => ({ anonymous: 303, lise: 403, per: 403, siri: 403, dag: 403, mona: 403, anne: 403, ...allowed });
  const form = (allowed: Partial<Record<Who, number>>) => ({ anonymous: 401, lise: 403, per: 403, siri: 403, dag: 403, mona: 403, anne: 403, ...allowed });

  matrix('page: the data quality overview', page({ siri: 200, dag: 200, anne: 200 }), (w) => call(w, 'GET', '/kvalitet'));
  matrix('download: the overview per provider (CSV)', page({ siri: 200, dag: 200, anne: 200 }), (w) => call(w, 'GET', '/kvalitet/tabeller/leverandorer.csv'));
  matrix('page: DFØ’s entries', page({ dag: 200, anne: 200 }), (w) => call(w, 'GET', '/kvalitet/dfo'));
  matrix('page: DFØ’s entries in English', page({ dag: 200, anne: 200 }), (w) => call(w, 'GET', '/en/kvalitet/dfo'));
  matrix('download: DFØ’s entries with gaps (XLSX)', page({ dag: 200, anne: 200 }), (w) => call(w, 'GET', '/kvalitet/dfo/tabeller/oppforinger.xlsx'));
  matrix('page: Statens innkjøpssenter’s entries', page({ siri: 200, anne: 200 }), (w) => call(w, 'GET', '/kvalitet/statens-innkjopssenter'));
  matrix('form: mark DFØ’s payroll entry as reviewed', form({ dag: 303, anne: 303 }), (w) => post(w, '/kvalitet/dfo/gjennomgatt', { service: 'dfo-lonn' }));
  matrix('form: mark a travel agreement as reviewed', form({ siri: 303, anne: 303 }), (w) => post(w, '/kvalitet/statens-innkjopssenter/gjennomgatt', { service: 'si-reisebyratjenester' }));
  matrix('form: mark another provider’s service through DFØ’s page', form({ dag: 404, anne: 404 }), (w) => post(w, '/kvalitet/dfo/gjennomgatt', { service: 'si-reisebyratjenester' }));
  const api = (allowed: Partial<Record<Who, number>>) => ({ anonymous: 401, lise: 403, per: 403, siri: 403, dag: 403, mona: 403, anne: 403, ...allowed });
  const upload = (w: Who, query: string) =>
    t.app.inject({ method: 'POST', url: `/api/v1/providers/dfo/catalogue-imports?${query}`, headers: { ...headers[w], 'content-type': 'text/csv' }, payload: 'tjeneste;navn\r\ndfo-lonn-utlegg;Utlegg\r\n' });
  matrix('page: upload DFØ’s catalogue', page({ dag: 200, anne: 200 }), (w) => call(w, 'GET', '/leverandorer/dfo/katalog'));
  matrix('download: DFØ’s entries in the upload’s columns (page)', page({ dag: 200, anne: 200 }), (w) => call(w, 'GET', '/leverandorer/dfo/katalog/tabeller/tjenester.csv'));
  matrix('API: download DFØ’s entries', api({ dag: 200, anne: 200 }), (w) => call(w, 'GET', '/api/v1/providers/dfo/catalogue.xlsx'));
  matrix('API: preview a bulk upload for DFØ', api({ dag: 200, anne: 200 }), (w) => upload(w, 'dryRun=true'));
  matrix('API: apply a bulk upload for DFØ as drafts', api({ dag: 201, anne: 201 }), (w) => upload(w, 'dryRun=false&mode=drafts'));
});
