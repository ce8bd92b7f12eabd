import { describe, expect, it } from 'vitest';
import { checkOrgnr, formatOrgnr, isValidOrgnr, orgnrCheckDigit } from './orgnr.js';

describe('organisation numbers (MOD11)', () => {
  it('computes the worked example from Brønnøysundregistrene', () => {
    expect(orgnrCheckDigit('12345678')).toBe(5);
    expect(isValidOrgnr('123456785')).toBe(true);
  });

  it('accepts real organisation numbers', () => {
    for (const orgnr of ['974760673', '991825827', '889640782', '986252932', '932384469', '972417785']) {
      expect(checkOrgnr(orgnr)).toEqual({ ok: true, orgnr });
    }
  });

  it('accepts the grouped form with spaces', () => {
    expect(checkOrgnr('991 825 827')).toEqual({ ok: true, orgnr: '991825827' });
  });

  it('says why a number is refused', () => {
    expect(checkOrgnr('')).toEqual({ ok: false, problem: 'empty' });
    expect(checkOrgnr(undefined)).toEqual({ ok: false, problem: 'empty' });
    expect(checkOrgnr('99182582X')).toEqual({ ok: false, problem: 'format' });
    expect(checkOrgnr('99182582')).toEqual({ ok: false, problem: 'length' });
    expect(checkOrgnr('9918258270')).toEqual({ ok: false, problem: 'length' });
    expect(checkOrgnr('991825828')).toEqual({ ok: false, problem: 'checksum' });
  });

  it('refuses Altinn test numbers that fail the check', () => {
    for (const orgnr of ['999999990', '999999991', '999999992']) expect(isValidOrgnr(orgnr)).toBe(false);
  });

  it('refuses numbers whose remainder would need the check digit 10', () => {
    // Find a prefix with remainder 1: every completion of it must be invalid.
    const prefix = Array.from({ length: 10_000 }, (_, i) => String(10_000_000 + i)).find(
      (p) => orgnrCheckDigit(p) === undefined,
    )!;
    expect(prefix).toBeDefined();
    for (let d = 0; d <= 9; d++) expect(isValidOrgnr(prefix + d)).toBe(false);
  });

  it('formats in groups of three', () => {
    expect(formatOrgnr('991825827')).toBe('991 825 827');
  });
});
