import { describe, expect, it } from 'vitest';
import { seenBefore } from './admission.js';

describe('second sight', () => {
  it('a key is new the first time and seen every time after', () => {
    const scope = {};
    expect(seenBefore(scope, 'lønn')).toBe(false);
    expect(seenBefore(scope, 'lønn')).toBe(true);
    expect(seenBefore(scope, 'lønn')).toBe(true);
    // Another scope (another database handle) has not seen it.
    expect(seenBefore({}, 'lønn')).toBe(false);
  });

  it('keys are told apart', () => {
    const scope = {};
    const keys = Array.from({ length: 1000 }, (_, i) => `/tjenester?q=l%C3%B8nn+${i}`);
    // A few may collide in 65,536 slots; nearly all are new, and nearly all remembered.
    expect(keys.filter((k) => !seenBefore(scope, k)).length).toBeGreaterThan(990);
    expect(keys.filter((k) => seenBefore(scope, k)).length).toBeGreaterThan(980);
  });
});
