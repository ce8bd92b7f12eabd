/**
 * Agency size classes. The report (DFØ 2020, after Difi 2018:9) calls agencies with fewer than 50 employees
 * small, 50–150 medium and more than 200 large. It does not say what 151–200 is: that band is its own class,
 * `gap`, so such agencies are shown as such and never silently counted as medium or large. Thresholds are
 * configuration (see `SIZE_THRESHOLDS` in the README).
 */

export const SIZE_CLASSES = ['small', 'medium', 'gap', 'large', 'unknown'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

export interface SizeThresholds {
  /** Fewer employees than this is small (report: 50). */
  readonly smallBelow: number;
  /** Up to and including this is medium (report: 150). */
  readonly mediumMax: number;
  /** More employees than this is large (report: 200). Between mediumMax and largeAbove is the gap. */
  readonly largeAbove: number;
}

export const REPORT_SIZE_THRESHOLDS: SizeThresholds = { smallBelow: 50, mediumMax: 150, largeAbove: 200 };

export function sizeClassOf(employees: number | null | undefined, t: SizeThresholds = REPORT_SIZE_THRESHOLDS): SizeClass {
  if (employees === null || employees === undefined || !Number.isFinite(employees) || employees < 0) return 'unknown';
  if (employees < t.smallBelow) return 'small';
  if (employees <= t.mediumMax) return 'medium';
  if (employees > t.largeAbove) return 'large';
  return 'gap';
}

/**
 * Parses thresholds written as "50,150,200". Refuses anything that would make the classes overlap or leave
 * holes, with a message naming the problem.
 */
export function parseSizeThresholds(text: string): SizeThresholds {
  const parts = text.split(',').map((p) => p.trim());
  const numbers = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : NaN));
  if (numbers.length !== 3 || numbers.some((n) => !Number.isInteger(n))) {
    throw new Error(`SIZE_THRESHOLDS must be three whole numbers "smallBelow,mediumMax,largeAbove", got "${text}"`);
  }
  const [smallBelow, mediumMax, largeAbove] = numbers as [number, number, number];
  if (!(smallBelow >= 1 && mediumMax >= smallBelow && largeAbove >= mediumMax)) {
    throw new Error(`SIZE_THRESHOLDS must be increasing (smallBelow ≤ mediumMax ≤ largeAbove), got "${text}"`);
  }
  return { smallBelow, mediumMax, largeAbove };
}

/** A human range for a class under the given thresholds, e.g. "50–150". Used in legends and tables. */
export function sizeClassRange(c: SizeClass, t: SizeThresholds = REPORT_SIZE_THRESHOLDS): string {
  switch (c) {
    case 'small':
      return `< ${t.smallBelow}`;
    case 'medium':
      return `${t.smallBelow}–${t.mediumMax}`;
    case 'gap':
      return t.largeAbove > t.mediumMax ? `${t.mediumMax + 1}–${t.largeAbove}` : '–';
    case 'large':
      return `> ${t.largeAbove}`;
    case 'unknown':
      return '?';
  }
}
