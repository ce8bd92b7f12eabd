import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/db/schema/index.js';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { caller, formPoster, useDemoSessions } from '../support/sessions.js';

/**
 * DFØ keeps providers and service areas (issue 12): through the API and the no-JS forms, validated like the service
 * drafts (400 naming each field, in the asked language; the org number's MOD11 check), with an audit event per
 * change, shown on the next request in the API, the pages, search and catalog.ttl. A provider's own editors keep
 * its descriptive fields, not its org number; the review queue lists drafts waiting for DFØ.
 */
describe.each(testEngines())('keeping providers and areas on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });
  const headers = useDemoSessions(t);
  const call = caller(() => t, () => headers);
  const post = formPoster(() => t, () => headers);
  const newProvider = {
    slug: 'lottstift-tjenester',
    orgnr: '974 760 673',
    name: { nb: 'Fellestjenester i Lottstift', nn: 'Fellestenester i Lottstift', en: 'Lottstift shared services' },
    shortName: 'LSF',
    model: 'sector',
    description: { nb: 'Tjenester for stiftelser.', nn: 'Tenester for stiftingar.', en: 'Services for foundations.' },
    website: 'https://lottstift.example/felles',
    contact: { email: 'felles@lottstift.example', phone: null, url: null },
  };


  const audits = (action: string) => t.database.db.select().from(auditEvents).where(eq(auditEvents.action, action));

  it('refuses a bad provider with 400 problem+json naming each field, in nb/nn/en; a bad check digit too', async () => {
    const bad = { ...newProvider, colour: 'blå', model: 'everywhere', website: 'not a url' };
    const nb = await call('anne', 'POST', '/api/v1/providers?lang=nb', bad);
    expect(nb.statusCode).toBe(400);
    expect(nb.headers['content-type']).toContain('application/problem+json');
    expect((nb.json().errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['colour', 'model', 'website']);
    const msgs = await Promise.all(['nb', 'nn', 'en'].map(async (l) => (await call('anne', 'POST', `/api/v1/providers?lang=${l}`, bad)).json().errors[0].message));
    expect(new Set(msgs).size).toBe(3);
    const checksum = await call('anne', 'POST', '/api/v1/providers?lang=en', { ...newProvider, orgnr: '974760674' });
    expect(checksum.statusCode).toBe(400);
    expect(checksum.json().errors).toEqual([{ field: 'orgnr', message: expect.stringMatching(/check digit/) }]);
    const taken = await call('anne', 'POST', '/api/v1/providers', { ...newProvider, slug: 'dfo' });
    expect(taken.json().errors.map((e: { field: string }) => e.field)).toEqual(['slug']);
    expect((await call('anonymous', 'GET', '/api/v1/providers/lottstift-tjenester')).statusCode).toBe(404);
  });

  it('DFØ adds a provider: in the list, on its page, with an audit event; the org number is stored compact', async () => {
    const created = await call('anne', 'POST', '/api/v1/providers', newProvider);
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe('/api/v1/providers/lottstift-tjenester');
    expect(created.json()).toMatchObject({ slug: 'lottstift-tjenester', orgnr: '974760673', shortName: 'LSF' });
    const detail = await call('anonymous', 'GET', '/api/v1/providers/lottstift-tjenester?lang=nn');
    expect(detail.json()).toMatchObject({ name: 'Fellestenester i Lottstift', model: 'sector', contact: { email: 'felles@lottstift.example' } });
    expect((await call('anonymous', 'GET', '/api/v1/providers?limit=100')).json().items.map((p: { slug: string }) => p.slug)).toContain('lottstift-tjenester');
    expect((await t.app.inject('/en/leverandorer/lottstift-tjenester')).body).toContain('Lottstift shared services');
    const [event] = await audits('provider.create');
    expect(event).toMatchObject({ entityType: 'provider', actorName: 'Anne Vik', actingRole: 'admin' });
  });

  it('a renamed provider shows on the next request: JSON, page, service search, and its contact page in catalog.ttl', async () => {
    // Warm the caches first, so a stale cache would show.
    expect((await t.app.inject('/leverandorer/statens-innkjopssenter')).body).not.toContain('Sebrasenteret');
    expect((await call('anonymous', 'GET', '/api/v1/services?q=sebrasenteret')).json().total).toBe(0);
    const ttlBefore = (await t.app.inject('/api/v1/catalog.ttl')).body;
    const doc = (await call('siri', 'GET', '/api/v1/providers/statens-innkjopssenter/document')).json();
    const put = await call('siri', 'PUT', '/api/v1/providers/statens-innkjopssenter', { ...doc, name: { ...doc.name, nb: 'Sebrasenteret for innkjøp' }, contact: { ...doc.contact, url: 'https://sebra.example/kontakt' } });
    expect(put.statusCode).toBe(200);
    expect((await call('anonymous', 'GET', '/api/v1/providers/statens-innkjopssenter')).json().name).toBe('Sebrasenteret for innkjøp');
    expect((await t.app.inject('/leverandorer/statens-innkjopssenter')).body).toContain('Sebrasenteret for innkjøp');
    const found = (await call('anonymous', 'GET', '/api/v1/services?q=sebrasenteret')).json();
    expect(found.total).toBeGreaterThan(0);
    const ttl = (await t.app.inject('/api/v1/catalog.ttl')).body;
    expect(ttl).not.toBe(ttlBefore);
    expect(ttl).toContain('https://sebra.example/kontakt');
    const [event] = await audits('provider.update');
    expect(event).toMatchObject({ actingRole: 'provider_editor', before: { name: doc.name }, after: { name: { ...doc.name, nb: 'Sebrasenteret for innkjøp' } } });
    expect(Object.keys(event!.after as object).sort()).toEqual(['contact', 'name']);
  });

  it('a provider’s editor may not change its org number, address or model (403, nothing saved); DFØ may', async () => {
    const doc = (await call('siri', 'GET', '/api/v1/providers/statens-innkjopssenter/document')).json();
    const refused = await call('siri', 'PUT', '/api/v1/providers/statens-innkjopssenter', { ...doc, orgnr: '974760673', description: { nb: 'Ny' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().errors.map((e: { field: string }) => e.field)).toEqual(['orgnr']);
    expect((await call('siri', 'GET', '/api/v1/providers/statens-innkjopssenter/document')).json()).toEqual(doc);
    expect((await call('siri', 'PUT', '/api/v1/providers/dfo', { ...doc, slug: 'dfo' })).statusCode).toBe(403);
    const byDfo = await call('anne', 'PUT', '/api/v1/providers/lottstift-tjenester', { ...newProvider, model: 'central' });
    expect(byDfo.json().model).toBe('central');
  });

  it('the provider form keeps what was typed on a 400, with the error next to its field; a save redirects', async () => {
    const form = { slug: 'lottstift-tjenester', orgnr: '974760674', 'name.nb': 'Skrevet navn', model: 'central', 'description.nb': 'Beskrivelse', website: '', 'contact.email': 'x@y.no' };
    const bad = await post('anne', '/leverandorer/lottstift-tjenester/rediger', form);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="Skrevet navn"');
    expect(bad.body).toContain('id="f-orgnr-error"');
    expect(bad.body).toContain('href="#f-orgnr"');
    const ok = await post('anne', '/leverandorer/lottstift-tjenester/rediger', { ...form, orgnr: '974760673' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/leverandorer/lottstift-tjenester/rediger?ok=saved');
    expect((await call('anonymous', 'GET', '/api/v1/providers/lottstift-tjenester')).json().name).toBe('Skrevet navn');
    // A provider's editor sees the fixed fields as text and cannot change them through the form.
    const own = await call('siri', 'GET', '/leverandorer/statens-innkjopssenter/rediger');
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain('name="orgnr"');
    const sneaky = await post('siri', '/leverandorer/statens-innkjopssenter/rediger', { orgnr: '974760673', slug: 'sis', model: 'group', 'name.nb': 'Statens innkjøpssenter', 'description.nb': 'Innkjøp.' });
    expect(sneaky.statusCode).toBe(303);
    expect((await call('siri', 'GET', '/api/v1/providers/statens-innkjopssenter/document')).json()).toMatchObject({ slug: 'statens-innkjopssenter', orgnr: '986252932', model: 'central' });
  });

  it('DFØ adds and changes a service area; its address stays; the change shows on the next request', async () => {
    const area = { slug: 'stiftelser', name: { nb: 'Stiftelser', nn: 'Stiftingar', en: 'Foundations' }, description: { nb: 'Tilsyn med stiftelser.' }, gapArea: false };
    expect((await call('anne', 'POST', '/api/v1/areas', { ...area, slug: 'Ikke en adresse' })).json().errors.map((e: { field: string }) => e.field)).toEqual(['slug']);
    const created = await call('anne', 'POST', '/api/v1/areas', area);
    expect(created.statusCode).toBe(201);
    expect((await call('anne', 'POST', '/api/v1/areas', area)).json().errors).toEqual([{ field: 'slug', message: expect.any(String) }]);
    expect((await call('anonymous', 'GET', '/api/v1/areas?lang=nn')).json().items.map((a: { name: string }) => a.name)).toContain('Stiftingar');
    expect((await t.app.inject('/omrader/stiftelser')).statusCode).toBe(200);
    const renamed = await call('anne', 'PUT', '/api/v1/areas/stiftelser', { ...area, name: { nb: 'Stiftelser og lotteri' }, gapArea: true });
    expect(renamed.statusCode).toBe(200);
    expect((await t.app.inject('/omrader/stiftelser')).body).toContain('Stiftelser og lotteri');
    expect((await call('anne', 'PUT', '/api/v1/areas/stiftelser', { ...area, slug: 'lotteri' })).statusCode).toBe(400);
    expect((await call('anonymous', 'GET', '/api/v1/areas/stiftelser')).json()).toMatchObject({ name: 'Stiftelser og lotteri', gapArea: true });
    expect((await audits('area.create')).length).toBe(1);
    expect((await audits('area.update'))[0]).toMatchObject({ entityId: 'stiftelser', before: { name: area.name, gapArea: false } });
    // The form: a new area with a bad address keeps what was typed.
    const bad = await post('anne', '/omrader/ny', { slug: 'Æ Ø', 'name.nb': 'Mitt område', 'description.nb': 'Om' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="Mitt område"');
    expect(bad.body).toContain('href="#f-slug"');
    const ok = await post('anne', '/omrader/ny', { slug: 'mitt-omrade', 'name.nb': 'Mitt område', 'description.nb': 'Om', gapArea: 'true' });
    expect(ok.headers.location).toBe('/omrader/mitt-omrade/rediger?ok=created');
    expect((await call('anonymous', 'GET', '/api/v1/areas/mitt-omrade')).json().gapArea).toBe(true);
  });

  it('the OpenAPI document describes the new operations', async () => {
    const spec = (await t.app.inject('/api/v1/openapi.json')).json();
    expect(spec.paths['/api/v1/providers'].post.tags).toEqual(['catalogue keeping']);
    expect(spec.paths['/api/v1/providers/{slug}'].put.responses['403']).toBeDefined();
    expect(spec.paths['/api/v1/areas/{slug}'].put).toBeDefined();
    expect(JSON.stringify(spec)).toContain('ProviderDocument');
    expect(JSON.stringify(spec)).toContain('AreaDocument');
  });

  it('the review queue lists drafts waiting for DFØ with approve; a provider’s editors see their own drafts', async () => {
    expect((await call('anne', 'PUT', '/api/v1/providers/statens-innkjopssenter/review-required', { reviewRequired: true })).statusCode).toBe(200);
    const doc = (await call('anonymous', 'GET', '/api/v1/services/si-reisebyratjenester/versions/1')).json().document;
    const saved = await t.app.inject({ method: 'PUT', url: '/api/v1/services/si-reisebyratjenester/draft', headers: { ...headers.siri, 'content-type': 'application/json' }, payload: JSON.stringify({ ...doc, keywords: 'kø' }) });
    expect(saved.statusCode).toBe(201);
    expect((await call('siri', 'POST', '/api/v1/services/si-reisebyratjenester/draft/submit')).statusCode).toBe(200);
    const dfoDraft = (await call('anonymous', 'GET', '/api/v1/services/dfo-regnskap/versions/1')).json().document;
    await t.app.inject({ method: 'PUT', url: '/api/v1/services/dfo-regnskap/draft', headers: { ...headers.dag, 'content-type': 'application/json' }, payload: JSON.stringify({ ...dfoDraft, keywords: 'dfø-utkast' }) });

    const admin = await call('anne', 'GET', '/kvalitet/utkast');
    expect(admin.statusCode).toBe(200);
    expect(admin.body).toContain('action="/tjenester/si-reisebyratjenester/godkjenn"');
    expect(admin.body).toContain('href="/tjenester/dfo-regnskap/rediger"');
    const own = await call('siri', 'GET', '/en/kvalitet/utkast');
    expect(own.body).toContain('/en/tjenester/si-reisebyratjenester/rediger');
    expect(own.body).toContain('1 draft is waiting for approval');
    expect(own.body).not.toContain('dfo-regnskap');
    expect(own.body).not.toContain('/godkjenn"');
    const dag = await call('dag', 'GET', '/nn/kvalitet/utkast');
    expect(dag.body).toContain('dfo-regnskap');
    expect(dag.body).not.toContain('si-reisebyratjenester');
    const approved = await post('anne', '/tjenester/si-reisebyratjenester/godkjenn', {});
    expect(approved.statusCode).toBe(303);
    expect((await call('anne', 'GET', '/kvalitet/utkast')).body).not.toContain('si-reisebyratjenester/godkjenn');
  });
});
