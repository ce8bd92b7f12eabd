import { beforeAll, describe } from 'vitest';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { caller, formPoster, matrix, useDemoSessions, type Who } from '../support/sessions.js';

/**
 * The authorization matrix for keeping providers and service areas and for the review queue (issue 12): DFØ's
 * administrator (anne) creates and changes providers and areas; a provider's editor (siri: Statens innkjøpssenter,
 * dag: DFØ) changes only its own provider's descriptive fields, never its org number, address or model; agency
 * editors and the ministry reader nothing. Pages send the public to sign in (303); API calls and form posts without
 * a session are 401.
 */
describe.each(testEngines())('authorization for keeping providers and areas on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });
  const headers = useDemoSessions(t);
  const call = caller(() => t, () => headers);
  const post = formPoster(() => t, () => headers);
  let dfo: Record<string, unknown>;
  let sis: Record<string, unknown>;
  let lonn: Record<string, unknown>;

  beforeAll(async () => {
    dfo = (await call('anne', 'GET', '/api/v1/providers/dfo/document')).json();
    sis = (await call('anne', 'GET', '/api/v1/providers/statens-innkjopssenter/document')).json();
    lonn = (await call('anne', 'GET', '/api/v1/areas/lonn/document')).json();
  });

  const deny = (allowed: Partial<Record<Who, number>>, anonymous = 401) => ({ anonymous, lise: 403, per: 403, siri: 403, dag: 403, mona: 403, anne: 403, ...allowed });
  const page = (allowed: Partial<Record<Who, number>>) => deny(allowed, 303);
  let n = 0;
  const unique = () => `ny-${++n}`;

  matrix('API: read DFØ’s provider document', deny({ dag: 200, anne: 200 }), (w) => call(w, 'GET', '/api/v1/providers/dfo/document'));
  matrix('API: change DFØ’s description', deny({ dag: 200, anne: 200 }), (w) => call(w, 'PUT', '/api/v1/providers/dfo', { ...dfo, description: { nb: `Endret av ${w}` } }));
  matrix('API: change Statens innkjøpssenter’s contact', deny({ siri: 200, anne: 200 }), (w) =>
    call(w, 'PUT', '/api/v1/providers/statens-innkjopssenter', { ...sis, contact: { email: `${w}@sis.example`, phone: null, url: null } }),
  );
  matrix('API: change Statens innkjøpssenter’s org number', deny({ anne: 200 }), (w) => call(w, 'PUT', '/api/v1/providers/statens-innkjopssenter', { ...sis, orgnr: '974760673' }));
  matrix('API: change DFØ’s delivery model', deny({ anne: 200 }), (w) => call(w, 'PUT', '/api/v1/providers/dfo', { ...dfo, model: 'sector' }));
  matrix('API: add a provider', deny({ anne: 201 }), (w) => call(w, 'POST', '/api/v1/providers', { ...dfo, slug: unique(), orgnr: null }));
  matrix('API: read an area’s document', deny({ anne: 200 }), (w) => call(w, 'GET', '/api/v1/areas/lonn/document'));
  matrix('API: change an area', deny({ anne: 200 }), (w) => call(w, 'PUT', '/api/v1/areas/lonn', { ...lonn, description: { nb: `Lønn, endret av ${w}` } }));
  matrix('API: add an area', deny({ anne: 201 }), (w) => call(w, 'POST', '/api/v1/areas', { ...lonn, slug: unique() }));

  matrix('page: providers and areas (admin)', page({ anne: 200 }), (w) => call(w, 'GET', '/admin/katalog'));
  matrix('page: new provider', page({ anne: 200 }), (w) => call(w, 'GET', '/leverandorer/ny'));
  matrix('page: edit DFØ', page({ dag: 200, anne: 200 }), (w) => call(w, 'GET', '/leverandorer/dfo/rediger'));
  matrix('page: edit Statens innkjøpssenter in nynorsk', page({ siri: 200, anne: 200 }), (w) => call(w, 'GET', '/nn/leverandorer/statens-innkjopssenter/rediger'));
  matrix('page: new area', page({ anne: 200 }), (w) => call(w, 'GET', '/omrader/ny'));
  matrix('page: edit an area in English', page({ anne: 200 }), (w) => call(w, 'GET', '/en/omrader/lonn/rediger'));
  matrix('page: drafts and approval', page({ siri: 200, dag: 200, anne: 200 }), (w) => call(w, 'GET', '/kvalitet/utkast'));

  const dfoForm = { slug: 'dfo', orgnr: '986252932', model: 'central', 'name.nb': 'Direktoratet for forvaltning og økonomistyring', 'description.nb': 'DFØ.' };
  matrix('form: save DFØ', deny({ dag: 303, anne: 303 }), (w) => post(w, '/leverandorer/dfo/rediger', dfoForm));
  matrix('form: turn review on for DFØ', deny({ anne: 303 }), (w) => post(w, '/leverandorer/dfo/godkjenning', { reviewRequired: 'true' }));
  matrix('form: add a provider', deny({ anne: 303 }), (w) => post(w, '/leverandorer/ny', { ...dfoForm, slug: unique(), orgnr: '' }));
  matrix('form: save an area', deny({ anne: 303 }), (w) => post(w, '/omrader/lonn/rediger', { slug: 'lonn', 'name.nb': 'Lønn', 'description.nb': 'Lønn.' }));
  matrix('form: add an area', deny({ anne: 303 }), (w) => post(w, '/omrader/ny', { slug: unique(), 'name.nb': 'Nytt', 'description.nb': 'Nytt.' }));
});
