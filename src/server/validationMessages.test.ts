import { describe, expect, it } from 'vitest';
import { type AjvLikeError, describeError } from './validationMessages.js';

const error = (keyword: string, params: Record<string, unknown> = {}, extra: Partial<AjvLikeError> = {}): AjvLikeError => ({ keyword, instancePath: '/x', params, ...extra });

describe('validation messages', () => {
  const cases: [AjvLikeError, nb: string, nn: string, en: string][] = [
    [error('required', { missingProperty: 'name' }), 'må fylles ut', 'må fyllast ut', 'is required'],
    [error('minLength', { limit: 1 }), 'kan ikke være tom', 'kan ikkje vere tom', 'must not be empty'],
    [error('minLength', { limit: 3 }), 'må ha minst 3 tegn', 'må ha minst 3 teikn', 'must have at least 3 characters'],
    [error('maxLength', { limit: 1000 }), 'kan ha høyst 1\u202f000 tegn', 'kan ha høgst 1\u202f000 teikn', 'must have at most 1,000 characters'],
    [error('maxItems', { limit: 1 }), 'kan ha høyst 1 verdi', 'kan ha høgst 1 verdi', 'may have at most 1 value'],
    [error('maxItems', { limit: 20 }), 'kan ha høyst 20 verdier', 'kan ha høgst 20 verdiar', 'may have at most 20 values'],
    [error('type', { type: 'integer' }), 'må være et heltall', 'må vere eit heiltal', 'must be a whole number'],
    [error('type', { type: 'array' }), 'må være en liste', 'må vere ei liste', 'must be a list'],
    [error('type', { type: ['string', 'null'] }), 'må være av typen string, null', 'må vere av typen string, null', 'must be of type string, null'],
    [error('minimum', { limit: 0 }), 'må være minst 0', 'må vere minst 0', 'must be at least 0'],
    [error('maximum', { limit: 100 }), 'kan være høyst 100', 'kan vere høgst 100', 'must be at most 100'],
    [error('exclusiveMinimum', { limit: 0 }), 'må være større enn 0', 'må vere større enn 0', 'must be greater than 0'],
    [error('format', { format: 'email' }), 'har feil format', 'har feil format', 'has the wrong format'],
    [error('enum', { allowedValues: ['a', 'b'] }), 'må være en av: a, b', 'må vere ein av: a, b', 'must be one of: a, b'],
    [error('const', { allowedValue: 'yes' }), 'må være yes', 'må vere yes', 'must be yes'],
    [
      error('anyOf', {}, { parentSchema: { anyOf: [{ const: 'a' }, { const: 'b' }] }, data: 'c' }),
      '«c» er ikke tillatt; bruk en av: a, b',
      '«c» er ikkje tillate; bruk ein av: a, b',
      '«c» is not allowed; use one of: a, b',
    ],
    [error('oneOf', {}, { data: 7 }), 'er ikke en tillatt verdi', 'er ikkje ein tillaten verdi', 'is not one of the allowed values'],
    [error('additionalProperties', { additionalProperty: 'y' }), 'er ikke et kjent felt', 'er ikkje eit kjent felt', 'is not a known field'],
    [error('multipleOf', {}, { message: 'must be multiple of 5' }), 'er ugyldig', 'er ugyldig', 'must be multiple of 5'],
  ];

  it.each(cases)('%o in bokmål, nynorsk and English', (e, nb, nn, en) => {
    expect(describeError(e, 'nb')).toBe(nb);
    expect(describeError(e, 'nn')).toBe(nn);
    expect(describeError(e, 'en')).toBe(en);
  });
});
