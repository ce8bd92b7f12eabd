import { describe, expect, it } from 'vitest';
import { pickText, slugify } from './catalogue.js';

describe('localized text', () => {
  it('picks the wanted language and falls back to bokmål, saying so', () => {
    const t = { nb: 'Lønn', nn: 'Løn', en: 'Payroll' };
    expect(pickText(t, 'nn')).toEqual({ text: 'Løn', lang: 'nn' });
    expect(pickText({ nb: 'Lønn' }, 'en')).toEqual({ text: 'Lønn', lang: 'nb' });
    expect(pickText({ nb: 'Lønn', en: '  ' }, 'en')).toEqual({ text: 'Lønn', lang: 'nb' });
    expect(pickText(null, 'en')).toEqual({ text: '', lang: 'en' });
  });
});

describe('slugs', () => {
  it('transliterates Norwegian letters and collapses punctuation', () => {
    expect(slugify('Lønnstjenester – fullservice')).toBe('lonnstjenester-fullservice');
    expect(slugify('Statens servicesenter i Engerdal (SSiE)')).toBe('statens-servicesenter-i-engerdal-ssie');
    expect(slugify('Æøå Bygg')).toBe('aeoa-bygg');
  });
});
