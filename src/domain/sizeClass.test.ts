import { describe, expect, it } from 'vitest';
import { parseSizeThresholds, REPORT_SIZE_THRESHOLDS, sizeClassOf, sizeClassRange } from './sizeClass.js';

describe('size classes', () => {
  /** The class of each count, in order (one comparison for a row of boundary cases). */
  const classesOf = (counts: (number | null | undefined)[]) => counts.map((n) => sizeClassOf(n));

  it('follows the report at the boundaries', () => {
    expect(classesOf([0, 49, 50, 150, 201, 25_000])).toEqual(['small', 'small', 'medium', 'medium', 'large', 'large']);
  });

  it('keeps 151–200 apart as the undefined gap, never medium or large', () => {
    expect(classesOf([151, 175, 200])).toEqual(['gap', 'gap', 'gap']);
  });

  it('says unknown when the count is missing or nonsense', () => {
    expect(classesOf([null, undefined, -3, Number.NaN])).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
  });

  it('uses configured thresholds; with no gap nothing falls in it', () => {
    const t = parseSizeThresholds('50, 150, 150');
    expect(sizeClassOf(150, t)).toBe('medium');
    expect(sizeClassOf(151, t)).toBe('large');
    expect(sizeClassRange('gap', t)).toBe('–');
  });

  it('refuses malformed or overlapping thresholds', () => {
    expect(() => parseSizeThresholds('50,150')).toThrow(/three whole numbers/);
    expect(() => parseSizeThresholds('50,abc,200')).toThrow(/three whole numbers/);
    expect(() => parseSizeThresholds('200,150,50')).toThrow(/increasing/);
  });

  it('prints ranges for legends', () => {
    expect(sizeClassRange('small', REPORT_SIZE_THRESHOLDS)).toBe('< 50');
    expect(sizeClassRange('medium')).toBe('50–150');
    expect(sizeClassRange('gap')).toBe('151–200');
    expect(sizeClassRange('large')).toBe('> 200');
  });
});
