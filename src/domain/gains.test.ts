import { describe, expect, it } from 'vitest';
import { changeFromBaseline, checkPeriod, comparePeriods, gainSeries, parseDecimal } from './gains.js';

describe('gains against a baseline', () => {
  const cost = { baselineValue: 400, baselinePeriod: '2019', betterWhen: 'lower' as const };
  const satisfaction = { baselineValue: 3.2, baselinePeriod: '2019', betterWhen: 'higher' as const };

  it('calls a lower cost a gain and a higher one a loss', () => {
    expect(changeFromBaseline(cost, 300)).toEqual({ change: -100, ratio: -0.25, gain: true });
    expect(changeFromBaseline(cost, 500)).toEqual({ change: 100, ratio: 0.25, gain: false });
    expect(changeFromBaseline(cost, 400)).toEqual({ change: 0, ratio: 0, gain: null });
  });

  it('calls a higher satisfaction a gain, without floating-point noise', () => {
    expect(changeFromBaseline(satisfaction, 4.1)).toEqual({ change: 0.9, ratio: 0.2813, gain: true });
    expect(changeFromBaseline(satisfaction, 3)).toMatchObject({ change: -0.2, gain: false });
  });

  it('has no ratio against a zero baseline', () => {
    expect(changeFromBaseline({ ...cost, baselineValue: 0 }, 5)).toEqual({ change: 5, ratio: null, gain: false });
  });

  it('orders measurements by period, a year before its months', () => {
    expect(['2022-03', '2021', '2022', '2021-12-31'].sort(comparePeriods)).toEqual(['2021', '2021-12-31', '2022', '2022-03']);
    const series = gainSeries(cost, [
      { period: '2023', value: 280 },
      { period: '2021', value: 350 },
    ]);
    expect(series.map((p) => [p.period, p.change, p.gain])).toEqual([
      ['2021', -50, true],
      ['2023', -120, true],
    ]);
  });

  it('checks a period: a partial date, not before the baseline', () => {
    expect(checkPeriod('2021', '2019')).toBeUndefined();
    expect(checkPeriod('2019-06', '2019')).toBeUndefined();
    expect(checkPeriod('2018-12', '2019')).toBe('before_baseline');
    expect(checkPeriod('2021-13', '2019')).toBe('invalid');
    expect(checkPeriod('i fjor', '2019')).toBe('invalid');
  });

  it('reads numbers as people write them', () => {
    expect(parseDecimal('1 234,5')).toBe(1234.5);
    expect(parseDecimal('1\u00a0234.50')).toBe(1234.5);
    expect(parseDecimal('-12')).toBe(-12);
    expect(parseDecimal(7)).toBe(7);
    expect(parseDecimal('12,3,4')).toBeUndefined();
    expect(parseDecimal('mange')).toBeUndefined();
    expect(parseDecimal('9999999999999')).toBeUndefined();
    expect(parseDecimal(Number.NaN)).toBeUndefined();
    expect(parseDecimal('')).toBeUndefined();
  });
});
