import { describe, expect, it } from 'vitest';
import { agencySimilarity, MATCH_WEIGHTS, type MatchAgency, type MatchNeed, rankSimilarNeeds } from './matchmaking.js';

const KUD = '972417866';
const JD = '972417831';
const agency = (orgnr: string, over: Partial<MatchAgency> = {}): MatchAgency => ({
  orgnr,
  municipality: '4647', // Sunnfjord
  county: 'Vestland',
  ministryArea: KUD,
  sizeClass: 'medium',
  ...over,
});
let n = 0;
const need = (a: MatchAgency, over: Partial<MatchNeed> = {}): MatchNeed => ({
  id: `need-${++n}`,
  areaSlug: 'arkiv-og-dokumentforvaltning',
  urgency: 'medium',
  createdAt: new Date('2026-01-10T10:00:00Z'),
  agency: a,
  ...over,
});

describe('agency similarity', () => {
  it('adds up place, ministry area and size with the documented weights', () => {
    const me = agency('111111111');
    expect(agencySimilarity(me, agency('222222222'))).toEqual({ score: 100, reasons: ['same_municipality', 'same_ministry', 'same_size'] });
    expect(agencySimilarity(me, agency('222222222', { municipality: '4602' }))).toEqual({ score: 20 + 30 + 35, reasons: ['same_county', 'same_ministry', 'same_size'] });
    expect(agencySimilarity(me, agency('222222222', { municipality: '0301', county: 'Oslo', ministryArea: JD, sizeClass: 'small' }))).toEqual({
      score: MATCH_WEIGHTS.neighbouringSize,
      reasons: ['neighbouring_size'],
    });
    expect(agencySimilarity(me, agency('222222222', { municipality: '0301', county: 'Oslo', ministryArea: JD, sizeClass: 'large' })).score).toBe(0);
  });

  it('treats 151–200 as its own class between medium and large, and unknown as matching nothing', () => {
    const gap = agency('1', { sizeClass: 'gap', municipality: null, county: null, ministryArea: null });
    expect(agencySimilarity(gap, agency('2', { sizeClass: 'medium' })).reasons).toEqual(['neighbouring_size']);
    expect(agencySimilarity(gap, agency('2', { sizeClass: 'large' })).reasons).toEqual(['neighbouring_size']);
    expect(agencySimilarity(gap, agency('2', { sizeClass: 'small' })).reasons).toEqual([]);
    const unknown = agency('1', { sizeClass: 'unknown' });
    expect(agencySimilarity(unknown, agency('2', { sizeClass: 'unknown' })).reasons).not.toContain('same_size');
  });

  it('never matches on what is not known', () => {
    const blank = agency('1', { municipality: null, county: null, ministryArea: null, sizeClass: 'unknown' });
    expect(agencySimilarity(blank, agency('2', { municipality: null, county: null, ministryArea: null, sizeClass: 'unknown' }))).toEqual({ score: 0, reasons: [] });
  });
});

describe('ranking needs', () => {
  const me = need(agency('100000000'));

  it('ranks the most alike agency first and leaves out other areas and the agency itself', () => {
    const far = need(agency('200000000', { municipality: '0301', county: 'Oslo', ministryArea: JD, sizeClass: 'large' }));
    const sameCounty = need(agency('300000000', { municipality: '4602', ministryArea: JD }));
    const twin = need(agency('400000000'));
    const otherArea = need(agency('500000000'), { areaSlug: 'lonn' });
    const ownOther = need(agency('100000000'));
    const ranked = rankSimilarNeeds(me, [far, sameCounty, twin, otherArea, ownOther, me]);
    expect(ranked.map((m) => m.need.agency.orgnr)).toEqual(['400000000', '300000000', '200000000']);
    expect(ranked.map((m) => m.score)).toEqual([100, 55, 0]);
  });

  it('weighs place, sector and size against each other as documented', () => {
    const neighbour = need(agency('200000000', { sizeClass: 'large', ministryArea: JD }));
    const sectorTwin = need(agency('300000000', { municipality: '0301', county: 'Oslo' }));
    // 35 (municipality) against 30 + 35 (ministry area, size): the sector twin comes first …
    expect(rankSimilarNeeds(me, [neighbour, sectorTwin]).map((m) => [m.need.agency.orgnr, m.score])).toEqual([
      ['300000000', 65],
      ['200000000', 35],
    ]);
    // … but a neighbour in the same sector of a neighbouring size (35 + 30 + 15) comes before it.
    const neighbourNearSize = need(agency('200000000', { sizeClass: 'small' }));
    expect(rankSimilarNeeds(me, [sectorTwin, neighbourNearSize]).map((m) => [m.need.agency.orgnr, m.score])).toEqual([
      ['200000000', 80],
      ['300000000', 65],
    ]);
  });

  it('breaks ties by urgency, then the newest need, then the organisation number', () => {
    const a = need(agency('300000000'), { urgency: 'low', createdAt: new Date('2026-03-01T00:00:00Z') });
    const b = need(agency('200000000'), { urgency: 'high', createdAt: new Date('2025-01-01T00:00:00Z') });
    const c = need(agency('400000000'), { urgency: 'low', createdAt: new Date('2026-02-01T00:00:00Z') });
    const d = need(agency('250000000'), { urgency: 'low', createdAt: new Date('2026-02-01T00:00:00Z') });
    expect(rankSimilarNeeds(me, [a, c, d, b]).map((m) => m.need.agency.orgnr)).toEqual(['200000000', '300000000', '250000000', '400000000']);
  });

  it('cuts the list at the limit', () => {
    const many = Array.from({ length: 30 }, (_, i) => need(agency(String(200000000 + i))));
    expect(rankSimilarNeeds(me, many, 10)).toHaveLength(10);
  });
});
