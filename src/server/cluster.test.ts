import { describe, expect, it } from 'vitest';
import { NODE_CONNECTIONS, poolSizePerWorker, searchPoolPerWorker, webConcurrency } from './cluster.js';

describe('worker processes and their connections', () => {
  it('runs one process on PGlite, one per core on PostgreSQL unless WEB_CONCURRENCY says, and refuses nonsense', () => {
    expect(webConcurrency({ WEB_CONCURRENCY: '4' }, undefined)).toBe(1);
    expect(webConcurrency({ WEB_CONCURRENCY: '3' }, 'postgres://x')).toBe(3);
    expect(webConcurrency({}, 'postgres://x')).toBeGreaterThanOrEqual(1);
    for (const bad of ['0', 'to', '1.5', '257']) expect(webConcurrency({ WEB_CONCURRENCY: bad }, 'postgres://x'), bad).toMatch(/WEB_CONCURRENCY/);
  });

  it('divides a node\'s connections among its workers, 22 at most and 5 at least, the search pool\'s among them', () => {
    const perWorker = (workers: number) => poolSizePerWorker(workers) + searchPoolPerWorker(workers);
    expect([1, 2, 3, 4, 8, 16].map(poolSizePerWorker)).toEqual([20, 20, 13, 10, 4, 4]);
    expect([1, 2, 3, 4, 8, 16].map(searchPoolPerWorker)).toEqual([2, 2, 1, 1, 1, 1]);
    // Up to 8 workers a node stays within its share; two nodes then stay under PostgreSQL's default of 100.
    for (const workers of [1, 2, 3, 4, 5, 6, 7, 8]) expect(workers * perWorker(workers)).toBeLessThanOrEqual(NODE_CONNECTIONS);
    expect(2 * (2 * perWorker(2) + 2)).toBeLessThan(100);
  });
});
