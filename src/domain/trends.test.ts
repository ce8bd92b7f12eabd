import { describe, expect, it } from 'vitest';
import { growth, trendPoints, withChange } from './trends.js';

describe('trends', () => {
  it('takes the last day of each year and then today', () => {
    expect(trendPoints(2018, '2021-06-30')).toEqual([
      { date: '2018-12-31', label: '2018' },
      { date: '2019-12-31', label: '2019' },
      { date: '2020-12-31', label: '2020' },
      { date: '2021-06-30', label: '2021-06-30' },
    ]);
    expect(trendPoints(2030, '2021-06-30')).toEqual([{ date: '2021-06-30', label: '2021-06-30' }]);
  });

  it('computes changes and growth', () => {
    expect(withChange([2, 5, 4])).toEqual([
      { value: 2, change: null },
      { value: 5, change: 3 },
      { value: 4, change: -1 },
    ]);
    expect(growth([100, 150])).toBe(0.5);
    expect(growth([0, 3])).toBeNull();
    expect(growth([3])).toBeNull();
  });
});
