import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { useDemoConsultation } from '../support/factories.js';
import { testEngines } from '../support/engines.js';
import { caller, useDemoSessions, formPoster, matrix, type Who } from '../support/sessions.js';

/**
 * Authorization for following and notifications (issue 13): every signed-in person keeps their own follows and
 * notifications (readers too), the public is asked to sign in, and only administrators see failed jobs.
 */
describe.each(testEngines())('authorization of follows and notifications on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });
  const headers = useDemoSessions(t);
  const travel = useDemoConsultation(t);

  const call = caller(() => t, () => headers);
  const post = formPoster(() => t, () => headers);
  const page = (w: Who, url: string) => t.app.inject({ url, headers: headers[w].cookie ? { cookie: headers[w].cookie } : {} });

  matrix('list my follows', { anonymous: 401, lise: 200, per: 200, siri: 200, dag: 200, mona: 200, anne: 200 }, (w) => call(w, 'GET', '/api/v1/me/follows'));
  matrix('follow a procurement', { anonymous: 401, lise: 204, per: 204, siri: 204, dag: 204, mona: 204, anne: 204 }, (w) => call(w, 'PUT', '/api/v1/me/follows', { type: 'procurement', id: travel() }));
  matrix('stop following it', { anonymous: 401, lise: 204, per: 204, siri: 204, dag: 204, mona: 204, anne: 204 }, (w) => call(w, 'DELETE', `/api/v1/me/follows?type=procurement&id=${travel()}`));
  matrix('list my notifications', { anonymous: 401, lise: 200, per: 200, siri: 200, dag: 200, mona: 200, anne: 200 }, (w) => call(w, 'GET', '/api/v1/me/notifications'));
  matrix('mark my notifications read', { anonymous: 401, lise: 200, per: 200, siri: 200, dag: 200, mona: 200, anne: 200 }, (w) => call(w, 'POST', '/api/v1/me/notifications/read', {}));
  matrix('the notifications page', { anonymous: 303, lise: 200, per: 200, siri: 200, dag: 200, mona: 200, anne: 200 }, (w) => page(w, '/min-side/varsler'));
  matrix('Følg on a procurement page (form)', { anonymous: 401, lise: 303, per: 303, siri: 303, dag: 303, mona: 303, anne: 303 }, (w) =>
    post(w, '/folg', { type: 'procurement', id: travel(), follow: 'yes', returnTo: `/anskaffelser/${travel()}` }),
  );
  matrix('failed jobs (DFØ)', { anonymous: 303, lise: 403, per: 403, siri: 403, dag: 403, mona: 403, anne: 200 }, (w) => page(w, '/admin/jobber'));

  it("one person's notifications are not another's: marking ids that are not yours changes nothing", async () => {
    const r = await call('lise', 'POST', '/api/v1/me/notifications/read', { ids: ['00000000-0000-0000-0000-000000000000'] });
    expect(r.statusCode).toBe(200);
  });

  it('a Følg form back to another site is not followed there: the redirect stays on this site', async () => {
    const r = await post('lise', '/folg', { type: 'procurement', id: travel(), follow: 'yes', returnTo: '//evil.example/x' });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toMatch(/^\/min-side\/varsler\?ok=followed$/);
  });
});
