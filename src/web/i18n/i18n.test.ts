import { describe, expect, it } from 'vitest';
import { en, enParts } from './en.js';
import { formatters, localizePath, messages, norwegianCollator, numberWords, stripLanguage } from './index.js';
import { nb, nbParts } from './nb.js';
import { nn, nnParts } from './nn.js';
import { duplicateKeys, mergeParts } from './parts.js';

function keys(o: unknown, prefix = ''): string[] {
  if (typeof o !== 'object' || o === null) return [prefix];
  return Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('message catalogues', () => {
  it('have the same keys in bokmål, nynorsk and English', () => {
    const nb = keys(messages.nb).sort();
    expect(keys(messages.nn).sort()).toEqual(nb);
    expect(keys(messages.en).sort()).toEqual(nb);
  });

  it('are split by resource: each module has the same keys in every language', () => {
    for (const [module, part] of Object.entries(nbParts)) {
      const want = keys(part).sort();
      expect(keys(nnParts[module as keyof typeof nnParts]).sort(), `${module}.nn`).toEqual(want);
      expect(keys(enParts[module as keyof typeof enParts]).sort(), `${module}.en`).toEqual(want);
    }
    expect(Object.keys(nnParts).sort()).toEqual(Object.keys(nbParts).sort());
    expect(Object.keys(enParts).sort()).toEqual(Object.keys(nbParts).sort());
  });

  it('define each key in one module only', () => {
    for (const parts of [nbParts, nnParts, enParts]) expect(duplicateKeys(parts)).toEqual([]);
    expect(messages).toEqual({ nb, nn, en });
    // The check can fail: a section defined in two modules is named, and merging refuses it.
    const twice = { stats: { stats: { title: 'Statistikk' } }, usage: { usage: {}, stats: { title: 'Bruk' } } };
    expect(duplicateKeys(twice)).toEqual(['stats (stats, usage)']);
    expect(() => mergeParts(twice)).toThrow(/stats \(stats, usage\)/);
  });

  it('have no empty strings', () => {
    for (const lang of ['nb', 'nn', 'en'] as const) {
      const walk = (o: unknown, path: string) => {
        if (typeof o === 'string') expect(o.trim(), `${lang}.${path}`).not.toBe('');
        else if (typeof o === 'object' && o) for (const [k, v] of Object.entries(o)) walk(v, `${path}.${k}`);
      };
      walk(messages[lang], '');
    }
  });
});

describe('language paths', () => {
  it('puts bokmål at the root and the others under a prefix', () => {
    expect(localizePath('/tjenester?q=l%C3%B8nn', 'en')).toBe('/en/tjenester?q=l%C3%B8nn');
    expect(localizePath('/en/tjenester', 'nb')).toBe('/tjenester');
    expect(localizePath('/en', 'nn')).toBe('/nn');
    expect(localizePath('/', 'en')).toBe('/en');
    expect(localizePath('/nn', 'nb')).toBe('/');
    expect(stripLanguage('/entreprise')).toEqual({ lang: 'nb', path: '/entreprise' });
    expect(stripLanguage('/en?x=1')).toEqual({ lang: 'en', path: '/?x=1' });
  });
});

describe('formatting', () => {
  it('sorts æ, ø and å after z', () => {
    const names = ['Åpen', 'Zebra', 'Ærlig', 'Øst', 'Anna'];
    expect(names.sort(norwegianCollator.compare)).toEqual(['Anna', 'Zebra', 'Ærlig', 'Øst', 'Åpen']);
  });

  it('formats numbers, percentages and dates in Norwegian', () => {
    const f = formatters('nb');
    expect(f.number(210000)).toBe('210\u202f000');
    expect(f.percent(0.703)).toMatch(/70,3\s%/);
    expect(f.date('2021')).toBe('2021');
    expect(f.date('2019-01-01')).toBe('1. januar 2019');
    expect(formatters('en').date('2019-01-01')).toBe('1 January 2019');
  });
});

describe('counts and amounts', () => {
  const seconds = { one: '# sekund', other: '# sekunder' };
  it('chooses the plural form by Intl.PluralRules and groups thousands', () => {
    const cases: [lang: 'nb' | 'nn' | 'en', n: number, forms: { one: string; other: string }, want: string][] = [
      ['nb', 0, seconds, '0 sekunder'],
      ['nb', 1, seconds, '1 sekund'],
      ['nb', 2, seconds, '2 sekunder'],
      ['nb', 250000, seconds, '250\u202f000 sekunder'],
      ['nn', 0, { one: '# verdi', other: '# verdiar' }, '0 verdiar'],
      ['nn', 1, { one: '# verdi', other: '# verdiar' }, '1 verdi'],
      ['nn', 2, { one: '# verdi', other: '# verdiar' }, '2 verdiar'],
      ['nn', 1234567, { one: '# verdi', other: '# verdiar' }, '1\u202f234\u202f567 verdiar'],
      ['en', 0, { one: '# second', other: '# seconds' }, '0 seconds'],
      ['en', 1, { one: '# second', other: '# seconds' }, '1 second'],
      ['en', 2, { one: '# second', other: '# seconds' }, '2 seconds'],
      ['en', 250000, { one: '# second', other: '# seconds' }, '250,000 seconds'],
    ];
    for (const [lang, n, forms, want] of cases) expect(numberWords(lang).count(n, forms), `${lang} ${n}`).toBe(want);
    expect(numberWords('nb').number(-1500.5)).toBe('−1\u202f500,5');
    expect(numberWords('en').number(1500.5)).toBe('1,500.5');
    expect(numberWords('nb').number(999)).toBe('999');
  });

  it('is used by the catalogues\' count sentences', () => {
    expect(messages.nb.stats.optouts.lag(1)).toContain('1 sekund ');
    expect(messages.nb.stats.optouts.lag(30)).toContain('30 sekunder');
    expect(messages.nn.stats.optouts.lag(1)).toContain('1 sekund ');
    expect(messages.en.stats.optouts.lag(1)).toContain('1 second ');
    expect(messages.en.stats.optouts.lag(0)).toContain('0 seconds');
    expect(messages.nb.catalogue.results(0)).toBe('0 tjenester');
    expect(messages.nb.catalogue.results(1)).toBe('1 tjeneste');
    expect(messages.nn.catalogue.results(2)).toBe('2 tenester');
    expect(messages.en.catalogue.results(12000)).toBe('12,000 services');
    expect(messages.nb.access.tooManyRequests(1)).toContain('Vent 1 sekund ');
    expect(messages.en.access.tooManyRequests(2)).toContain('2 seconds');
    expect(messages.nb.survey.respondentCount(250000)).toBe('250\u202f000 virksomheter har svart.');
  });
});
