/**
 * Counting declarations for a provider's overview: by a key (size class, ministry, sector, reason), largest
 * group first, ties by key so the order is stable. Pure.
 */
export function tally<T>(items: readonly T[], keysOf: (item: T) => string | string[] | null | undefined): { key: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = keysOf(item);
    for (const key of k === null || k === undefined ? [] : Array.isArray(k) ? k : [k]) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
