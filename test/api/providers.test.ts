import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { createAgency, createArea, createProvider, createService } from '../support/factories.js';
import { badListQueryCases, expectHtmlPage, expectProblem, headingTexts, inLanguages, itHasTitleInEachLanguage, textOf } from '../support/expectations.js';

describe.each(testEngines())('providers on %s', (engine) => {
  let t: TestApp;
  let fin: string;
  let dfoOrgnr: string;

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: 'empty' });
    const db = t.database.db;
    // Areas in their own order (sortOrder), not alphabetical: payroll before accounting before archive.
    await createArea(db, { slug: 'lonn', name: { nb: 'Lønn', nn: 'Løn', en: 'Payroll' }, sortOrder: 1 });
    await createArea(db, { slug: 'regnskap', name: { nb: 'Regnskap', nn: 'Rekneskap', en: 'Accounting' }, sortOrder: 2 });
    await createArea(db, { slug: 'arkiv', name: { nb: 'Arkiv' }, sortOrder: 3 });
    fin = (await createAgency(db, { kind: 'ministry', name: { nb: 'Finansdepartementet', en: 'Ministry of Finance' } })).orgnr;
    dfoOrgnr = (await createAgency(db, { name: { nb: 'Direktoratet for forvaltning og økonomistyring' }, ministryOrgnr: fin })).orgnr;
    const dfo = await createProvider(db, {
      slug: 'dfo',
      name: { nb: 'Direktoratet for forvaltning og økonomistyring', en: 'Norwegian Agency for Public and Financial Management' },
      shortName: 'DFØ',
      model: 'central',
      orgnr: dfoOrgnr,
      ministryOrgnr: fin,
      description: { nb: 'DFØ leverer lønn og regnskap.', en: 'DFØ delivers payroll and accounting.' },
      website: 'https://dfo.no',
      contact: { email: 'kundesenter@dfo.no', phone: '40 00 00 00' },
      factSource: 'report',
      sourceRef: 'kap. 4.1',
    });
    const dss = await createProvider(db, { slug: 'dss', name: { nb: 'Departementenes sikkerhets- og serviceorganisasjon' }, shortName: 'DSS', model: 'group' });
    const ssie = await createProvider(db, { slug: 'ssie', name: { nb: 'Statens servicesenter i Engerdal' }, model: 'central', parentProviderId: dss.id });
    await createProvider(db, { slug: 'aalesund', name: { nb: 'Ålesund-nettverket' }, model: 'network' });
    await createProvider(db, { slug: 'ost', name: { nb: 'Østlandssamarbeidet' }, model: 'network' });
    await createService(db, { slug: 'reiseregning', name: { nb: 'Reiseregning' }, providerId: dfo.id, areaSlug: 'lonn', status: 'pilot' });
    await createService(db, { slug: 'lonnstjenester', name: { nb: 'Lønnstjenester', en: 'Payroll services' }, providerId: dfo.id, areaSlug: 'lonn' });
    await createService(db, { slug: 'regnskapstjenester', name: { nb: 'Regnskapstjenester' }, providerId: dfo.id, areaSlug: 'regnskap' });
    await createService(db, { slug: 'avtale', name: { nb: 'Ærlig avtale' }, providerId: dfo.id, areaSlug: 'lonn', kind: 'framework_agreement' });
    await createService(db, { slug: 'arkivdrift', name: { nb: 'Arkivdrift' }, providerId: dss.id, areaSlug: 'arkiv', model: 'group' });
    await createService(db, { slug: 'it-drift', name: { nb: 'IT-drift' }, providerId: ssie.id, areaSlug: 'arkiv' });
  });
  afterAll(async () => t?.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const slugs = (body: { items: { slug: string }[] }) => body.items.map((i) => i.slug);
  /** DFØ as the list shows it; the detail has these fields and more. */
  const dfoSummary = () => ({
    slug: 'dfo',
    name: 'Direktoratet for forvaltning og økonomistyring',
    shortName: 'DFØ',
    model: 'central',
    ministry: { orgnr: fin, name: 'Finansdepartementet' },
    parent: null,
    serviceCount: 4,
    url: 'http://portal.test/leverandorer/dfo',
  });

  describe('API', () => {
    it('lists providers sorted by name with Norwegian collation (Ø before Å, after Z)', async () => {
      const res = await get('/api/v1/providers');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ total: 5, limit: 20, offset: 0 });
      expect(slugs(body)).toEqual(['dss', 'dfo', 'ssie', 'ost', 'aalesund']);
    });

    it('gives each provider its model, ministry, parent and service count', async () => {
      const items = (await get('/api/v1/providers')).json().items;
      expect(items.find((p: { slug: string }) => p.slug === 'dfo')).toEqual(dfoSummary());
      expect(items.find((p: { slug: string }) => p.slug === 'ssie')).toMatchObject({
        parent: { slug: 'dss', name: 'Departementenes sikkerhets- og serviceorganisasjon' },
        ministry: null,
        serviceCount: 1,
      });
      expect(items.find((p: { slug: string }) => p.slug === 'ost').serviceCount).toBe(0);
    });

    it('filters on delivery model (repeat to combine)', async () => {
      expect(slugs((await get('/api/v1/providers?model=network')).json())).toEqual(['ost', 'aalesund']);
      const body = (await get('/api/v1/providers?model=central&model=group')).json();
      expect(slugs(body)).toEqual(['dss', 'dfo', 'ssie']);
      expect(body.total).toBe(3);
      expect((await get('/api/v1/providers?model=sector')).json()).toMatchObject({ items: [], total: 0 });
    });

    it('pages with limit and offset', async () => {
      const body = (await get('/api/v1/providers?limit=2&offset=2')).json();
      expect(slugs(body)).toEqual(['ssie', 'ost']);
      expect(body).toMatchObject({ total: 5, limit: 2, offset: 2 });
      expect((await get('/api/v1/providers?offset=10')).json()).toMatchObject({ items: [], total: 5 });
    });

    it('localizes names by ?lang= and Accept-Language, falling back to bokmål', async () => {
      const en = (await get('/api/v1/providers?lang=en')).json();
      const dfo = en.items.find((p: { slug: string }) => p.slug === 'dfo');
      expect(dfo.name).toBe('Norwegian Agency for Public and Financial Management');
      expect(dfo.ministry.name).toBe('Ministry of Finance');
      expect(dfo.url).toBe('http://portal.test/en/leverandorer/dfo');
      // English order follows the English names.
      expect(slugs(en)).toEqual(['dss', 'dfo', 'ssie', 'ost', 'aalesund']);
      const nn = (await get('/api/v1/providers/dfo', { 'accept-language': 'nn-NO' })).json();
      expect(nn.name).toBe('Direktoratet for forvaltning og økonomistyring');
      expect(nn.servicesByArea[0].area.name).toBe('Løn');
    });

    it('returns one provider with its services grouped by area in area order', async () => {
      const res = await get('/api/v1/providers/dfo');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        ...dfoSummary(),
        description: 'DFØ leverer lønn og regnskap.',
        organisation: { orgnr: dfoOrgnr, name: 'Direktoratet for forvaltning og økonomistyring' },
        website: 'https://dfo.no',
        contact: { email: 'kundesenter@dfo.no', phone: '40 00 00 00' },
        units: [],
        servicesByArea: [
          {
            area: { slug: 'lonn', name: 'Lønn' },
            services: [
              { slug: 'lonnstjenester', name: 'Lønnstjenester', status: 'active', kind: 'service' },
              { slug: 'reiseregning', name: 'Reiseregning', status: 'pilot', kind: 'service' },
              { slug: 'avtale', name: 'Ærlig avtale', status: 'active', kind: 'framework_agreement' },
            ],
          },
          { area: { slug: 'regnskap', name: 'Regnskap' }, services: [{ slug: 'regnskapstjenester', name: 'Regnskapstjenester', status: 'active', kind: 'service' }] },
        ],
        factSource: 'report',
        sourceRef: 'kap. 4.1',
      });
    });

    it('lists units (child providers) and the parent', async () => {
      expect((await get('/api/v1/providers/dss')).json().units).toEqual([{ slug: 'ssie', name: 'Statens servicesenter i Engerdal' }]);
      expect((await get('/api/v1/providers/ssie')).json().parent).toEqual({ slug: 'dss', name: 'Departementenes sikkerhets- og serviceorganisasjon' });
    });

    describe('bad input gets a 4xx problem+json with a clear message, never a 500', () => {
      const cases: [string, number, RegExp][] = [
        ...badListQueryCases('/api/v1/providers'),
        ['/api/v1/providers?offset=x', 400, /offset må være et heltall/],
        ['/api/v1/providers?lang=de', 400, /lang «de» er ikke tillatt/],
        ['/api/v1/providers/finnes-ikke', 404, /Vi finner ingen leverandør med adressen «finnes-ikke»/],
        ['/api/v1/providers/finnes-ikke?lang=en', 404, /There is no provider at "finnes-ikke"/],
        [`/api/v1/providers/${'x'.repeat(121)}`, 400, /slug kan ha høyst 120 tegn/],
      ];
      it.each(cases)('%s → %i', async (url, status, message) => {
        expectProblem(await get(url), status, message);
      });
    });

    it('is described in the OpenAPI document', async () => {
      const doc = (await get('/api/v1/openapi.json')).json();
      expect(doc.paths['/api/v1/providers'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
        expect.arrayContaining(['model', 'limit', 'offset', 'lang']),
      );
      expect(doc.paths['/api/v1/providers/{slug}'].get.responses['404']).toBeDefined();
    });
  });

  describe('pages', () => {
    itHasTitleInEachLanguage('the list in %s', get, '/leverandorer', { nb: 'Leverandører', nn: 'Leverandørar', en: 'Providers' });

    it('groups providers by delivery model with counts and explains each model', async () => {
      const html = expectHtmlPage(await get('/leverandorer'), 'nb');
      expect(headingTexts(html, 'h2')).toEqual(['Sentral – 2 leverandører', 'Gruppe – 1 leverandør', 'Samarbeid og nettverk – 2 leverandører']);
      expect(html).toContain('Sentralmodell: alle statlige virksomheter kan bruke tjenesten');
      // Within a group, Norwegian order.
      expect(html.indexOf('Østlandssamarbeidet')).toBeLessThan(html.indexOf('Ålesund-nettverket'));
      expect(html).toContain('href="/leverandorer/dfo"');
    });

    it.each(inLanguages('/leverandorer/dfo'))('a provider in %s', async (lang, path) => {
      const html = expectHtmlPage(await get(path), lang);
      expect(textOf(html, 'h1')).toBe(
        lang === 'en' ? 'Norwegian Agency for Public and Financial Management (DFØ)' : 'Direktoratet for forvaltning og økonomistyring (DFØ)',
      );
      const prefix = lang === 'nb' ? '' : `/${lang}`;
      expect(html).toContain(`href="${prefix}/virksomheter/${fin}"`);
    });

    it('shows the services by area, with status tags, the model explained, contact and source', async () => {
      const html = expectHtmlPage(await get('/leverandorer/dfo'), 'nb');
      expect(headingTexts(html, 'h3')).toEqual(['Lønn', 'Regnskap']);
      expect(html.indexOf('Lønnstjenester')).toBeLessThan(html.indexOf('Reiseregning'));
      expect(html).toContain('href="/tjenester/reiseregning"');
      expect(html).toMatch(/Reiseregning<\/span><\/a> <span[^>]*class="ds-tag"[^>]*>Pilot</);
      expect(html).toContain('Rammeavtale');
      expect(html).toContain('Sentralmodell: alle statlige virksomheter');
      expect(html).toContain('mailto:kundesenter@dfo.no');
      expect(html).toContain('Kilde: DFØ-rapporten 2020 (kap. 4.1)');
      expect(html).toContain('href="/tjenester?provider=dfo"');
    });

    it('links a unit to its parent and a parent to its units', async () => {
      expect(expectHtmlPage(await get('/leverandorer/ssie'), 'nb')).toContain('href="/leverandorer/dss"');
      const dss = expectHtmlPage(await get('/nn/leverandorer/dss'), 'nn');
      expect(dss).toContain('Einingar');
      expect(dss).toContain('href="/nn/leverandorer/ssie"');
    });

    it('says when a provider has no services', async () => {
      expect(expectHtmlPage(await get('/en/leverandorer/ost'), 'en')).toContain('The provider has no services in the catalogue yet.');
    });

    it.each(inLanguages('/leverandorer/finnes-ikke'))('an unknown provider is a 404 page in %s', async (lang, path) => {
      const html = expectHtmlPage(await get(path), lang, 404);
      expect(html).toMatch(/finnes-ikke/);
    });
  });
});
