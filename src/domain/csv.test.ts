import { describe, expect, it } from 'vitest';
import { looksLikeFormula, neutralize } from './csv.js';

describe('spreadsheet formula injection', () => {
  /** Every start of a cell that a spreadsheet would run, with the full-width forms. */
  const DANGEROUS = ['=', '+', '-', '@', '\t', '\r', '\uff1d', '\uff0b', '\uff0d', '\uff20'];

  it.each(DANGEROUS.map((p) => [JSON.stringify(p), p]))('a cell starting with %s gets an apostrophe', (_name, prefix) => {
    for (const input of [`${prefix}cmd|' /C calc'!A0`, `${prefix}1+1`, prefix!]) {
      expect(looksLikeFormula(input)).toBe(true);
      expect(neutralize(input)).toBe(`'${input}`);
    }
  });

  it.each([['Direktoratet for forvaltning'], ['974760673'], ['1,5'], [' =x'], ["'=x"], ['a=b'], ['']])('%j stays as it is', (input) => {
    expect(looksLikeFormula(input)).toBe(false);
    expect(neutralize(input)).toBe(input);
  });
});
