import { describe, expect, it } from 'vitest';
import { parseSizeThresholds, REPORT_SIZE_THRESHOLDS, sizeClassOf, sizeClassRange } from './sizeClass.js';

describe('size classes', () => {
  it('follows the report at the boundaries', () => {
    expect(sizeClassOf(0)).toBe('small');
    expect(sizeClassOf(49)).toBe('small');
    expect(sizeClassOf(50)).toBe('medium');
    expect(sizeClassOf(150)).toBe('medium');
    expect(sizeClassOf(201)).toBe('large');
    expect(sizeClassOf(25_000)).toBe('large');
  });

  it('keeps 151–200 apart as the undefined gap, never medium or large', () => {
    expect(sizeClassOf(151)).toBe('gap');
    expect(sizeClassOf(175)).toBe('gap');
    expect(sizeClassOf(200)).toBe('gap');
  });

  it('says unknown when the count is missing or nonsense', () => {
    expect(sizeClassOf(null)).toBe('unknown');
    expect(sizeClassOf(undefined)).toBe('unknown');
    expect(sizeClassOf(-3)).toBe('unknown');
    expect(sizeClassOf(Number.NaN)).toBe('unknown');
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
