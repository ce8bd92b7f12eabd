import { describe, expect, it } from 'vitest';
import { formatters, localizePath, messages, norwegianCollator, stripLanguage } from './index.js';

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
    expect(f.number(210000).replace(/\s/g, ' ')).toBe('210 000');
    expect(f.percent(0.703)).toMatch(/70,3\s%/);
    expect(f.date('2021')).toBe('2021');
    expect(f.date('2019-01-01')).toBe('1. januar 2019');
    expect(formatters('en').date('2019-01-01')).toBe('1 January 2019');
  });
});
