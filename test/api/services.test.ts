import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { badListQueryCases } from '../support/expectations.js';
import { createAgency, createArea, createProvider, createService, createSubscription, createTier } from '../support/factories.js';

describe.each(testEngines())('services API on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: 'empty' });
    const db = t.database.db;
    const lonn = await createArea(db, { slug: 'lonn', name: { nb: 'Lønn', en: 'Payroll' } });
    const regnskap = await createArea(db, { slug: 'regnskap', name: { nb: 'Regnskap', en: 'Accounting' } });
    const dfo = await createProvider(db, { slug: 'dfo', name: { nb: 'Direktoratet for forvaltning og økonomistyring' }, shortName: 'DFØ' });
    const sector = await createProvider(db, { slug: 'unit', name: { nb: 'Unit' }, model: 'sector' });
    const p = await createService(db, {
      slug: 'lonnstjenester',
      name: { nb: 'Lønnstjenester', en: 'Payroll services' },
      summary: { nb: 'DFØ utbetaler lønn for statlige virksomheter.' },
      providerId: dfo.id,
      areaSlug: lonn.slug,
      obligation: 'voluntary',
      financing: ['charging_authority', 'budget_transfer'],
      keywords: 'lønnsutbetaling',
    });
    await createService(db, {
      slug: 'regnskapstjenester',
      name: { nb: 'Regnskapstjenester' },
      providerId: dfo.id,
      areaSlug: regnskap.slug,
      financing: ['budget_transfer'],
    });
    await createService(db, { slug: 'aa-sektor', name: { nb: 'Åpen sektorløsning' }, providerId: sector.id, areaSlug: regnskap.slug, model: 'sector', status: 'pilot' });
    await createService(db, { slug: 'zz-avtale', name: { nb: 'Zebra-avtale' }, providerId: dfo.id, areaSlug: lonn.slug, obligation: 'mandatory_opt_out', kind: 'framework_agreement' });
    await createService(db, { slug: 'ae-tjeneste', name: { nb: 'Ærlig tjeneste' }, providerId: dfo.id, areaSlug: lonn.slug });
    const basis = await createTier(db, { serviceId: p.id, slug: 'basis', name: { nb: 'Basis' }, sortOrder: 1 });
    const full = await createTier(db, { serviceId: p.id, slug: 'fullservice', name: { nb: 'Fullservice' }, sortOrder: 2 });
    for (let i = 0; i < 4; i++) {
      const a = await createAgency(db);
      await createSubscription(db, { agencyOrgnr: a.orgnr, serviceId: p.id, tierId: i === 0 ? basis.id : full.id });
    }
    // An ended subscription does not count.
    const gone = await createAgency(db);
    await createSubscription(db, { agencyOrgnr: gone.orgnr, serviceId: p.id, tierId: basis.id, startedOn: '2010-01-01', endedOn: '2015-01-01' });
  });
  afterAll(async () => t?.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const slugs = (body: { items: { slug: string }[] }) => body.items.map((i) => i.slug);
  const counts = (values: { value: string; count: number }[]) => Object.fromEntries(values.map((f) => [f.value, f.count]));

  it('lists services with total, paging and facets', async () => {
    const res = await get('/api/v1/services?limit=2&offset=0');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(5);
    expect(body.items).toHaveLength(2);
    expect(body.limit).toBe(2);
    expect(body.offset).toBe(0);
    expect(body.items[0]).toMatchObject({ provider: { slug: expect.any(String), name: expect.any(String) }, area: { slug: expect.any(String) } });
    expect(counts(body.facets.area)).toEqual({ lonn: 3, regnskap: 2 });
    const page3 = (await get('/api/v1/services?limit=2&offset=4')).json();
    expect(page3.items).toHaveLength(1);
  });

  it('sorts by name with Norwegian collation: æ, ø, å after z', async () => {
    const body = (await get('/api/v1/services?sort=name&limit=100')).json();
    expect(slugs(body)).toEqual(['lonnstjenester', 'regnskapstjenester', 'zz-avtale', 'ae-tjeneste', 'aa-sektor']);
  });

  it('combines filters: OR within a facet, AND across facets, with disjunctive counts', async () => {
    const body = (await get('/api/v1/services?area=lonn&area=regnskap&model=sector')).json();
    expect(slugs(body)).toEqual(['aa-sektor']);
    expect(counts(body.facets.model)).toEqual({ central: 4, sector: 1 });
    expect(slugs((await get('/api/v1/services?financing=charging_authority')).json())).toEqual(['lonnstjenester']);
    expect(slugs((await get('/api/v1/services?obligation=mandatory_opt_out&kind=framework_agreement')).json())).toEqual(['zz-avtale']);
  });

  it('finds by Norwegian stem and ranks title matches first', async () => {
    const body = (await get('/api/v1/services?q=l%C3%B8nnstjeneste')).json();
    expect(body.items[0].slug).toBe('lonnstjenester');
    expect(body.fuzzy).toBe(false);
  });

  it('tolerates typos', async () => {
    const body = (await get('/api/v1/services?q=regnskp')).json();
    expect(slugs(body)).toContain('regnskapstjenester');
    expect(body.fuzzy).toBe(true);
  });

  it("finds services by the provider's short name", async () => {
    expect((await get('/api/v1/services?q=DF%C3%98')).json().total).toBe(4);
  });

  it('returns localized fields by ?lang= and Accept-Language, falling back to bokmål', async () => {
    expect((await get('/api/v1/services/lonnstjenester?lang=en')).json().name).toBe('Payroll services');
    expect((await get('/api/v1/services/lonnstjenester', { 'accept-language': 'en-GB,en;q=0.9' })).json().name).toBe('Payroll services');
    expect((await get('/api/v1/services/lonnstjenester')).json().name).toBe('Lønnstjenester');
    expect((await get('/api/v1/services/regnskapstjenester?lang=en')).json().name).toBe('Regnskapstjenester');
  });

  it('returns one service with its tiers and counts only active users', async () => {
    const res = await get('/api/v1/services/lonnstjenester');
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.users.registered).toBe(4);
    expect(s.tiers.map((x: { slug: string; users: number }) => [x.slug, x.users])).toEqual([
      ['basis', 1],
      ['fullservice', 3],
    ]);
    expect(s.financing).toEqual(['charging_authority', 'budget_transfer']);
    expect(s.provider).toEqual({ slug: 'dfo', name: 'Direktoratet for forvaltning og økonomistyring' });
    expect(s.url).toBe('http://portal.test/tjenester/lonnstjenester');
  });

  describe('bad input gets a 4xx problem+json with a clear message, never a 500', () => {
    const cases: [string, number, RegExp][] = [
      ...badListQueryCases('/api/v1/services'),
      ['/api/v1/services?offset=-5', 400, /offset må være minst 0/],
      ['/api/v1/services?status=closed', 400, /status «closed» er ikke tillatt/],
      ['/api/v1/services?area=finnes-ikke', 400, /Filteret «area» har ingen verdi «finnes-ikke»/],
      ['/api/v1/services?provider=nobody', 400, /Filteret «provider» har ingen verdi «nobody»/],
      ['/api/v1/services?area=%3Cscript%3E', 400, /area har feil format/],
      ['/api/v1/services?sort=random', 400, /sort «random» er ikke tillatt/],
      [`/api/v1/services?q=${'x'.repeat(201)}`, 400, /q kan ha høyst 200 tegn/],
      ['/api/v1/services?lang=de', 400, /lang «de» er ikke tillatt/],
      ['/api/v1/services/finnes-ikke', 404, /Vi finner ingen tjeneste med adressen «finnes-ikke»/],
      ['/api/v1/nothing-here', 404, /Ingen API-ressurs/],
    ];
    it.each(cases)('%s → %i', async (url, status, message) => {
      const res = await get(url);
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const body = res.json();
      expect(body.status).toBe(status);
      expect(body.detail).toMatch(message);
      expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/);
    });

    it('answers in English when asked', async () => {
      const res = await get('/api/v1/services?limit=abc&lang=en');
      expect(res.json()).toMatchObject({ title: 'Bad request', detail: 'limit must be a whole number' });
    });

    it('answers the same bad request in bokmål, nynorsk and English, by ?lang= or Accept-Language', async () => {
      const bad = `/api/v1/services?limit=abc&model=foo&q=${'x'.repeat(201)}`;
      const expected = {
        nb: {
          title: 'Ugyldig forespørsel',
          errors: ['limit må være et heltall', 'model «foo» er ikke tillatt; bruk en av: central, sector, group, network', 'q kan ha høyst 200 tegn'],
        },
        nn: {
          title: 'Ugyldig førespurnad',
          errors: ['limit må vere eit heiltal', 'model «foo» er ikkje tillate; bruk ein av: central, sector, group, network', 'q kan ha høgst 200 teikn'],
        },
        en: {
          title: 'Bad request',
          errors: ['limit must be a whole number', 'model «foo» is not allowed; use one of: central, sector, group, network', 'q must have at most 200 characters'],
        },
      };
      const answers = [];
      for (const [lang, want] of Object.entries(expected)) {
        for (const res of [await get(`${bad}&lang=${lang}`), await get(bad, { 'accept-language': `${lang};q=0.9, de;q=0.5` })]) {
          expect(res.statusCode).toBe(400);
          const body = res.json();
          expect(body.title).toBe(want.title);
          expect(body.errors.map((e: { message: string }) => e.message).sort()).toEqual([...want.errors].sort());
          answers.push(body.detail);
        }
      }
      expect(new Set(answers).size).toBe(3);
      const notFound = await Promise.all(['nb', 'nn', 'en'].map(async (lang) => (await get(`/api/v1/nothing-here?lang=${lang}`)).json().title));
      expect(notFound).toEqual(['Finnes ikke', 'Finst ikkje', 'Not found']);
    });
  });

  it('publishes an OpenAPI 3 document that describes the endpoints and their errors', async () => {
    const doc = (await get('/api/v1/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/v1/services'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['q', 'area', 'model', 'provider', 'target', 'obligation', 'financing', 'status', 'limit', 'offset', 'lang']),
    );
    expect(doc.paths['/api/v1/services/{slug}'].get.responses['404']).toBeDefined();
    expect((await get('/api/docs')).statusCode).toBe(200);
  });
});
