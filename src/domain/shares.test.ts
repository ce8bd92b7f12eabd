import { describe, expect, it } from 'vitest';
import { distribution, share, wilsonLowerBound } from './shares.js';

describe('shares', () => {
  it('is null, not zero, when there is nothing to share', () => {
    expect(share(0, 0)).toBeNull();
    expect(share(3, 4)).toBe(0.75);
  });

  it('gives the report\'s payroll tier split from its counts', () => {
    const d = distribution([
      { key: 'basis', count: 50 },
      { key: 'delservice', count: 11 },
      { key: 'fullservice', count: 119 },
    ]);
    expect(d.map((x) => Math.round(100 * x.share!))).toEqual([28, 6, 66]);
    expect(distribution([{ key: 'a', count: 0 }])[0]!.share).toBeNull();
  });

  it('ranks many users above a lucky few', () => {
    expect(wilsonLowerBound(9, 10)).toBeGreaterThan(wilsonLowerBound(1, 1));
    expect(wilsonLowerBound(90, 100)).toBeGreaterThan(wilsonLowerBound(9, 10));
    expect(wilsonLowerBound(0, 0)).toBe(0);
    expect(wilsonLowerBound(0, 50)).toBeCloseTo(0, 10);
    expect(wilsonLowerBound(50, 50)).toBeLessThan(1);
  });
});
