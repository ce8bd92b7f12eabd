import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../domain/catalogue.js';
import { LOCALES, numberWords } from './numbers.js';

describe('numberWords', () => {
  it('formats every whole number from 0 to 999 as Intl does, in each language (the fast path)', () => {
    for (const lang of LANGUAGES) {
      const intl = new Intl.NumberFormat(LOCALES[lang]);
      const money = new Intl.NumberFormat(LOCALES[lang], { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      for (let n = 0; n < 1000; n++) {
        expect(numberWords(lang).number(n)).toBe(intl.format(n));
        expect(numberWords(lang).money(n)).toBe(intl.format(n));
      }
      // Not whole, negative or larger: through Intl (grouping, decimal comma, minus sign).
      expect(numberWords(lang).money(0.5)).toBe(money.format(0.5));
      expect(numberWords(lang).number(-3)).toBe(intl.format(-3));
    }
  });

  it('groups thousands with a narrow no-break space in bokmål and nynorsk, a comma in English', () => {
    expect(numberWords('nb').number(250000)).toBe('250\u202f000');
    expect(numberWords('nn').number(1000000)).toBe('1\u202f000\u202f000');
    expect(numberWords('en').number(250000)).toBe('250,000');
    expect(numberWords('nb').money(0.5)).toBe('0,50');
  });

  it('chooses the plural form by the count', () => {
    const forms = { one: '# tjeneste', other: '# tjenester' };
    expect(numberWords('nb').count(1, forms)).toBe('1 tjeneste');
    expect(numberWords('nb').count(0, forms)).toBe('0 tjenester');
    expect(numberWords('nb').count(2500, forms)).toBe('2\u202f500 tjenester');
  });
});
