/**
 * Shares and rankings for the statistics. A share of nothing is `null`, never 0 or NaN, so pages can say "no
 * eligible agencies" instead of showing 0 %.
 */

/** part / whole, or null when the whole is 0. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/**
 * The lower bound of the Wilson score interval for a share (z = 1.96, 95 %). Ranks "9 of 10" above "1 of 1": a
 * share from few agencies counts for less than the same share from many.
 */
export function wilsonLowerBound(part: number, whole: number, z = 1.96): number {
  if (whole <= 0) return 0;
  const p = part / whole;
  const z2 = z * z;
  return (p + z2 / (2 * whole) - z * Math.sqrt((p * (1 - p) + z2 / (4 * whole)) / whole)) / (1 + z2 / whole);
}

export interface Part<K extends string> {
  key: K;
  count: number;
}

/** Each part's share of the total of all parts (null when the total is 0), keeping the order given. */
export function distribution<K extends string>(parts: readonly Part<K>[]): { key: K; count: number; share: number | null }[] {
  const total = parts.reduce((n, p) => n + p.count, 0);
  return parts.map((p) => ({ key: p.key, count: p.count, share: share(p.count, total) }));
}
