import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceRelations } from '../../src/db/schema/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { createAgency, createArea, createProvider, createService, createSubscription, createTier } from '../support/factories.js';
import { validateCpsv, violations } from '../support/shacl.js';

const BRREG = 'https://data.brreg.no/enhetsregisteret/api/enheter/';
const CPSVNO_SERVICE = 'https://data.norge.no/vocabulary/cpsvno#Service';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

const triples = (turtle: string) => new Parser().parse(turtle);
const objectsOf = (turtle: string, s: string, p: string) =>
  triples(turtle)
    .filter((q) => q.subject.value === s && q.predicate.value === p)
    .map((q) => q.object.value)
    .sort();

describe.each(testEngines())('CPSV-AP-NO export on %s', (engine) => {
  describe('the catalogue as loaded (demo dataset, whatever it holds)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(engine, { seed: 'demo' });
    });
    afterAll(async () => t?.close());

    it('validates against the CPSV-AP-NO shapes', async () => {
      const res = await t.app.inject('/api/v1/catalog.ttl');
      expect(res.statusCode).toBe(200);
      const services = triples(res.body).filter((q) => q.predicate.value === RDF_TYPE && q.object.value === CPSVNO_SERVICE).length;
      const found = violations(await validateCpsv(res.body));
      if (services === 0) {
        // An empty catalogue cannot conform: the shapes require dcatno:containsService at least once.
        expect(found.map((v) => v.shape)).toEqual([':hasMin1MaxNShape-dcatnoContainsService']);
      } else {
        expect(found).toEqual([]);
      }
    });
  });

  describe('a rich catalogue built with factories', () => {
    let t: TestApp;
    const ministry = { orgnr: '' };
    const dfo = { orgnr: '' };
    const users: string[] = [];

    beforeAll(async () => {
      t = await createTestApp(engine, { seed: 'empty' });
      const db = t.database.db;
      const m = await createAgency(db, { kind: 'ministry', name: { nb: 'Digitaliserings- og forvaltningsdepartementet' }, orgForm: 'STAT' });
      ministry.orgnr = m.orgnr;
      const dfoAgency = await createAgency(db, {
        name: { nb: 'Direktoratet for forvaltning og økonomistyring', en: 'Norwegian Agency for Public and Financial Management' },
        ministryOrgnr: m.orgnr,
        website: 'www.dfo.no',
      });
      dfo.orgnr = dfoAgency.orgnr;
      const company = await createAgency(db, { kind: 'company', name: { nb: 'Sikt AS' }, website: 'not a url' });
      const municipality = await createAgency(db, { kind: 'municipality', name: { nb: 'Engerdal kommune' } });
      const lonn = await createArea(db, { slug: 'lonn', name: { nb: 'Lønn', nn: 'Løn', en: 'Payroll' }, description: { nb: 'Lønn og personal' } });
      const it = await createArea(db, { slug: 'it-drift', name: { nb: 'IT-drift' } });
      const dfoProvider = await createProvider(db, {
        slug: 'dfo',
        name: { nb: 'DFØ' },
        orgnr: dfoAgency.orgnr,
        contact: { email: 'postmottak@dfo.no', phone: '+47 40 00 79 97', url: 'https://dfo.no/kontakt' },
      });
      const companyProvider = await createProvider(db, { slug: 'sikt', name: { nb: 'Sikt' }, orgnr: company.orgnr, model: 'sector' });
      const unitProvider = await createProvider(db, { slug: 'statens-hus', name: { nb: 'Statens hus' }, model: 'network', website: 'statenshus.no' });
      const payroll = await createService(db, {
        slug: 'lonnstjenester',
        name: { nb: 'Lønnstjenester', nn: 'Lønstenester', en: 'Payroll services' },
        summary: { nb: 'DFØ utbetaler lønn.', en: 'DFØ pays salaries.' },
        description: { nb: 'DFØ utbetaler lønn for statlige virksomheter.', nn: '' },
        providerId: dfoProvider.id,
        areaSlug: lonn.slug,
        financing: ['charging_authority', 'budget_transfer', 'free'],
        financingNote: { nb: 'Grunnpakken er gratis.' },
        supportChannels: ['phone', 'email', 'chat', 'chatbot', 'self_service', 'customer_forum', 'contact_person', 'status_meeting', 'on_site', 'user_survey'],
        howToJoin: { steps: [{ nb: 'Ta kontakt' }], contact: { email: 'kundesenter@dfo.no' }, links: [] },
        keywords: 'lønnsutbetaling, reiseregning; HR',
        website: 'https://dfo.no/lonn',
        serviceLevels: { uptimePercent: 99.7 },
      });
      const travel = await createService(db, {
        slug: 'reiseregninger',
        name: { nb: 'Reiseregninger' },
        providerId: dfoProvider.id,
        areaSlug: lonn.slug,
        parentServiceId: payroll.id,
        status: 'phasing_out',
      });
      const sector = await createService(db, { slug: 'sektor-it', name: { nb: 'Sektor-IT' }, providerId: companyProvider.id, areaSlug: it.slug, status: 'pilot', financing: ['user_paid'] });
      const house = await createService(db, { slug: 'felles-resepsjon', name: { nb: 'Felles resepsjon' }, providerId: unitProvider.id, areaSlug: it.slug, status: 'planned', supportChannels: ['on_site'] });
      await db.insert(serviceRelations).values([
        { serviceId: payroll.id, relatedServiceId: sector.id },
        { serviceId: house.id, relatedServiceId: sector.id },
      ]);
      const basis = await createTier(db, { serviceId: payroll.id, slug: 'basis', name: { nb: 'Basis', en: 'Basic' } });
      await createTier(db, { serviceId: payroll.id, slug: 'fullservice', name: { nb: 'Fullservice' } });
      for (const a of [dfoAgency, municipality, company]) {
        await createSubscription(db, { agencyOrgnr: a.orgnr, serviceId: payroll.id, tierId: basis.id, startedOn: '2019-01-01' });
        users.push(a.orgnr);
      }
      await createSubscription(db, { agencyOrgnr: municipality.orgnr, serviceId: house.id, startedOn: null });
      // An ended subscription is not a participation.
      const gone = await createAgency(db, { name: { nb: 'Nedlagt virksomhet' } });
      await createSubscription(db, { agencyOrgnr: gone.orgnr, serviceId: payroll.id, startedOn: '2010-01-01', endedOn: '2012-01-01' });
      void travel;
    });
    afterAll(async () => t?.close());

    it('the whole catalogue has 0 violations (and we report any warnings)', async () => {
      const res = await t.app.inject('/api/v1/catalog.ttl');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/turtle; charset=utf-8');
      const results = await validateCpsv(res.body);
      expect(violations(results)).toEqual([]);
      expect(results).toEqual([]);
    });

    it('each service document validates on its own, with links only to services it describes', async () => {
      for (const slug of ['lonnstjenester', 'reiseregninger', 'sektor-it', 'felles-resepsjon']) {
        const res = await t.app.inject(`/api/v1/services/${slug}.ttl`);
        expect(res.statusCode, slug).toBe(200);
        expect(await validateCpsv(res.body), slug).toEqual([]);
      }
      const one = (await t.app.inject('/api/v1/services/reiseregninger.ttl')).body;
      expect(objectsOf(one, 'http://portal.test/tjenester/reiseregninger', 'http://purl.org/dc/terms/isPartOf')).toEqual(['http://portal.test/tjenester/lonnstjenester']);
    });

    it('uses stable URIs: the service page for services, Enhetsregisteret for organisations', async () => {
      const ttl = (await t.app.inject('/api/v1/catalog.ttl')).body;
      const s = 'http://portal.test/tjenester/lonnstjenester';
      expect(objectsOf(ttl, 'http://portal.test/api/v1/catalog', 'https://data.norge.no/vocabulary/dcatno#containsService')).toHaveLength(4);
      expect(objectsOf(ttl, s, RDF_TYPE)).toEqual([CPSVNO_SERVICE]);
      expect(objectsOf(ttl, s, 'http://data.europa.eu/m8g/ownedBy')).toEqual([BRREG + dfo.orgnr]);
      expect(objectsOf(ttl, s, 'http://data.europa.eu/m8g/hasCompetentAuthority')).toEqual([BRREG + dfo.orgnr]);
      expect(objectsOf(ttl, BRREG + dfo.orgnr, 'http://xmlns.com/foaf/0.1/homepage')).toEqual(['https://www.dfo.no/']);
      expect(objectsOf(ttl, s, 'http://purl.org/dc/terms/title')).toEqual(['Lønnstjenester', 'Lønstenester', 'Payroll services']);
      expect(objectsOf(ttl, s, 'http://www.w3.org/ns/dcat#keyword')).toEqual(['HR', 'lønnsutbetaling', 'reiseregning']);
      // The provider without an org number gets a portal URI; the company is an org:Organization.
      expect(objectsOf(ttl, 'http://portal.test/tjenester/felles-resepsjon', 'http://data.europa.eu/m8g/ownedBy')).toEqual(['http://portal.test/leverandorer/statens-hus']);
      const sikt = objectsOf(ttl, 'http://portal.test/tjenester/sektor-it', 'http://data.europa.eu/m8g/ownedBy')[0]!;
      expect(objectsOf(ttl, sikt, RDF_TYPE)).toEqual(['http://www.w3.org/ns/org#Organization']);
    });

    it('has participations for the agencies that use a service now, and the provider', async () => {
      const ttl = (await t.app.inject('/api/v1/services/lonnstjenester.ttl')).body;
      const parts = objectsOf(ttl, 'http://portal.test/tjenester/lonnstjenester', 'http://data.europa.eu/m8g/hasParticipation');
      expect(parts).toHaveLength(users.length + 1);
      for (const orgnr of users) {
        const p = `http://portal.test/tjenester/lonnstjenester#deltagelse-${orgnr}`;
        expect(parts).toContain(p);
        expect(objectsOf(ttl, BRREG + orgnr, 'http://data.europa.eu/m8g/participates')).toContain(p);
        expect(objectsOf(ttl, p, 'http://data.europa.eu/m8g/role')).toEqual(['https://data.norge.no/vocabulary/role-type#service-receiver']);
      }
      const description = objectsOf(ttl, `http://portal.test/tjenester/lonnstjenester#deltagelse-${users[0]}`, 'http://purl.org/dc/terms/description');
      expect(description).toContain('Direktoratet for forvaltning og økonomistyring bruker tjenesten (tjenestemodell Basis) fra 1. januar 2019.');
      expect(ttl).not.toContain('Nedlagt virksomhet');
    });

    it('has channels, costs and a contact point from the data', async () => {
      const ttl = (await t.app.inject('/api/v1/services/lonnstjenester.ttl')).body;
      const s = 'http://portal.test/tjenester/lonnstjenester';
      expect(objectsOf(ttl, `${s}#kontaktpunkt`, 'http://data.europa.eu/m8g/email')).toEqual(['kundesenter@dfo.no']);
      expect(objectsOf(ttl, `${s}#kontaktpunkt`, 'http://data.europa.eu/m8g/telephone')).toEqual(['+47 40 00 79 97']);
      expect(objectsOf(ttl, s, 'http://data.europa.eu/m8g/hasChannel')).toHaveLength(10);
      expect(objectsOf(ttl, `${s}#kanal-phone`, 'http://purl.org/dc/terms/type')).toEqual(['https://data.norge.no/vocabulary/service-channel-type#telephone']);
      expect(objectsOf(ttl, s, 'http://data.europa.eu/m8g/hasCost')).toHaveLength(3);
      expect(objectsOf(ttl, `${s}#kostnad-free`, 'http://data.europa.eu/m8g/hasValue')).toEqual(['0']);
      expect(objectsOf(ttl, `${s}#kostnad-free`, 'http://purl.org/dc/terms/description')).toContain('Gratis. Grunnpakken er gratis.');
    });

    it('serves JSON-LD with the same graph, by URL and by content negotiation', async () => {
      const ttl = (await t.app.inject('/api/v1/catalog.ttl')).body;
      const byUrl = await t.app.inject('/api/v1/catalog.jsonld');
      expect(byUrl.headers['content-type']).toBe('application/ld+json; charset=utf-8');
      const doc = byUrl.json();
      expect(doc['@context'].cpsvno).toBe('https://data.norge.no/vocabulary/cpsvno#');
      const { default: jsonld } = await import('jsonld');
      const nquads = (await jsonld.toRDF(doc, { format: 'application/n-quads' })) as unknown as string;
      expect(new Parser({ format: 'N-Quads' }).parse(nquads).length).toBe(triples(ttl).length);
      const negotiated = await t.app.inject({ url: '/api/v1/catalog', headers: { accept: 'application/ld+json' } });
      expect(negotiated.json()).toEqual(doc);
      expect(negotiated.headers.vary).toContain('Accept');
      const turtle = await t.app.inject({ url: '/api/v1/catalog', headers: { accept: 'text/turtle;q=0.9, application/json;q=0.5' } });
      expect(turtle.headers['content-type']).toBe('text/turtle; charset=utf-8');
    });

    it('negotiates on /services/{slug} without breaking the JSON API', async () => {
      const json = await t.app.inject('/api/v1/services/lonnstjenester');
      expect(json.headers['content-type']).toContain('application/json');
      expect(json.json().slug).toBe('lonnstjenester');
      expect((await t.app.inject({ url: '/api/v1/services/lonnstjenester', headers: { accept: 'application/json, text/turtle;q=0.5' } })).json().slug).toBe('lonnstjenester');
      expect((await t.app.inject({ url: '/api/v1/services/lonnstjenester', headers: { accept: '*/*' } })).json().slug).toBe('lonnstjenester');
      const ttl = await t.app.inject({ url: '/api/v1/services/lonnstjenester', headers: { accept: 'text/turtle' } });
      expect(ttl.headers['content-type']).toBe('text/turtle; charset=utf-8');
      expect(ttl.body).toBe((await t.app.inject('/api/v1/services/lonnstjenester.ttl')).body);
      const ld = await t.app.inject({ url: '/api/v1/services/lonnstjenester', headers: { accept: 'application/ld+json' } });
      expect(ld.json()['@graph']).toBeDefined();
    });

    it('answers an unknown service with a 404 problem in every format', async () => {
      for (const req of [
        { url: '/api/v1/services/finnes-ikke.ttl' },
        { url: '/api/v1/services/finnes-ikke.jsonld' },
        { url: '/api/v1/services/finnes-ikke', headers: { accept: 'text/turtle' } },
      ]) {
        const res = await t.app.inject(req);
        expect(res.statusCode).toBe(404);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().detail).toContain('finnes-ikke');
      }
    });

    it('lists the open-data and import endpoints in OpenAPI', async () => {
      const doc = (await t.app.inject('/api/v1/openapi.json')).json();
      const paths = Object.keys(doc.paths);
      for (const p of [
        '/api/v1/catalog',
        '/api/v1/catalog.ttl',
        '/api/v1/catalog.jsonld',
        '/api/v1/services/{slug}.ttl',
        '/api/v1/services/{slug}.jsonld',
        '/api/v1/providers/{slug}/usage-imports',
        '/api/v1/providers/{slug}/customers.csv',
        '/api/v1/providers/{slug}/customers.xlsx',
      ]) {
        expect(paths).toContain(p);
      }
      expect(Object.keys(doc.paths['/api/v1/services/{slug}'].get.responses['200'].content)).toEqual(['application/json', 'text/turtle', 'application/ld+json']);
      expect(Object.keys(doc.paths['/api/v1/providers/{slug}/usage-imports'].post.requestBody.content)).toContain('multipart/form-data');
    });
  });
});
