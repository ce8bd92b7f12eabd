import { afterAll, beforeAll, describe } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { createPlannedProcurement } from '../support/factories.js';
import { caller, demoSessions, formPoster, matrix, type Who } from '../support/sessions.js';

/**
 * Authorization for reach (issue 13): the running provider and DFØ see who a consultation notice reaches; only DFØ
 * keeps agencies' contact addresses. Following is open to every signed-in person on every followable page.
 */
describe.each(testEngines())('authorization of reach and following on %s', (engine) => {
  let t: TestApp;
  let headers: Record<Who, Record<string, string>>;
  let planned = '';
  let sisId = '';

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: 'demo' });
    headers = await demoSessions(t.database.db);
    const p = await createPlannedProcurement(t.database.db, 'statens-innkjopssenter', 'Matrisetest');
    [planned, sisId] = [p.id, p.providerId];
  });
  afterAll(async () => t?.close());

  const call = caller(() => t, () => headers);
  const post = formPoster(() => t, () => headers);
  const page = (w: Who, url: string) => t.app.inject({ url, headers: headers[w].cookie ? { cookie: headers[w].cookie } : {} });

  matrix("a procurement's reach (API)", { anonymous: 401, lise: 403, per: 403, siri: 200, dag: 403, mona: 403, anne: 200 }, (w) => call(w, 'GET', `/api/v1/procurements/${planned}/reach`));
  matrix("set an agency's contact address (API)", { anonymous: 401, lise: 403, per: 403, siri: 403, dag: 403, mona: 403, anne: 204 }, (w) =>
    call(w, 'PUT', '/api/v1/agencies/982391490/notice-email', { email: `post-${w}@lottstift.example` }),
  );
  matrix('the contact addresses page', { anonymous: 303, lise: 403, per: 403, siri: 403, dag: 403, mona: 403, anne: 200 }, (w) => page(w, '/admin/kontaktadresser'));
  matrix('set a contact address (form)', { anonymous: 401, lise: 403, per: 403, siri: 403, dag: 403, mona: 403, anne: 303 }, (w) =>
    post(w, '/admin/kontaktadresser/982391490', { email: `skjema-${w}@lottstift.example` }),
  );
  matrix('Følg on a provider page (form)', { anonymous: 401, lise: 303, per: 303, siri: 303, dag: 303, mona: 303, anne: 303 }, (w) =>
    post(w, '/folg', { type: 'provider', id: sisId, follow: 'yes', returnTo: '/leverandorer/statens-innkjopssenter' }),
  );
});
