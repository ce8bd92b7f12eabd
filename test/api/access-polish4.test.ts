import { describe } from 'vitest';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { caller, matrix, useDemoSessions } from '../support/sessions.js';

/**
 * Authorization rows of lane polish4 (issue 18): the declarations overview's filtered download, and the prices in a
 * service's draft. The public is sent to sign in on pages (303) and gets 401 from the API.
 */
describe.each(testEngines())('access (polish4) on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });
  const headers = useDemoSessions(t);
  const call = caller(() => t, () => headers);
  let travel = '';
  const travelId = async () => (travel ||= ((await t.app.inject({ url: '/api/v1/procurements' })).json().items as { id: string; status: string }[]).find((p) => p.status === 'consultation')!.id);

  // Lise's agency has not declared on the travel agreement in the demo data, yet she may read (and download) her
  // agencies' declarations — an empty list; another provider (Dag, DFØ) may not.
  matrix('download the travel agreement’s declarations under a filter', { anonymous: 303, lise: 200, per: 200, siri: 200, dag: 403, mona: 200, anne: 200 }, async (who) =>
    call(who, 'GET', `/anskaffelser/${await travelId()}/erklaeringer/tabeller/erklaeringer.csv?grunn=own_contract`),
  );

  // Prices are part of the draft: a DFØ service's prices are for DFØ's editors and administrators. A bad amount
  // shows the check happens after access: those allowed get 400, the rest 401/403.
  matrix('save a draft with a price of DFØ payroll', { anonymous: 401, lise: 403, per: 403, siri: 403, dag: 400, mona: 403, anne: 400 }, async (who) => {
    const doc = (await call('anonymous', 'GET', '/api/v1/services/dfo-lonn/versions/1')).json().document as Record<string, unknown>;
    return call(who, 'PUT', '/api/v1/services/dfo-lonn/draft', { ...doc, prices: [{ label: null, amount: -1, unit: 'per_year', note: null, validFrom: null }] });
  });
});
