import { describe, expect, it } from 'vitest';
import { aggregateBaselines, type AgencyMeasurement, checkMeasured } from './agencyBaseline.js';

describe('baselines per agency', () => {
  it('checks a baseline and a result against it, every problem at once', () => {
    expect(checkMeasured({ period: '2024', measures: { ftes: 2.5 } })).toEqual([]);
    expect(checkMeasured({ period: '2024-13', measures: { ftes: -1, hoursPerMonth: 2e6 } })).toEqual([
      { field: 'period', code: 'invalid' },
      { field: 'hoursPerMonth', code: 'out_of_range' },
      { field: 'ftes', code: 'out_of_range' },
    ]);
    expect(checkMeasured({ period: '2024', measures: {} })).toEqual([{ field: 'measures', code: 'none' }]);
    const base = { period: '2024-06', measures: { ftes: 3, costNokPerYear: 2_000_000 } };
    expect(checkMeasured({ period: '2025', measures: { ftes: 1.5 } }, base)).toEqual([]);
    expect(checkMeasured({ period: '2024-01', measures: { ftes: 1.5 } }, base)).toEqual([{ field: 'period', code: 'before_baseline' }]);
    expect(checkMeasured({ period: '2025', measures: { hoursPerMonth: 10 } }, base)).toEqual([{ field: 'measures', code: 'not_in_baseline' }]);
  });

  const agency = (sizeClass: AgencyMeasurement['sizeClass'], b: number, r: number | null): AgencyMeasurement => ({ sizeClass, baseline: { ftes: b }, result: r === null ? null : { ftes: r } });

  it('sums the agencies with both figures, and shows nothing from fewer than 5', () => {
    const four = [agency('small', 1, 0.5), agency('small', 2, 1), agency('large', 10, 6), agency('large', 8, 5), agency('medium', 3, null)];
    const a = aggregateBaselines(four);
    expect(a.withBaseline).toBe(5);
    expect(a.withResult).toBe(4);
    expect(a.measures.find((m) => m.measure === 'ftes')).toEqual({ measure: 'ftes', total: null, bySize: [] });
    const five = aggregateBaselines([...four, agency('large', 6, 4)]);
    expect(five.measures.find((m) => m.measure === 'ftes')!.total).toEqual({ agencies: 5, baseline: 27, result: 16.5, change: -10.5, ratio: -0.3889 });
    // A measure nobody gave is no figure either.
    expect(five.measures.find((m) => m.measure === 'hoursPerMonth')!.total).toBeNull();
  });

  it('hides a size class under 5 and the next smallest, so the total cannot reveal it', () => {
    const rows = [...Array.from({ length: 6 }, () => agency('large', 10, 7)), ...Array.from({ length: 5 }, () => agency('medium', 4, 3)), agency('small', 1, 1)];
    const ftes = aggregateBaselines(rows).measures.find((m) => m.measure === 'ftes')!;
    expect(ftes.total).toMatchObject({ agencies: 12, baseline: 81, result: 58 });
    // small (1) is hidden, and medium (5, the smallest shown) too: the remainder 6 could not be split back.
    expect(ftes.bySize).toEqual([
      { sizeClass: 'large', sum: { agencies: 6, baseline: 60, result: 42, change: -18, ratio: -0.3 } },
      { sizeClass: 'medium', sum: null },
      { sizeClass: 'small', sum: null },
    ]);
  });
});
