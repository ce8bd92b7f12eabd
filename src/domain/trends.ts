/**
 * Trends from the usage register's history: counts of customers at points in time. Subscriptions are periods
 * (started on, ended on; history is never overwritten), so the customers of a service on a day are the periods
 * that contain the day. The points are the last day of each year and today.
 */

export interface TrendPoint {
  /** yyyy-mm-dd */
  date: string;
  /** "2019", or the date for today. */
  label: string;
}

/** The last day of each year from `fromYear` up to the year before `today`, then `today` itself. */
export function trendPoints(fromYear: number, today: string): TrendPoint[] {
  const thisYear = Number(today.slice(0, 4));
  const points: TrendPoint[] = [];
  for (let y = Math.max(fromYear, thisYear - 60); y < thisYear; y++) points.push({ date: `${y}-12-31`, label: String(y) });
  points.push({ date: today, label: today });
  return points;
}

/** Each value with its change from the point before (null for the first). */
export function withChange(values: readonly number[]): { value: number; change: number | null }[] {
  return values.map((value, i) => ({ value, change: i === 0 ? null : value - values[i - 1]! }));
}

/** Growth from the first point to the last, as a fraction; null when the series starts at 0 or is empty. */
export function growth(values: readonly number[]): number | null {
  if (values.length < 2 || values[0] === 0) return null;
  return (values.at(-1)! - values[0]!) / values[0]!;
}
