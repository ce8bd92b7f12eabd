import { describe, expect, it } from 'vitest';
import { isOneOf } from './vocabulary.js';

const SIZES = ['small', 'large'] as const;

describe('isOneOf', () => {
  it('knows the codes of the list, exactly as written, and nothing else', () => {
    expect(isOneOf(SIZES, 'small')).toBe(true);
    expect(isOneOf(SIZES, 'large')).toBe(true);
    expect(isOneOf(SIZES, 'Small')).toBe(false);
    expect(isOneOf(SIZES, ' small')).toBe(false);
    expect(isOneOf(SIZES, '')).toBe(false);
  });

  it('is false for anything that is not a string', () => {
    for (const value of [undefined, null, 0, true, ['small'], { small: true }]) expect(isOneOf(SIZES, value)).toBe(false);
  });

  it('narrows the value to the codes', () => {
    const value: unknown = 'large';
    const size: (typeof SIZES)[number] = isOneOf(SIZES, value) ? value : 'small';
    expect(size).toBe('large');
  });
});
