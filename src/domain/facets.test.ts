import { describe, expect, it } from 'vitest';
import { applyFacets } from './facets.js';

const docs = [
  { id: 'a', facetValues: { area: ['payroll'], model: ['central'], financing: ['budget_transfer', 'charging_authority'] } },
  { id: 'b', facetValues: { area: ['accounting'], model: ['central'], financing: ['budget_transfer'] } },
  { id: 'c', facetValues: { area: ['payroll'], model: ['sector'], financing: ['user_paid'] } },
  { id: 'd', facetValues: { area: ['it'], model: ['group'], financing: [] } },
];
const facets = ['area', 'model', 'financing'];

describe('facets', () => {
  it('counts everything when nothing is selected', () => {
    const r = applyFacets(docs, facets, {});
    expect(r.matches.map((d) => d.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(Object.fromEntries(r.counts.area!)).toEqual({ payroll: 2, accounting: 1, it: 1 });
    expect(Object.fromEntries(r.counts.financing!)).toEqual({ budget_transfer: 2, charging_authority: 1, user_paid: 1 });
  });

  it('ORs values within a facet and ANDs across facets', () => {
    expect(applyFacets(docs, facets, { area: ['payroll', 'it'] }).matches.map((d) => d.id)).toEqual(['a', 'c', 'd']);
    expect(applyFacets(docs, facets, { area: ['payroll', 'it'], model: ['central'] }).matches.map((d) => d.id)).toEqual(['a']);
  });

  it("computes each facet's counts with the other facets' filters only", () => {
    const r = applyFacets(docs, facets, { model: ['central'] });
    // area counts are restricted by model=central …
    expect(Object.fromEntries(r.counts.area!)).toEqual({ payroll: 1, accounting: 1 });
    // … but model counts are not restricted by model itself, so alternatives stay visible.
    expect(Object.fromEntries(r.counts.model!)).toEqual({ central: 2, sector: 1, group: 1 });
  });

  it('matches multi-valued facets on any value', () => {
    expect(applyFacets(docs, facets, { financing: ['charging_authority'] }).matches.map((d) => d.id)).toEqual(['a']);
  });

  it('returns nothing for a value no document has', () => {
    const r = applyFacets(docs, facets, { area: ['archive'] });
    expect(r.matches).toEqual([]);
    expect(r.counts.model!.size).toBe(0);
  });
});
