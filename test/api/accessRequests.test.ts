/**
 * Asking for access (issue 17, item 3; Difi recommendation 4, the report's 5.5 model 3): an agency outside a sector
 * service's target group asks with its need, the provider answers, the demand shows in the aggregate, and the
 * agency's "what can we use?" page lists such services as "ask for access" instead of hiding them.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { providers } from '../../src/db/schema/index.js';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { decode, expectHtmlPage, expectProblem } from '../support/expectations.js';
import { caller, useDemoSessions, formPoster, signedIn, type TestSession } from '../support/sessions.js';

const LOTTSTIFT = '982391490';
const VALG = '916132727';
const SERVICE = 'mdir-felles-arkiv'; // a sector service of the environment ministry's area

describe.each(testEngines())('access requests on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });
  const headers = useDemoSessions(t);
  let mdir: TestSession;
  beforeAll(async () => {
    const [p] = await t.database.db.select({ id: providers.id }).from(providers).where(eq(providers.slug, 'miljodirektoratet'));
    mdir = await signedIn(t.database.db, [{ role: 'provider_editor', providerId: p!.id }], { name: 'Mia Miljø' });
  });
  const call = caller(() => t, () => headers);
  const form = formPoster(() => t, () => headers);
  const asMdir = (method: 'GET' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: { ...mdir.headers, ...(payload ? { 'content-type': 'application/json' } : {}) }, ...(payload ? { payload: JSON.stringify(payload) } : {}) });

  it('shows an agency the sector services outside its target group as "ask for access", and lets its editor ask without JavaScript', async () => {
    const page = decode(expectHtmlPage(await t.app.inject({ url: `/virksomheter/${LOTTSTIFT}/hva-kan-vi-bruke`, headers: { cookie: headers.lise.cookie! } }), 'nb'));
    expect(page).toContain('Tjenester dere kan be om tilgang til');
    expect(page).toContain(`/tjenester/${SERVICE}`);
    expect(page).toContain('name="need"');
    // The public sees the list but no form.
    const anon = decode(expectHtmlPage(await t.app.inject({ url: `/virksomheter/${LOTTSTIFT}/hva-kan-vi-bruke` }), 'nb'));
    expect(anon).toContain(`/tjenester/${SERVICE}`);
    expect(anon).not.toContain('name="need"');
    for (const [prefix, lang, title] of [['/nn', 'nn', 'Tenester de kan be om tilgang til'], ['/en', 'en', 'Services you can ask for access to']] as const) {
      expect(decode(expectHtmlPage(await t.app.inject({ url: `${prefix}/virksomheter/${LOTTSTIFT}/hva-kan-vi-bruke` }), lang))).toContain(title);
    }
    const res = await form('lise', `/virksomheter/${LOTTSTIFT}/hva-kan-vi-bruke/tilgang`, { service: SERVICE, need: 'Vi trenger et arkivsystem og har ingen egen arkivar.' });
    expect(res.statusCode).toBe(303);
    const after = decode(expectHtmlPage(await t.app.inject({ url: `/virksomheter/${LOTTSTIFT}/hva-kan-vi-bruke?tilgang=sendt`, headers: { cookie: headers.lise.cookie! } }), 'nb'));
    expect(after).toContain('Forespørselen er sendt til leverandøren.');
    expect(after).toContain('Venter på svar');
  });

  it('refuses a second open request, a service one may already use, and an empty need', async () => {
    expectProblem(await call('lise', 'POST', `/api/v1/services/${SERVICE}/access-requests`, { agency: LOTTSTIFT, need: 'Igjen' }), 409, /allerede en åpen forespørsel/);
    expectProblem(await call('lise', 'POST', '/api/v1/services/dfo-lonn/access-requests', { agency: LOTTSTIFT, need: 'Lønn' }), 409, /ikke en sektor- eller gruppetjeneste/);
    expectProblem(await call('per', 'POST', `/api/v1/services/${SERVICE}/access-requests`, { agency: VALG, need: '   ' }), 400, /Beskriv behovet/);
  });

  it('lets the provider answer: waiting list, then granted; a decline needs a reason; the agency sees the answer', async () => {
    const created = await call('per', 'POST', `/api/v1/services/${SERVICE}/access-requests`, { agency: VALG, need: 'Arkiv for valgdokumenter.' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expectProblem(await asMdir('PUT', `/api/v1/services/${SERVICE}/access-requests/${id}`, { state: 'declined' }), 400, /begrunnes/);
    expect((await asMdir('PUT', `/api/v1/services/${SERVICE}/access-requests/${id}`, { state: 'waiting_list' })).json()).toMatchObject({ state: 'waiting_list' });
    expect((await asMdir('PUT', `/api/v1/services/${SERVICE}/access-requests/${id}`, { state: 'granted', reason: 'Fra 1. mars.' })).json()).toMatchObject({ state: 'granted', answer: 'Fra 1. mars.' });
    expectProblem(await asMdir('PUT', `/api/v1/services/${SERVICE}/access-requests/${id}`, { state: 'declined', reason: 'Likevel ikke' }), 409, /allerede besvart/);
    const all = (await asMdir('GET', `/api/v1/services/${SERVICE}/access-requests`)).json();
    expect(all.items.map((x: { agency: { orgnr: string } }) => x.agency.orgnr).sort()).toEqual([LOTTSTIFT, VALG].sort());
    const own = (await call('per', 'GET', `/api/v1/services/${SERVICE}/access-requests`)).json();
    expect(own.items).toHaveLength(1);
    expect(own.items[0]).toMatchObject({ state: 'granted', agency: { orgnr: VALG } });
  });

  it('shows the demand in the aggregate with the small-group rule', async () => {
    const demand = (await t.app.inject({ url: '/api/v1/stats/access-requests' })).json();
    const item = demand.items.find((x: { service: { slug: string } }) => x.service.slug === SERVICE);
    expect(item.total).toBeNull();
    expect(Object.values(item.byState).every((v) => v === null)).toBe(true);
  });
});
