import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencies } from '../../src/db/schema/index.js';
import { formatOrgnr } from '../../src/domain/orgnr.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { createAgency, createArea, createProvider, createService, createSubscription, createTier, fakeOrgnr } from '../support/factories.js';
import { expectHtmlPage, expectProblem, headingTexts, inLanguages, textOf } from '../support/expectations.js';
import { useAppWithNamedAgencies } from '../support/namedApp.js';

// Real, valid organisation numbers (MOD11), so the prefix search has something to find.
const SKATT = '974760673';
const INVALID_CHECKSUM = '974760674';
/** Valid, but no agency has it. */
const UNKNOWN = fakeOrgnr();

describe.each(testEngines())('agencies on %s', (engine) => {
  const { t, orgnr: o, add } = useAppWithNamedAgencies(engine);

  beforeAll(async () => {
    const db = t.database.db;
    await add('fin', { kind: 'ministry', name: { nb: 'Finansdepartementet', en: 'Ministry of Finance' }, employees: 400 });
    await add('kd', { kind: 'ministry', name: { nb: 'Kunnskapsdepartementet', nn: 'Kunnskapsdepartementet', en: 'Ministry of Education and Research' }, employees: 300 });
    await add('skatt', {
      orgnr: SKATT,
      name: { nb: 'Skatteetaten', en: 'The Norwegian Tax Administration' },
      ministryOrgnr: o.fin,
      parentOrgnr: o.fin,
      employees: 6500,
      employeesAsOf: '2020-01-01',
      postalCode: '0191',
      city: 'Oslo',
      countyName: 'Oslo',
      website: 'https://www.skatteetaten.no',
      factSource: 'register',
    });
    await add('dfo', { name: { nb: 'Direktoratet for forvaltning og økonomistyring' }, shortName: 'DFØ', ministryOrgnr: o.fin, employees: 900 });
    await add('sism', { name: { nb: 'Statens innkrevingssentral' }, ministryOrgnr: o.fin, employees: 175 });
    await add('aerlig', { name: { nb: 'Ærlig tilsyn' }, ministryOrgnr: o.fin, employees: 30 });
    await add('ostre', { name: { nb: 'Østre etat' }, ministryOrgnr: o.fin, employees: null });
    await add('gammel', { name: { nb: 'Gammel etat' }, ministryOrgnr: o.fin, employees: 10, deletedOn: '2019-06-30' });
    await add('unit', { name: { nb: 'Unit' }, ministryOrgnr: o.kd, employees: 150 });
    await add('apent', { name: { nb: 'Åpent kontor' }, ministryOrgnr: o.kd, employees: 50 });
    await add('oslo', { kind: 'municipality', name: { nb: 'Oslo kommune' }, employees: 50_000 });

    await createArea(db, { slug: 'lonn', name: { nb: 'Lønn', en: 'Payroll' }, sortOrder: 1 });
    await createArea(db, { slug: 'regnskap', name: { nb: 'Regnskap', en: 'Accounting' }, sortOrder: 2 });
    const dfo = await createProvider(db, { slug: 'dfo', name: { nb: 'Direktoratet for forvaltning og økonomistyring' }, shortName: 'DFØ' });
    const lonn = await createService(db, { slug: 'lonn', name: { nb: 'Lønnstjenester', en: 'Payroll services' }, providerId: dfo.id, areaSlug: 'lonn' });
    const reise = await createService(db, { slug: 'reise', name: { nb: 'Reiseregning' }, providerId: dfo.id, areaSlug: 'lonn' });
    const regnskap = await createService(db, { slug: 'regnskap', name: { nb: 'Regnskapstjenester' }, providerId: dfo.id, areaSlug: 'regnskap' });
    const old = await createService(db, { slug: 'gammel', name: { nb: 'Gammel tjeneste' }, providerId: dfo.id, areaSlug: 'regnskap' });
    const full = await createTier(db, { serviceId: lonn.id, slug: 'fullservice', name: { nb: 'Fullservice', en: 'Full service' } });
    await createSubscription(db, { agencyOrgnr: SKATT, serviceId: lonn.id, tierId: full.id, startedOn: '2019-01-01' });
    await createSubscription(db, { agencyOrgnr: SKATT, serviceId: reise.id, startedOn: '2021-03-01' });
    await createSubscription(db, { agencyOrgnr: SKATT, serviceId: regnskap.id, startedOn: null });
    // Ended and not yet started subscriptions are not current use.
    await createSubscription(db, { agencyOrgnr: SKATT, serviceId: old.id, startedOn: '2010-01-01', endedOn: '2015-01-01' });
    await createSubscription(db, { agencyOrgnr: o.unit!, serviceId: lonn.id, startedOn: '2999-01-01' });
  });

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const names = (body: { items: { name: string }[] }) => body.items.map((i) => i.name);
  const ALL = [
    'Direktoratet for forvaltning og økonomistyring',
    'Finansdepartementet',
    'Gammel etat',
    'Kunnskapsdepartementet',
    'Oslo kommune',
    'Skatteetaten',
    'Statens innkrevingssentral',
    'Unit',
    'Ærlig tilsyn',
    'Østre etat',
    'Åpent kontor',
  ];

  describe('API', () => {
    it('lists agencies sorted by name with Norwegian collation (Æ, Ø, Å last)', async () => {
      const res = await get('/api/v1/agencies?limit=100');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.total).toBe(11);
      expect(names(body)).toEqual(ALL);
      expect(body.items.find((a: { orgnr: string }) => a.orgnr === SKATT)).toEqual({
        orgnr: SKATT,
        name: 'Skatteetaten',
        shortName: null,
        kind: 'agency',
        ministry: { orgnr: o.fin, name: 'Finansdepartementet' },
        employees: 6500,
        sizeClass: 'large',
        deletedOn: null,
        url: `http://portal.test/virksomheter/${SKATT}`,
      });
      expect(body.items.find((a: { name: string }) => a.name === 'Gammel etat').deletedOn).toBe('2019-06-30');
    });

    it('pages with limit and offset', async () => {
      const body = (await get('/api/v1/agencies?limit=3&offset=3')).json();
      expect(names(body)).toEqual(ALL.slice(3, 6));
      expect(body).toMatchObject({ total: 11, limit: 3, offset: 3 });
      expect((await get('/api/v1/agencies?offset=20')).json()).toMatchObject({ items: [], total: 11 });
    });

    it.each([
      ['skatt', ['Skatteetaten']],
      ['Skatteetaten', ['Skatteetaten']],
      ['innkreving', ['Statens innkrevingssentral']],
      ['direktoratet økonomistyring', ['Direktoratet for forvaltning og økonomistyring']],
      ['DFØ', ['Direktoratet for forvaltning og økonomistyring']],
      ['974 76', ['Skatteetaten']],
      [SKATT, ['Skatteetaten']],
      ['ingenting-slikt', []],
      ['!!!', []],
    ])('searches on name and organisation number prefix: %s', async (q, expected) => {
      expect(names((await get(`/api/v1/agencies?q=${encodeURIComponent(q)}`)).json())).toEqual(expected);
    });

    it('filters on ministry, kind and size class (configured thresholds; 151–200 is its own class)', async () => {
      expect(names((await get(`/api/v1/agencies?ministry=${o.kd}`)).json())).toEqual(['Unit', 'Åpent kontor']);
      expect((await get(`/api/v1/agencies?ministry=${o.fin}`)).json().total).toBe(6);
      expect(names((await get('/api/v1/agencies?kind=ministry')).json())).toEqual(['Finansdepartementet', 'Kunnskapsdepartementet']);
      expect(names((await get('/api/v1/agencies?kind=municipality&kind=county')).json())).toEqual(['Oslo kommune']);
      expect(names((await get('/api/v1/agencies?size=gap')).json())).toEqual(['Statens innkrevingssentral']);
      expect(names((await get('/api/v1/agencies?size=unknown')).json())).toEqual(['Østre etat']);
      expect(names((await get('/api/v1/agencies?size=medium')).json())).toEqual(['Unit', 'Åpent kontor']);
      expect(names((await get('/api/v1/agencies?size=small')).json())).toEqual(['Gammel etat', 'Ærlig tilsyn']);
      expect(names((await get(`/api/v1/agencies?size=small&size=gap&ministry=${o.fin}&q=statens`)).json())).toEqual(['Statens innkrevingssentral']);
    });

    it('localizes names by ?lang= and Accept-Language, sorting by the localized name', async () => {
      const en = (await get('/api/v1/agencies?kind=ministry&lang=en')).json();
      expect(names(en)).toEqual(['Ministry of Education and Research', 'Ministry of Finance']);
      const skatt = (await get(`/api/v1/agencies/${SKATT}`, { 'accept-language': 'en' })).json();
      expect(skatt).toMatchObject({ name: 'The Norwegian Tax Administration', ministry: { name: 'Ministry of Finance' } });
      expect(skatt.url).toBe(`http://portal.test/en/virksomheter/${SKATT}`);
      expect((await get(`/api/v1/agencies/${SKATT}?lang=nn`)).json().name).toBe('Skatteetaten');
    });

    it('returns one agency with its current services by area, tier and start', async () => {
      const res = await get(`/api/v1/agencies/${SKATT}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        orgnr: SKATT,
        name: 'Skatteetaten',
        shortName: null,
        kind: 'agency',
        ministry: { orgnr: o.fin, name: 'Finansdepartementet' },
        parent: { orgnr: o.fin, name: 'Finansdepartementet' },
        employees: 6500,
        employeesAsOf: '2020-01-01',
        sizeClass: 'large',
        sizeRange: '> 200',
        location: { municipalityNumber: null, municipality: null, county: 'Oslo', postalCode: '0191', city: 'Oslo' },
        website: 'https://www.skatteetaten.no',
        deletedOn: null,
        factSource: 'register',
        services: [
          {
            area: { slug: 'lonn', name: 'Lønn' },
            services: [
              { slug: 'lonn', name: 'Lønnstjenester', provider: { slug: 'dfo', name: 'Direktoratet for forvaltning og økonomistyring' }, tier: { slug: 'fullservice', name: 'Fullservice' }, since: '2019-01-01' },
              { slug: 'reise', name: 'Reiseregning', provider: { slug: 'dfo', name: 'Direktoratet for forvaltning og økonomistyring' }, tier: null, since: '2021-03-01' },
            ],
          },
          {
            area: { slug: 'regnskap', name: 'Regnskap' },
            services: [{ slug: 'regnskap', name: 'Regnskapstjenester', provider: { slug: 'dfo', name: 'Direktoratet for forvaltning og økonomistyring' }, tier: null, since: null }],
          },
        ],
        subordinates: [],
        url: `http://portal.test/virksomheter/${SKATT}`,
      });
    });

    it('accepts the grouped form of an organisation number', async () => {
      expect((await get('/api/v1/agencies/974%20760%20673')).json().orgnr).toBe(SKATT);
    });

    it('lists the subordinate agencies of a ministry (not deleted ones), and the gap and unknown classes', async () => {
      const fin = (await get(`/api/v1/agencies/${o.fin}`)).json();
      expect(fin.subordinates.map((s: { name: string; sizeClass: string }) => [s.name, s.sizeClass])).toEqual([
        ['Direktoratet for forvaltning og økonomistyring', 'large'],
        ['Skatteetaten', 'large'],
        ['Statens innkrevingssentral', 'gap'],
        ['Ærlig tilsyn', 'small'],
        ['Østre etat', 'unknown'],
      ]);
      expect(fin.services).toEqual([]);
      expect((await get(`/api/v1/agencies/${o.sism}`)).json()).toMatchObject({ sizeClass: 'gap', sizeRange: '151–200' });
      expect((await get(`/api/v1/agencies/${o.ostre}`)).json()).toMatchObject({ employees: null, sizeClass: 'unknown', sizeRange: null });
      // A subscription that starts in the future is not current use.
      expect((await get(`/api/v1/agencies/${o.unit}`)).json().services).toEqual([]);
    });

    describe('bad input gets a 4xx problem+json that says why, never a 500', () => {
      const unknown = UNKNOWN;
      const cases: [string, number, RegExp][] = [
        ['/api/v1/agencies?limit=abc', 400, /limit må være et heltall/],
        ['/api/v1/agencies?limit=100000', 400, /limit kan være høyst 100/],
        ['/api/v1/agencies?offset=-1', 400, /offset må være minst 0/],
        ['/api/v1/agencies?kind=foo', 400, /kind «foo» er ikke tillatt; bruk en av: ministry, agency/],
        ['/api/v1/agencies?size=huge', 400, /size «huge» er ikke tillatt; bruk en av: small, medium, gap, large, unknown/],
        [`/api/v1/agencies?q=${'x'.repeat(201)}`, 400, /q kan ha høyst 200 tegn/],
        ['/api/v1/agencies?ministry=', 400, /^Organisasjonsnummeret mangler\.$/],
        ['/api/v1/agencies?ministry=abc', 400, /^Organisasjonsnummeret kan bare inneholde sifre\.$/],
        ['/api/v1/agencies?ministry=12345', 400, /^Organisasjonsnummeret må ha 9 sifre\.$/],
        [`/api/v1/agencies?ministry=${INVALID_CHECKSUM}`, 400, /^Organisasjonsnummeret er ikke gyldig \(kontrollsifferet stemmer ikke\)\.$/],
        [`/api/v1/agencies?ministry=${SKATT}`, 400, new RegExp(`Organisasjonsnummeret ${SKATT} tilhører ikke et departement vi kjenner`)],
        [`/api/v1/agencies?ministry=${unknown}`, 400, /tilhører ikke et departement vi kjenner/],
        [`/api/v1/agencies?ministry=12345&lang=en`, 400, /^The organisation number must have 9 digits\.$/],
        ['/api/v1/agencies/%20', 400, /^Organisasjonsnummeret mangler\.$/],
        ['/api/v1/agencies/abc', 400, /^Organisasjonsnummeret kan bare inneholde sifre\.$/],
        ['/api/v1/agencies/12345678', 400, /^Organisasjonsnummeret må ha 9 sifre\.$/],
        ['/api/v1/agencies/1234567890', 400, /^Organisasjonsnummeret må ha 9 sifre\.$/],
        [`/api/v1/agencies/${INVALID_CHECKSUM}`, 400, /kontrollsifferet stemmer ikke/],
        [`/api/v1/agencies/${INVALID_CHECKSUM}?lang=en`, 400, /the check digit does not match/],
        [`/api/v1/agencies/${unknown}`, 404, new RegExp(`Vi finner ingen virksomhet med organisasjonsnummer ${unknown}`)],
        [`/api/v1/agencies/${unknown}?lang=en`, 404, /There is no agency with organisation number/],
      ];
      it.each(cases)('%s → %i', async (url, status, message) => {
        expectProblem(await get(url), status, message);
      });

      it('names the field that is wrong', async () => {
        expect((await get('/api/v1/agencies?ministry=abc')).json().errors).toEqual([{ field: 'ministry', message: 'Organisasjonsnummeret kan bare inneholde sifre.' }]);
        expect((await get('/api/v1/agencies/abc')).json().errors).toEqual([{ field: 'orgnr', message: 'Organisasjonsnummeret kan bare inneholde sifre.' }]);
      });
    });

    it('is described in the OpenAPI document', async () => {
      const doc = (await get('/api/v1/openapi.json')).json();
      expect(doc.paths['/api/v1/agencies'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
        expect.arrayContaining(['q', 'ministry', 'kind', 'size', 'limit', 'offset', 'lang']),
      );
      expect(Object.keys(doc.paths['/api/v1/agencies/{orgnr}'].get.responses)).toEqual(expect.arrayContaining(['200', '400', '404']));
    });
  });

  describe('pages', () => {
    it.each(inLanguages('/virksomheter'))('the search page in %s', async (lang, path) => {
      const html = expectHtmlPage(await get(path), lang);
      expect(textOf(html, 'h1')).toBe({ nb: 'Virksomheter', nn: 'Verksemder', en: 'Agencies' }[lang]);
      // Every field has a label tied to it (works without client JS).
      for (const id of ['agency-q', 'agency-ministry', 'agency-kind', 'agency-size']) {
        expect(html).toContain(`for="${id}"`);
        expect(html).toContain(`id="${id}"`);
      }
      expect(html).toMatch(/<form[^>]*method="get"/);
    });

    it('lists every agency in Norwegian order in a table with row headers and formatted numbers', async () => {
      const html = expectHtmlPage(await get('/virksomheter'), 'nb');
      const rows = [...html.matchAll(/<th scope="row"><a href="\/virksomheter\/(\d{9})">/g)].map((m) => m[1]);
      expect(rows).toHaveLength(11);
      expect(rows[5]).toBe(SKATT);
      expect(html).toContain('<caption class="visually-hidden">Virksomheter</caption>');
      expect(html).toContain('974 760 673');
      expect(html).toContain('>11 virksomheter<');
      expect(html).toContain('>Slettet<');
    });

    it('searches and filters with a GET form; empty fields mean no filter', async () => {
      const skatt = expectHtmlPage(await get('/virksomheter?q=skatt&ministry=&kind=&size='), 'nb');
      expect(skatt).toContain('>1 virksomhet<');
      expect(skatt).toContain('value="skatt"');
      const all = expectHtmlPage(await get('/virksomheter?q=&ministry=&kind=&size='), 'nb');
      expect(all).toContain('>11 virksomheter<');
      const kd = expectHtmlPage(await get(`/virksomheter?ministry=${o.kd}`), 'nb');
      expect(kd).toContain('>2 virksomheter<');
      expect(kd).toMatch(new RegExp(`<option value="${o.kd}" selected="">Kunnskapsdepartementet</option>`));
      const none = expectHtmlPage(await get('/en/virksomheter?q=ingenting'), 'en');
      expect(none).toContain('No agencies match the search.');
    });

    it('offers the size classes with their ranges, the gap explicitly', async () => {
      const html = expectHtmlPage(await get('/virksomheter?size=gap'), 'nb');
      expect(html).toContain('<option value="small">Liten (under 50 ansatte)</option>');
      expect(html).toContain('<option value="medium">Mellomstor (50–150 ansatte)</option>');
      expect(html).toContain('<option value="gap" selected="">151–200 ansatte</option>');
      expect(html).toContain('<option value="large">Stor (over 200 ansatte)</option>');
      expect(html).toContain('<option value="unknown">Ukjent størrelse</option>');
      expect(html).toContain('>1 virksomhet<');
      expect(html).toContain('Statens innkrevingssentral');
      expect(expectHtmlPage(await get('/nn/virksomheter'), 'nn')).toContain('<option value="gap">151–200 tilsette</option>');
    });

    it('says why a bad filter is refused, on a Norwegian 400 page', async () => {
      expect(expectHtmlPage(await get('/virksomheter?ministry=123'), 'nb', 400)).toContain('Organisasjonsnummeret må ha 9 sifre.');
      expect(expectHtmlPage(await get(`/nn/virksomheter?ministry=${SKATT}`), 'nn', 400)).toContain('høyrer ikkje til eit departement');
      expect(expectHtmlPage(await get('/virksomheter?size=huge'), 'nb', 400)).toContain('size «huge» er ikke tillatt');
      expect(expectHtmlPage(await get('/virksomheter?page=0'), 'nb', 400)).toContain('page må være minst 1');
      expect((await get('/virksomheter?page=2')).statusCode).toBe(404);
    });

    it.each(inLanguages(`/virksomheter/${SKATT}`))('an agency in %s', async (lang, path) => {
      const html = expectHtmlPage(await get(path), lang);
      expect(textOf(html, 'h1')).toBe(lang === 'en' ? 'The Norwegian Tax Administration' : 'Skatteetaten');
      const prefix = lang === 'nb' ? '' : `/${lang}`;
      expect(html).toContain(`href="${prefix}/virksomheter/${o.fin}"`);
      expect(html).toContain('974 760 673');
    });

    it('shows the services it uses per area in tables, with provider, tier and start', async () => {
      const html = expectHtmlPage(await get(`/virksomheter/${SKATT}`), 'nb');
      expect(headingTexts(html, 'h3')).toEqual(['Lønn', 'Regnskap']);
      expect(html.match(/<table/g)).toHaveLength(2);
      expect(html).toContain('<th scope="col">Tjeneste</th><th scope="col">Leverandør</th><th scope="col">Tjenestemodell</th><th scope="col">Bruker siden</th>');
      expect(html).toMatch(/<th scope="row"><a href="\/tjenester\/lonn"><span>Lønnstjenester<\/span><\/a><\/th><td><a href="\/leverandorer\/dfo">DFØ<\/a><\/td><td><span>Fullservice<\/span><\/td><td>1\. januar 2019<\/td>/);
      expect(html).toContain('Ikke oppgitt');
      expect(html).not.toContain('Gammel tjeneste');
      expect(html).toContain('Stor (over 200 ansatte)');
      expect(html).toContain('6 500 (per 1. januar 2020)'.replace(' ', '\u202f'));
      expect(html).toContain('0191 Oslo, Oslo');
    });

    it('shows the size class with its range; the 151–200 gap explicitly and unknown as unknown', async () => {
      const gap = expectHtmlPage(await get(`/virksomheter/${o.sism}`), 'nb');
      expect(gap).toContain('151–200 ansatte');
      expect(gap).not.toContain('Mellom mellomstor og stor');
      expect(gap).toContain('Rapporten sier ikke om virksomheter i dette spennet er mellomstore eller store');
      expect(gap).not.toContain('Mellomstor (');
      expect(expectHtmlPage(await get(`/en/virksomheter/${o.sism}`), 'en')).toContain('151–200 employees');
      expect(expectHtmlPage(await get(`/virksomheter/${o.unit}`), 'nb')).toContain('Mellomstor (50–150 ansatte)');
      const unknown = expectHtmlPage(await get(`/virksomheter/${o.ostre}`), 'nb');
      expect(unknown).toContain('Ukjent størrelse');
      expect(unknown).toContain('Antall ansatte er ikke kjent.');
      expect(expectHtmlPage(await get(`/virksomheter/${o.aerlig}`), 'nb')).toContain('Liten (under 50 ansatte)');
    });

    it('shows a ministry with its subordinate agencies, and an agency with no use', async () => {
      const fin = expectHtmlPage(await get(`/virksomheter/${o.fin}`), 'nb');
      expect(fin).toContain('Underliggende virksomheter');
      expect(fin).toContain('5 virksomheter');
      expect(fin).toContain(`href="/virksomheter/${SKATT}"`);
      expect(fin).not.toContain('Gammel etat');
      expect(fin).toContain('Ingen registrert bruk av fellestjenester.');
      expect(expectHtmlPage(await get(`/nn/virksomheter/${o.unit}`), 'nn')).not.toContain('Underliggjande verksemder');
    });

    it('says when an agency has been deleted from the register', async () => {
      expect(expectHtmlPage(await get(`/virksomheter/${o.gammel}`), 'nb')).toContain('Slettet i Enhetsregisteret 30. juni 2019');
    });

    it.each([
      ['nb', '/virksomheter/abc', 'Organisasjonsnummeret kan bare inneholde sifre.'],
      ['nb', '/virksomheter/12345678', 'Organisasjonsnummeret må ha 9 sifre.'],
      ['nb', `/virksomheter/${INVALID_CHECKSUM}`, 'Organisasjonsnummeret er ikke gyldig (kontrollsifferet stemmer ikke).'],
      ['nb', '/virksomheter/%20', 'Organisasjonsnummeret mangler.'],
      ['nn', '/nn/virksomheter/12345', 'Organisasjonsnummeret må ha 9 siffer.'],
      ['en', `/en/virksomheter/${INVALID_CHECKSUM}`, 'The organisation number is not valid (the check digit does not match).'],
    ] as const)('an invalid organisation number is a 400 page saying why (%s %s)', async (lang, path, reason) => {
      const html = expectHtmlPage(await get(path), lang, 400);
      expect(html).toContain(reason);
    });

    it.each(inLanguages(`/virksomheter/${UNKNOWN}`))('an unknown organisation number is a 404 page in %s', async (lang, path) => {
      const html = expectHtmlPage(await get(path), lang, 404);
      expect(html).toContain(formatOrgnr(UNKNOWN));
    });
  });

  describe('with more agencies than fit on a page', () => {
    beforeAll(async () => {
      const ministry = (await createAgency(t.database.db, { kind: 'ministry', name: { nb: 'Testdepartementet' } })).orgnr;
      o.test = ministry;
      await t.database.db.insert(agencies).values(
        Array.from({ length: 55 }, (_, i) => ({
          orgnr: fakeOrgnr(),
          kind: 'agency' as const,
          name: { nb: `Etat ${String(i + 1).padStart(2, '0')}` },
          ministryOrgnr: ministry,
          employees: 10,
        })),
      );
    });

    it('pages the list, keeping the filters in the page links', async () => {
      const first = expectHtmlPage(await get(`/virksomheter?ministry=${o.test}`), 'nb');
      expect(first).toContain('>55 virksomheter<');
      expect(first).toContain('Side 1 av 2');
      expect(first.match(/<th scope="row">/g)).toHaveLength(50);
      expect(first).toContain(`href="/virksomheter?ministry=${o.test}&page=2"`);
      const second = expectHtmlPage(await get(`/virksomheter?ministry=${o.test}&page=2`), 'nb');
      expect(second.match(/<th scope="row">/g)).toHaveLength(5);
      expect(second).toContain('Etat 55');
      expect((await get(`/virksomheter?ministry=${o.test}&page=3`)).statusCode).toBe(404);
    });
  });

  describe('with other size thresholds', () => {
    let t2: TestApp;
    beforeAll(async () => {
      t2 = await createTestApp(engine, { seed: 'empty', env: { SIZE_THRESHOLDS: '20,100,300' } });
      await createAgency(t2.database.db, { name: { nb: 'Mellometat' }, employees: 175 });
    });
    afterAll(async () => t2?.close());

    it('classifies and shows ranges by the configured thresholds', async () => {
      const list = (await t2.app.inject({ method: 'GET', url: '/api/v1/agencies?size=gap' })).json();
      expect(list.items.map((a: { name: string }) => a.name)).toEqual(['Mellometat']);
      const html = (await t2.app.inject({ method: 'GET', url: '/virksomheter' })).body;
      expect(html).toContain('<option value="gap">101–300 ansatte</option>');
      expect(html).toContain('<td>101–300 ansatte</td>');
      expect(html).not.toContain('151–200');
      expect(html).toContain('Liten (under 20 ansatte)');
    });
  });
});
