import { describe, expect, it } from 'vitest';
import { osloDate, osloDayEnd, osloOffsetMinutes, osloToday, parseOsloLocal, toOsloLocal } from './osloTime.js';

describe('Oslo time', () => {
  it('knows winter and summer time', () => {
    expect(osloOffsetMinutes(new Date('2026-01-15T12:00:00Z'))).toBe(60);
    expect(osloOffsetMinutes(new Date('2026-07-15T12:00:00Z'))).toBe(120);
  });

  it('reads local time as an instant and writes it back', () => {
    expect(parseOsloLocal('2026-01-15T12:00')?.toISOString()).toBe('2026-01-15T11:00:00.000Z');
    expect(parseOsloLocal('2026-07-15T12:00')?.toISOString()).toBe('2026-07-15T10:00:00.000Z');
    expect(toOsloLocal(new Date('2026-07-15T10:00:00Z'))).toBe('2026-07-15T12:00');
  });

  it('refuses what is not a time', () => {
    for (const bad of ['', 'tomorrow', '2026-02-30T12:00', '2026-13-01T00:00', '2026-01-01T24:00', '2026-01-01']) expect(parseOsloLocal(bad)).toBeUndefined();
  });

  it('gives the date in Oslo, which is not the UTC date around midnight', () => {
    expect(osloDate(new Date('2026-03-14T23:30:00Z'))).toBe('2026-03-15');
    expect(osloDate(new Date('2026-07-14T21:59:00Z'))).toBe('2026-07-14');
    expect(osloDate(new Date('2026-07-14T22:00:00Z'))).toBe('2026-07-15');
  });
});

describe('osloToday', () => {
  it('turns the day at midnight in Oslo, to the millisecond, however the calls alternate (it remembers the last minute)', () => {
    const instants: [string, string][] = [
      ['2026-01-14T22:59:59.999Z', '2026-01-14'],
      ['2026-01-14T23:00:00.000Z', '2026-01-15'],
      ['2026-01-14T22:59:59.999Z', '2026-01-14'],
      ['2026-07-01T21:59:30.000Z', '2026-07-01'],
      ['2026-07-01T21:59:59.999Z', '2026-07-01'],
      ['2026-07-01T22:00:00.000Z', '2026-07-02'],
      ['2026-07-01T22:00:59.999Z', '2026-07-02'],
      ['2026-03-29T00:59:59.999Z', '2026-03-29'],
      ['2026-03-28T22:59:59.999Z', '2026-03-28'],
    ];
    expect(instants.map(([at]) => osloToday(new Date(at)))).toEqual(instants.map(([, day]) => day));
  });
});

describe('osloDayEnd', () => {
  it('is midnight in Oslo at the start of the next day, in winter and in summer', () => {
    expect(osloDayEnd('2020-12-10')!.toISOString()).toBe('2020-12-10T23:00:00.000Z');
    expect(osloDayEnd('2021-06-30')!.toISOString()).toBe('2021-06-30T22:00:00.000Z');
    expect(osloDayEnd('2021-02-30')).toBeUndefined();
    expect(osloDayEnd('10.12.2020')).toBeUndefined();
  });
});
