import { describe, expect, it } from 'vitest';
import { httpIri, keywordsOf } from './cpsv.js';
import { negotiateRdf } from './rdf.js';

describe('negotiateRdf', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['application/json', undefined],
    ['*/*', undefined],
    ['text/html,application/xhtml+xml,*/*;q=0.8', undefined],
    ['text/turtle', 'turtle'],
    ['application/ld+json', 'jsonld'],
    ['application/json, text/turtle;q=0.5', undefined],
    ['text/turtle;q=0.9, application/json;q=0.5', 'turtle'],
    ['*/*, text/turtle', 'turtle'],
    ['application/ld+json;q=0, text/turtle;q=0.1', 'turtle'],
    ['TEXT/TURTLE; charset=utf-8', 'turtle'],
  ])('%s → %s', (accept, expected) => {
    expect(negotiateRdf(accept)).toBe(expected);
  });
});

describe('httpIri', () => {
  it.each([
    ['www.digdir.no', 'https://www.digdir.no/'],
    ['https://dfo.no/lonn', 'https://dfo.no/lonn'],
    ['http://example.no', 'http://example.no/'],
    ['  dfo.no/kontakt ', 'https://dfo.no/kontakt'],
    ['mailto:a@b.no', undefined],
    ['javascript:alert(1)', undefined],
    ['not a url', undefined],
    ['', undefined],
    [null, undefined],
  ])('%s → %s', (value, expected) => {
    expect(httpIri(value)).toBe(expected);
  });
});

describe('keywordsOf', () => {
  it('splits on commas or semicolons when there are any, else on whitespace, without duplicates', () => {
    expect(keywordsOf('sikring av bygg, vakthold; adgangskontroll')).toEqual(['sikring av bygg', 'vakthold', 'adgangskontroll']);
    expect(keywordsOf('lønn  HR lønn')).toEqual(['lønn', 'HR']);
    expect(keywordsOf('  ')).toEqual([]);
  });
});
