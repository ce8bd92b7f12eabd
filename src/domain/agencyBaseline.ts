/**
 * Baselines and gains per agency (the report's 3.3: "gains are hard to measure because there are no baseline
 * measurements"). When an agency takes a service into use it records where it stood on the task the service takes
 * over — hours a month, cost a year, full-time equivalents (FTEs) — and later where it stands. A service's figures
 * are the sum over the agencies that gave both, per measure, with the small-group rule (src/domain/smallGroups.ts):
 * no total from fewer than 5 agencies, no size class that could single one out. Pure: no I/O.
 */
import { isPartialIsoDate, partialDateStart } from './partialDate.js';
import type { SizeClass } from './sizeClass.js';
import { cellsToHide, MIN_GROUP_SIZE } from './smallGroups.js';

export const BASELINE_MEASURES = ['hoursPerMonth', 'costNokPerYear', 'ftes'] as const;
export type BaselineMeasure = (typeof BASELINE_MEASURES)[number];

/** The largest value each measure takes (a typing error beyond it, not a big agency). */
export const MEASURE_MAX: Record<BaselineMeasure, number> = { hoursPerMonth: 1_000_000, costNokPerYear: 100_000_000_000, ftes: 100_000 };

export type Measures = Partial<Record<BaselineMeasure, number>>;

export interface MeasuredPeriod {
  /** Partial ISO date: "2024", "2024-06". */
  period: string;
  measures: Measures;
}

export type BaselineProblem =
  | { field: 'period'; code: 'invalid' | 'before_baseline' }
  | { field: BaselineMeasure; code: 'out_of_range' }
  | { field: 'measures'; code: 'none' | 'not_in_baseline' };

/**
 * Checks a baseline (no `baseline` given) or a result against its baseline: a (partial) date, not before the
 * baseline's; each value from 0 to its maximum; at least one measure, and for a result at least one the baseline
 * has (a result is compared with the baseline measure by measure). Every problem is returned.
 */
export function checkMeasured(input: MeasuredPeriod, baseline?: MeasuredPeriod): BaselineProblem[] {
  const problems: BaselineProblem[] = [];
  if (!isPartialIsoDate(input.period)) problems.push({ field: 'period', code: 'invalid' });
  else if (baseline && partialDateStart(input.period) < partialDateStart(baseline.period)) problems.push({ field: 'period', code: 'before_baseline' });
  for (const m of BASELINE_MEASURES) {
    const v = input.measures[m];
    if (v !== undefined && (!Number.isFinite(v) || v < 0 || v > MEASURE_MAX[m])) problems.push({ field: m, code: 'out_of_range' });
  }
  const given = BASELINE_MEASURES.filter((m) => input.measures[m] !== undefined);
  if (given.length === 0) problems.push({ field: 'measures', code: 'none' });
  else if (baseline && !given.some((m) => baseline.measures[m] !== undefined)) problems.push({ field: 'measures', code: 'not_in_baseline' });
  return problems;
}

export interface AgencyMeasurement {
  sizeClass: SizeClass;
  baseline: Measures;
  result: Measures | null;
}

export interface MeasureSum {
  /** Agencies with both a baseline and a result for the measure. */
  agencies: number;
  baseline: number;
  result: number;
  /** result − baseline; negative is a saving. */
  change: number;
  /** change / baseline, null when the baseline is 0. */
  ratio: number | null;
}

export interface MeasureAggregate {
  measure: BaselineMeasure;
  /** null: fewer than 5 agencies, not shown. */
  total: MeasureSum | null;
  /** Per size class; null where the group is hidden. */
  bySize: { sizeClass: SizeClass; sum: MeasureSum | null }[];
}

export interface BaselineAggregate {
  /** Agencies that have recorded a baseline, and a result: counts are not figures about any one agency. */
  withBaseline: number;
  withResult: number;
  measures: MeasureAggregate[];
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

function sumOf(rows: AgencyMeasurement[], m: BaselineMeasure): MeasureSum {
  const pairs = rows.filter((r) => r.baseline[m] !== undefined && r.result?.[m] !== undefined);
  const baseline = round(pairs.reduce((s, r) => s + r.baseline[m]!, 0));
  const result = round(pairs.reduce((s, r) => s + r.result![m]!, 0));
  const change = round(result - baseline);
  return { agencies: pairs.length, baseline, result, change, ratio: baseline === 0 ? null : round(change / baseline) };
}

/** A service's baselines and results together, with the small-group rule applied to every sum. */
export function aggregateBaselines(rows: AgencyMeasurement[], k = MIN_GROUP_SIZE): BaselineAggregate {
  const measures = BASELINE_MEASURES.map((m): MeasureAggregate => {
    const total = sumOf(rows, m);
    const sizes = [...new Set(rows.map((r) => r.sizeClass))].sort();
    const cells = sizes.map((sizeClass) => ({ sizeClass, sum: sumOf(rows.filter((r) => r.sizeClass === sizeClass), m) }));
    const hidden = cellsToHide(cells.map((c) => ({ key: c.sizeClass, n: c.sum.agencies })), k);
    return {
      measure: m,
      total: total.agencies >= k ? total : null,
      bySize: total.agencies >= k ? cells.filter((c) => c.sum.agencies > 0).map((c) => ({ sizeClass: c.sizeClass, sum: hidden.has(c.sizeClass) ? null : c.sum })) : [],
    };
  });
  return { withBaseline: rows.length, withResult: rows.filter((r) => r.result !== null).length, measures };
}
