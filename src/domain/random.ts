/**
 * mulberry32: a small, well-distributed 32-bit pseudo-random generator. Deterministic for a seed, so generated
 * datasets (the demo subscriptions, the statistics benchmark) are the same on every run.
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
