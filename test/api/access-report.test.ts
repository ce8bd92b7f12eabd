/**
 * Authorization for the report lane's actions (issue 17) as a matrix: every demo role and the public, allowed and
 * denied, over HTTP with real sessions and CSRF tokens, on both engines.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, describe } from 'vitest';
import { serviceOptOuts } from '../../src/db/schema/index.js';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { caller, useDemoSessions, formPoster, matrix, type Who } from '../support/sessions.js';
import { useDemoConsultation } from '../support/factories.js';

const LOTTSTIFT = '982391490'; // Lise's agency, under KUD (Mona)
const VALG = '916132727'; // Per's agency; does not use DFØ accounting in the demo data

describe.each(testEngines())('authorization of the report lane on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });
  const headers = useDemoSessions(t);
  let valgNonUse: string;
  beforeAll(async () => {
    const [row] = await t.database.db.select({ id: serviceOptOuts.id }).from(serviceOptOuts).where(and(eq(serviceOptOuts.agencyOrgnr, VALG), isNull(serviceOptOuts.withdrawnAt)));
    valgNonUse = row!.id;
  });
  const call = caller(() => t, () => headers);
  const form = formPoster(() => t, () => headers);
  const page = (who: Who, url: string) => t.app.inject({ url, headers: headers[who].cookie ? { cookie: headers[who].cookie } : {} });

  describe('non-use of services (item 1)', () => {
    matrix('read Valgdirektoratet’s non-use', { anonymous: 401, lise: 403, per: 200, siri: 403, dag: 403, mona: 403, anne: 200 }, (w) => call(w, 'GET', `/api/v1/agencies/${VALG}/non-use`));
    matrix('read Lotteri- og stiftelsestilsynet’s non-use (its ministry may)', { anonymous: 401, lise: 200, per: 403, siri: 403, dag: 403, mona: 200, anne: 200 }, (w) =>
      call(w, 'GET', `/api/v1/agencies/${LOTTSTIFT}/non-use`),
    );
    matrix('read DFØ’s follow-up list', { anonymous: 401, lise: 403, per: 403, siri: 403, dag: 200, mona: 403, anne: 200 }, (w) => call(w, 'GET', '/api/v1/providers/dfo/non-use'));
    matrix('follow up Valgdirektoratet’s non-use of DFØ accounting', { anonymous: 401, lise: 403, per: 403, siri: 403, dag: 200, mona: 403, anne: 200 }, (w) =>
      call(w, 'PUT', `/api/v1/non-use/${valgNonUse}/follow-up`, { state: 'contacted', note: `av ${w}` }),
    );
    matrix('read the non-use statistics', { anonymous: 200, lise: 200, per: 200, siri: 200, dag: 200, mona: 200, anne: 200 }, (w) => call(w, 'GET', '/api/v1/stats/non-use'));
    matrix('open DFØ’s follow-up page', { anonymous: 303, lise: 403, per: 403, siri: 403, dag: 200, mona: 403, anne: 200 }, (w) => page(w, '/min-side/leverandor/dfo/ikke-bruk'));
    matrix('follow up by form', { anonymous: 401, lise: 403, per: 403, siri: 403, dag: 303, mona: 403, anne: 303 }, (w) =>
      form(w, `/min-side/leverandor/dfo/ikke-bruk/${valgNonUse}`, { state: 'resolved', note: `skjema av ${w}` }),
    );
  });

  describe('access requests (item 3)', () => {
    const SERVICE = 'mdir-felles-arkiv'; // a sector service outside every demo agency's ministry area
    // Lise asks for her agency; Per for one of his (Valgdirektoratet); the administrator for Likestillingsombudet.
    const asker: Partial<Record<Who, string>> = { lise: LOTTSTIFT, per: VALG, anne: '988681873' };
    matrix('ask for access to a sector service for one’s own agency', { anonymous: 401, lise: 201, per: 201, siri: 403, dag: 403, mona: 403, anne: 201 }, (w) =>
      call(w, 'POST', `/api/v1/services/${SERVICE}/access-requests`, { agency: asker[w] ?? LOTTSTIFT, need: `Behov fra ${w}` }),
    );
    matrix('read the requests for a service (the provider all, an agency its own)', { anonymous: 401, lise: 200, per: 200, siri: 403, dag: 403, mona: 403, anne: 200 }, (w) =>
      call(w, 'GET', `/api/v1/services/${SERVICE}/access-requests`),
    );
    matrix('answer a request (only the provider, here none of the demo editors, and the administrator)', { anonymous: 401, lise: 403, per: 403, siri: 403, dag: 403, mona: 403, anne: 200 }, async (w) => {
      const list = (await call('anne', 'GET', `/api/v1/services/${SERVICE}/access-requests`)).json() as { items: { id: string; state: string }[] };
      const open = list.items.find((x) => x.state === 'pending')!;
      return call(w, 'PUT', `/api/v1/services/${SERVICE}/access-requests/${open.id}`, { state: 'waiting_list' });
    });
    matrix('read the demand in the aggregate', { anonymous: 200, lise: 200, per: 200, siri: 200, dag: 200, mona: 200, anne: 200 }, (w) => call(w, 'GET', '/api/v1/stats/access-requests'));
    matrix('ask by form on the agency’s page', { anonymous: 401, lise: 409, per: 403, siri: 403, dag: 403, mona: 403, anne: 409 }, (w) =>
      form(w, `/virksomheter/${LOTTSTIFT}/hva-kan-vi-bruke/tilgang`, { service: SERVICE, need: 'Skjema' }),
    );
  });

  describe('questions on a procurement in consultation (item 2)', () => {
    const open = useDemoConsultation(t);
    const asker: Partial<Record<Who, string>> = { lise: LOTTSTIFT, per: VALG, anne: LOTTSTIFT };
    matrix('ask a question for one’s own agency', { anonymous: 401, lise: 201, per: 201, siri: 403, dag: 403, mona: 403, anne: 201 }, (w) =>
      call(w, 'POST', `/api/v1/procurements/${open()}/questions`, { agency: asker[w] ?? LOTTSTIFT, question: `Spørsmål fra ${w}` }),
    );
    matrix('answer a question (the provider running it and the administrator)', { anonymous: 401, lise: 403, per: 403, siri: 200, dag: 403, mona: 403, anne: 200 }, async (w) => {
      const list = (await call('anne', 'GET', `/api/v1/procurements/${open()}/questions`)).json() as { items: { id: string }[] };
      return call(w, 'PUT', `/api/v1/procurements/${open()}/questions/${list.items[0]!.id}/answer`, { answer: `Svar fra ${w}` });
    });
    matrix('read the questions and answers', { anonymous: 200, lise: 200, per: 200, siri: 200, dag: 200, mona: 200, anne: 200 }, (w) => call(w, 'GET', `/api/v1/procurements/${open()}/questions`));
  });
});
