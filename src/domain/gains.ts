/**
 * Costs and gains (the report's 3.3: "gains are hard to measure because there are no baseline measurements").
 * A service records indicators — what something cost or took before it was taken into use (the baseline, with its
 * period, source and method) — and measurements over time in the same unit. This module compares them. Pure.
 */
import type { GainDirection } from './collaboration.js';
import { isPartialIsoDate, partialDateStart } from './partialDate.js';

export interface GainBaseline {
  baselineValue: number;
  /** Partial ISO date: "2019", "2019-06" or "2019-06-30". */
  baselinePeriod: string;
  betterWhen: GainDirection;
}

export interface GainChange {
  /** value − baseline, in the indicator's unit. */
  change: number;
  /** change / |baseline|; null when the baseline is 0. */
  ratio: number | null;
  /** Whether the change is a gain (true), a loss (false) or neither (null: no change). */
  gain: boolean | null;
}

export function changeFromBaseline(b: GainBaseline, value: number): GainChange {
  const change = round(value - b.baselineValue);
  const ratio = b.baselineValue === 0 ? null : round(change / Math.abs(b.baselineValue), 4);
  const gain = change === 0 ? null : b.betterWhen === 'lower' ? change < 0 : change > 0;
  return { change, ratio, gain };
}

const round = (x: number, digits = 6) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Periods sort by the first day they can mean: "2021" before "2021-03". */
export function comparePeriods(a: string, b: string): number {
  const x = partialDateStart(a);
  const y = partialDateStart(b);
  return x < y ? -1 : x > y ? 1 : a.length - b.length;
}

export interface GainPoint {
  period: string;
  value: number;
}

/** The baseline first, then the measurements in time order, each with its change from the baseline. */
export function gainSeries<P extends GainPoint>(b: GainBaseline, measurements: readonly P[]): (P & GainChange)[] {
  return [...measurements].sort((x, y) => comparePeriods(x.period, y.period)).map((m) => ({ ...m, ...changeFromBaseline(b, m.value) }));
}

export type PeriodProblem = 'invalid' | 'before_baseline';

/** A measurement's period must be a (partial) date, and not before the baseline's. */
export function checkPeriod(period: string, baselinePeriod: string | undefined): PeriodProblem | undefined {
  if (!isPartialIsoDate(period)) return 'invalid';
  if (baselinePeriod && partialDateStart(period) < partialDateStart(baselinePeriod)) return 'before_baseline';
  return undefined;
}

/**
 * A number as people write it: "1 234,5", "1234.5", "-12". Spaces (also non-breaking) group thousands; a comma or
 * a point marks decimals. Undefined when it is not such a number or is out of ±10¹².
 */
export function parseDecimal(raw: string | number | undefined | null): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) && Math.abs(raw) <= 1e12 ? raw : undefined;
  if (raw === undefined || raw === null) return undefined;
  const s = raw.trim().replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^-?\d{1,13}(\.\d{1,6})?$/.test(s)) return undefined;
  const n = Number(s);
  return Math.abs(n) <= 1e12 ? n : undefined;
}
