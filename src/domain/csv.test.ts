import { describe, expect, it } from 'vitest';
import { looksLikeFormula, neutralize } from './csv.js';

describe('spreadsheet formula injection', () => {
  it.each([
    ['=', "=cmd|' /C calc'!A0"],
    ['+', '+47 22 00 00 00'],
    ['-', '-2+3'],
    ['@', '@SUM(A1)'],
    ['tab', '\t=1+1'],
    ['carriage return', '\r=1+1'],
    ['full-width =', '＝1+1'],
    ['full-width +', '＋1+1'],
    ['full-width -', '－1+1'],
    ['full-width @', '＠SUM(A1)'],
  ])('a cell starting with %s gets an apostrophe', (_name, input) => {
    expect(looksLikeFormula(input)).toBe(true);
    expect(neutralize(input)).toBe(`'${input}`);
  });

  it.each([['Direktoratet for forvaltning'], ['974760673'], ['1,5'], [' =x'], ["'=x"], ['a=b'], ['']])('%j stays as it is', (input) => {
    expect(looksLikeFormula(input)).toBe(false);
    expect(neutralize(input)).toBe(input);
  });
});
