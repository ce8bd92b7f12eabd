import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { useDemoSessions } from '../support/sessions.js';

/** A 403 page says which role is needed and whom to ask; the API keeps answering problem+json. */
describe.each(testEngines())('the 403 page on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });
  const headers = useDemoSessions(t);


  it.each([
    ['nb', '', 'Du har ikke tilgang til denne siden', 'Dette krever rollen Administrator (DFØ).', 'Roller gis av administratoren i DFØ.'],
    ['nn', '/nn', 'Du har ikkje tilgang til denne sida', 'Dette krev rolla', 'Roller blir gitt av administratoren i DFØ.'],
    ['en', '/en', 'You do not have access to this page', 'This needs the role', 'Roles are given by the administrator at DFØ.'],
  ])('in %s names the role and whom to ask', async (_lang, prefix, title, role, ask) => {
    const res = await t.app.inject({ url: `${prefix}/admin/roller`, headers: { cookie: headers.lise.cookie! } });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain(title);
    expect(res.body).toContain(role);
    expect(res.body).toContain(ask);
  });

  it('names every role that would do, joined with "eller"', async () => {
    const res = await t.app.inject({ url: '/min-side/departement/972417866', headers: { cookie: headers.lise.cookie! } });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Dette krever rollen Departementsleser eller Administrator (DFØ).');
  });

  it('keeps problem+json for the API', async () => {
    const res = await t.app.inject({ url: '/api/v1/audit', headers: { cookie: headers.mona.cookie! } });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 403 });
    expect(res.body).not.toContain('Roller gis av');
  });
});
