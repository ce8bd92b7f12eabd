import { describe, expect, it } from 'vitest';
import { prng } from './random.js';

describe('seeded random numbers', () => {
  it('repeats for a seed, differs between seeds, stays in [0, 1)', () => {
    const a = prng(20201210);
    const b = prng(20201210);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(prng(42)()).not.toBe(xs[0]);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});
