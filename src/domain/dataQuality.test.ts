import { readFileSync } from 'node:fs';
import { Parser, Store } from 'n3';
import { describe, expect, it } from 'vitest';
import { assessEntry, countFindings, type LinkResult, linksOf, monthsBefore, type QualityEntry, REQUIRED_BY_SHAPES } from './dataQuality.js';

const NOW = new Date('2026-12-05T12:00:00Z');

const good: QualityEntry = {
  slug: 'dfo-lonn',
  name: { nb: 'Lønnstjenester', nn: 'Lønstenester', en: 'Payroll services' },
  summary: { nb: 'DFØ tar hånd om lønn.', nn: 'DFØ tek hand om løn.', en: 'DFØ runs payroll.' },
  description: { nb: 'Lang tekst.', nn: 'Lang tekst.', en: 'Long text.' },
  website: 'https://dfo.no',
  links: ['https://dfo.no'],
  contact: { email: 'lonn@dfo.no' },
  providerContact: {},
  providerOrgnr: '986252932',
  serviceLevels: { uptimePercent: 99.5 },
  financing: ['charging_authority'],
  financingNote: { nb: 'Pris etter antall ansatte.' },
  priceCount: 0,
  updatedAt: new Date('2026-06-01T00:00:00Z'),
  reviewedAt: null,
};

const noLinks = new Map<string, LinkResult>();

describe('assessEntry', () => {
  it('finds nothing wrong with a complete, recently changed entry', () => {
    expect(assessEntry(good, noLinks, NOW)).toEqual([]);
  });

  it('names the fields missing nynorsk and English, only where bokmål is there', () => {
    const e = { ...good, summary: { nb: 'Kort.', en: 'Short.' }, description: { nb: 'Lang.' }, name: { nb: 'Navn', nn: 'Namn' } };
    expect(assessEntry(e, noLinks, NOW)).toEqual([
      { kind: 'nn', fields: ['summary'] },
      { kind: 'en', fields: ['name'] },
    ]);
    expect(assessEntry({ ...good, description: { nb: '' } }, noLinks, NOW).map((f) => f.kind)).toEqual(['shapes']);
  });

  it('asks for a review 12 months after the later of the last review and the last change', () => {
    const old = new Date('2025-11-30T00:00:00Z');
    expect(assessEntry({ ...good, updatedAt: old }, noLinks, NOW)).toEqual([{ kind: 'review', lastReviewed: old }]);
    expect(assessEntry({ ...good, updatedAt: old, reviewedAt: new Date('2026-01-10T00:00:00Z') }, noLinks, NOW)).toEqual([]);
    expect(assessEntry({ ...good, updatedAt: new Date('2025-12-06T00:00:00Z') }, noLinks, NOW)).toEqual([]);
    expect(monthsBefore(NOW, 12).toISOString()).toBe('2025-12-05T12:00:00.000Z');
  });

  it('lists the fields the CPSV-AP-NO shapes require that are empty', () => {
    const e = { ...good, description: { nb: ' ' }, contact: {}, providerContact: {}, providerOrgnr: null };
    expect(assessEntry(e, noLinks, NOW)).toEqual([{ kind: 'shapes', fields: ['description', 'owner', 'contact'] }]);
    // The provider's contact is the service's contact point when the service has none.
    expect(assessEntry({ ...good, contact: {}, providerContact: { phone: '40 00 00 00' } }, noLinks, NOW)).toEqual([]);
  });

  it('reports broken links with their status, not links never checked or found working', () => {
    const links = new Map<string, LinkResult>([
      ['https://dfo.no', { ok: false, httpStatus: 404, error: null }],
      ['https://ok.example', { ok: true, httpStatus: 200, error: null }],
    ]);
    const e = { ...good, links: ['https://dfo.no', 'https://ok.example', 'https://unchecked.example'] };
    expect(assessEntry(e, links, NOW)).toEqual([{ kind: 'links', urls: [{ url: 'https://dfo.no', httpStatus: 404, error: null }] }]);
  });

  it('says when service levels and prices are not stated; free of charge is a price', () => {
    const e = { ...good, serviceLevels: {}, financingNote: null };
    expect(assessEntry(e, noLinks, NOW)).toEqual([{ kind: 'levels' }, { kind: 'price' }]);
    expect(assessEntry({ ...e, financing: ['free'] }, noLinks, NOW)).toEqual([{ kind: 'levels' }]);
    expect(assessEntry({ ...e, serviceLevels: { supportHours: { nb: '08–16' } }, financingNote: { nb: '1 000 kr i måneden' } }, noLinks, NOW)).toEqual([]);
    // An amount per unit (service_prices) is a price, without any note.
    expect(assessEntry({ ...e, priceCount: 1 }, noLinks, NOW)).toEqual([{ kind: 'levels' }]);
  });
});

describe('countFindings', () => {
  it('counts entries per kind once, and the clean ones', () => {
    const c = countFindings([[], [{ kind: 'levels' }, { kind: 'price' }], [{ kind: 'levels' }]]);
    expect(c).toMatchObject({ entries: 3, clean: 1, levels: 2, price: 1, nn: 0 });
  });
});

describe('linksOf', () => {
  it('keeps http(s) addresses once, in order', () => {
    expect(linksOf('https://a.example', [{ url: 'https://b.example' }, { url: 'https://a.example' }, { url: 'mailto:x@y.no' }])).toEqual(['https://a.example', 'https://b.example']);
    expect(linksOf(null, [])).toEqual([]);
  });
});

describe('REQUIRED_BY_SHAPES', () => {
  it('is exactly the properties the ServiceShape of CPSV-AP-NO requires (sh:minCount ≥ 1)', () => {
    const ttl = readFileSync(new URL('../../data/reference/cpsv-ap-no/shacl/CPSV-AP-NO_shacl_shapes_v1.ttl', import.meta.url), 'utf8');
    const store = new Store(new Parser().parse(ttl));
    const SH = 'http://www.w3.org/ns/shacl#';
    const shape = 'https://data.norge.no/vocabulary/cpsvno-shacl#ServiceShape';
    const required = store
      .getObjects(shape, `${SH}property`, null)
      .filter((p) => store.getObjects(p, `${SH}minCount`, null).some((m) => Number(m.value) >= 1))
      .flatMap((p) => store.getObjects(p, `${SH}path`, null).map((o) => o.value));
    expect(required.length).toBeGreaterThan(3);
    expect(new Set(required)).toEqual(new Set(Object.keys(REQUIRED_BY_SHAPES)));
  });
});
