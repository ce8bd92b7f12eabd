import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { createArea, createProvider, createService } from '../support/factories.js';
import { expectHtmlPage, expectProblem, headingTexts, inLanguages, itHasTitleInEachLanguage, textOf } from '../support/expectations.js';

describe.each(testEngines())('areas on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: 'empty' });
    const db = t.database.db;
    await createArea(db, {
      slug: 'lonn',
      name: { nb: 'Lønn', nn: 'Løn', en: 'Payroll' },
      description: { nb: 'Utbetaling av lønn.', nn: 'Utbetaling av løn.', en: 'Paying salaries.' },
      sortOrder: 1,
    });
    await createArea(db, { slug: 'it-drift', name: { nb: 'IT-drift', en: 'IT operation' }, description: { nb: 'Drift av IT.' }, sortOrder: 2, gapArea: true });
    await createArea(db, { slug: 'arkiv', name: { nb: 'Arkiv' }, description: { nb: 'Dokumentforvaltning og arkiv.' }, sortOrder: 3, gapArea: true });
    await createArea(db, { slug: 'tomt', name: { nb: 'Tomt område' }, description: { nb: 'Ingen tjenester her.' }, sortOrder: 4 });
    const dfo = await createProvider(db, { slug: 'dfo', name: { nb: 'DFØ' }, model: 'central' });
    const unit = await createProvider(db, { slug: 'unit', name: { nb: 'Unit' }, model: 'sector' });
    const nett = await createProvider(db, { slug: 'ost', name: { nb: 'Østlandsnettverket' }, model: 'network' });
    await createService(db, { slug: 'lonn', name: { nb: 'Lønnstjenester', en: 'Payroll services' }, providerId: dfo.id, areaSlug: 'lonn' });
    await createService(db, { slug: 'reise', name: { nb: 'Reiseregning' }, providerId: dfo.id, areaSlug: 'lonn', status: 'pilot' });
    await createService(db, { slug: 'drift-sektor', name: { nb: 'Driftstjenester for sektoren' }, providerId: unit.id, areaSlug: 'it-drift', model: 'sector' });
    await createService(db, { slug: 'drift-nett', name: { nb: 'Felles drift' }, providerId: nett.id, areaSlug: 'it-drift', model: 'network' });
    await createService(db, { slug: 'aapen-drift', name: { nb: 'Åpen drift' }, providerId: dfo.id, areaSlug: 'it-drift', model: 'central', status: 'planned' });
    await createService(db, { slug: 'avtale-drift', name: { nb: 'Avtale om drift' }, providerId: dfo.id, areaSlug: 'it-drift', model: 'central', kind: 'framework_agreement' });
  });
  afterAll(async () => t?.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  describe('API', () => {
    it('lists every area in its own order with counts and the gap flag', async () => {
      const res = await get('/api/v1/areas');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        total: 4,
        items: [
          { slug: 'lonn', name: 'Lønn', description: 'Utbetaling av lønn.', serviceCount: 2, gapArea: false, url: 'http://portal.test/omrader/lonn' },
          { slug: 'it-drift', name: 'IT-drift', description: 'Drift av IT.', serviceCount: 4, gapArea: true, url: 'http://portal.test/omrader/it-drift' },
          { slug: 'arkiv', name: 'Arkiv', description: 'Dokumentforvaltning og arkiv.', serviceCount: 0, gapArea: true, url: 'http://portal.test/omrader/arkiv' },
          { slug: 'tomt', name: 'Tomt område', description: 'Ingen tjenester her.', serviceCount: 0, gapArea: false, url: 'http://portal.test/omrader/tomt' },
        ],
      });
    });

    it('localizes by ?lang= and Accept-Language, falling back to bokmål', async () => {
      const en = (await get('/api/v1/areas?lang=en')).json().items;
      expect(en.map((a: { name: string }) => a.name)).toEqual(['Payroll', 'IT operation', 'Arkiv', 'Tomt område']);
      expect(en[0].url).toBe('http://portal.test/en/omrader/lonn');
      expect((await get('/api/v1/areas/lonn', { 'accept-language': 'nn' })).json()).toMatchObject({ name: 'Løn', description: 'Utbetaling av løn.' });
      expect((await get('/api/v1/areas/it-drift?lang=nn')).json().description).toBe('Drift av IT.');
    });

    it('returns one area with its services by delivery model and its providers', async () => {
      const res = await get('/api/v1/areas/it-drift');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        slug: 'it-drift',
        name: 'IT-drift',
        description: 'Drift av IT.',
        serviceCount: 4,
        gapArea: true,
        url: 'http://portal.test/omrader/it-drift',
        servicesByModel: [
          {
            model: 'central',
            services: [
              { slug: 'avtale-drift', name: 'Avtale om drift', status: 'active', kind: 'framework_agreement', provider: { slug: 'dfo', name: 'DFØ' } },
              { slug: 'aapen-drift', name: 'Åpen drift', status: 'planned', kind: 'service', provider: { slug: 'dfo', name: 'DFØ' } },
            ],
          },
          { model: 'sector', services: [{ slug: 'drift-sektor', name: 'Driftstjenester for sektoren', status: 'active', kind: 'service', provider: { slug: 'unit', name: 'Unit' } }] },
          { model: 'network', services: [{ slug: 'drift-nett', name: 'Felles drift', status: 'active', kind: 'service', provider: { slug: 'ost', name: 'Østlandsnettverket' } }] },
        ],
        providers: [
          { slug: 'dfo', name: 'DFØ', shortName: null, serviceCount: 2 },
          { slug: 'unit', name: 'Unit', shortName: null, serviceCount: 1 },
          { slug: 'ost', name: 'Østlandsnettverket', shortName: null, serviceCount: 1 },
        ],
        catalogueUrl: 'http://portal.test/tjenester?area=it-drift',
      });
    });

    it('returns an empty area without services', async () => {
      expect((await get('/api/v1/areas/tomt')).json()).toMatchObject({ serviceCount: 0, servicesByModel: [], providers: [] });
    });

    describe('bad input gets a 4xx problem+json with a clear message, never a 500', () => {
      const cases: [string, number, RegExp][] = [
        ['/api/v1/areas?lang=de', 400, /lang «de» er ikke tillatt/],
        ['/api/v1/areas/finnes-ikke', 404, /Vi finner ikke tjenesteområdet «finnes-ikke»/],
        ['/api/v1/areas/finnes-ikke?lang=en', 404, /There is no service area "finnes-ikke"/],
        ['/api/v1/areas/lonn?lang=xx', 400, /lang «xx» er ikke tillatt/],
        [`/api/v1/areas/${'a'.repeat(121)}`, 400, /slug kan ha høyst 120 tegn/],
      ];
      it.each(cases)('%s → %i', async (url, status, message) => {
        expectProblem(await get(url), status, message);
      });
    });

    it('is described in the OpenAPI document', async () => {
      const doc = (await get('/api/v1/openapi.json')).json();
      expect(doc.paths['/api/v1/areas'].get.tags).toEqual(['areas']);
      expect(doc.paths['/api/v1/areas/{slug}'].get.responses['404']).toBeDefined();
    });
  });

  describe('pages', () => {
    itHasTitleInEachLanguage('the list in %s', get, '/omrader', { nb: 'Tjenesteområder', nn: 'Tenesteområde', en: 'Service areas' });

    it('shows every area with its description, count and the gap', async () => {
      const html = expectHtmlPage(await get('/omrader'), 'nb');
      expect(headingTexts(html, 'h2')).toEqual(['Lønn', 'IT-drift', 'Arkiv', 'Tomt område']);
      expect(html).toContain('Utbetaling av lønn.');
      expect(html).toContain('>4 tjenester<');
      expect(html.match(/Hull i tilbudet/g)).toHaveLength(2);
    });

    it.each(inLanguages('/omrader/it-drift'))('an area in %s', async (lang, path) => {
      const html = expectHtmlPage(await get(path), lang);
      expect(textOf(html, 'h1')).toBe(lang === 'en' ? 'IT operation' : 'IT-drift');
      const prefix = lang === 'nb' ? '' : `/${lang}`;
      expect(html).toContain(`href="${prefix}/tjenester?area=it-drift"`);
    });

    it('explains the gap, groups services by model and lists the providers', async () => {
      const html = expectHtmlPage(await get('/omrader/it-drift'), 'nb');
      expect(html).toContain('Et hull i tilbudet');
      expect(html).toContain('Rapporten peker på at virksomheter utenfor sektor- og gruppeordningene mangler fellestjenester på dette området.');
      expect(headingTexts(html, 'h3')).toEqual(['Sentral – 2 tjenester', 'Sektor – 1 tjeneste', 'Samarbeid og nettverk – 1 tjeneste']);
      expect(html.indexOf('Avtale om drift')).toBeLessThan(html.indexOf('Åpen drift'));
      expect(html).toContain('>Planlagt<');
      expect(html).toContain('href="/leverandorer/unit"');
      expect(html).toContain('Leverandører på området');
      // The nynorsk page explains the gap in nynorsk; the area text falls back to bokmål, marked as such.
      const nn = expectHtmlPage(await get('/nn/omrader/it-drift'), 'nn');
      expect(nn).toContain('Eit hol i tilbodet');
      expect(nn).toContain('<span lang="nb">Drift av IT.</span>');
    });

    it('shows no gap notice for an ordinary area, and says when it has no services', async () => {
      const lonn = expectHtmlPage(await get('/omrader/lonn'), 'nb');
      expect(lonn).not.toContain('Et hull i tilbudet');
      expect(expectHtmlPage(await get('/en/omrader/tomt'), 'en')).toContain('There are no services in this area yet.');
    });

    it.each(inLanguages('/omrader/finnes-ikke'))('an unknown area is a 404 page in %s', async (lang, path) => {
      expect(expectHtmlPage(await get(path), lang, 404)).toContain('finnes-ikke');
    });
  });
});
