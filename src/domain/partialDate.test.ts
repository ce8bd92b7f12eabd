import { describe, expect, it } from 'vitest';
import { datePrecision, isPartialIsoDate, partialDateStart } from './partialDate.js';

describe('partial ISO dates', () => {
  it('accepts a year, a month or a real day', () => {
    for (const v of ['2021', '2021-03', '2021-03-15', '2024-02-29']) expect(isPartialIsoDate(v)).toBe(true);
  });
  it('refuses malformed or impossible dates', () => {
    for (const v of ['21', '2021-3', '2021-13', '2021-02-30', '2023-02-29', '2021-03-15T00:00', 'abcd']) expect(isPartialIsoDate(v)).toBe(false);
  });
  it('knows its precision and its first day', () => {
    expect(datePrecision('2021')).toBe('year');
    expect(datePrecision('2021-03')).toBe('month');
    expect(datePrecision('2021-03-15')).toBe('day');
    expect(partialDateStart('2021')).toBe('2021-01-01');
    expect(partialDateStart('2021-03')).toBe('2021-03-01');
    expect(partialDateStart('2021-03-15')).toBe('2021-03-15');
  });
});
