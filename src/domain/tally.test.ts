import { describe, expect, it } from 'vitest';
import { tally } from './tally.js';

describe('tally', () => {
  it('counts by key, largest first, ties by key', () => {
    expect(tally(['b', 'a', 'b', 'c', 'a', 'b'], (x) => x)).toEqual([
      { key: 'b', count: 3 },
      { key: 'a', count: 2 },
      { key: 'c', count: 1 },
    ]);
  });

  it('counts every key of multi-valued items and skips missing ones', () => {
    expect(tally([['x', 'y'], ['y'], null] as (string[] | null)[], (x) => x)).toEqual([
      { key: 'y', count: 2 },
      { key: 'x', count: 1 },
    ]);
  });
});
