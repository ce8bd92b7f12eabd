/**
 * Dates known only to the year or month ("first version 2021") are written as partial ISO 8601 dates:
 * "2021", "2021-03" or "2021-03-15". They sort correctly as text and are shown as precisely as they are known,
 * never as a made-up 1 January.
 */

const PARTIAL = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;

export type DatePrecision = 'year' | 'month' | 'day';

export function isPartialIsoDate(value: string): boolean {
  const m = PARTIAL.exec(value);
  if (!m) return false;
  if (m[3] === undefined) return true;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function datePrecision(value: string): DatePrecision {
  return value.length === 4 ? 'year' : value.length === 7 ? 'month' : 'day';
}

/** The first day the partial date can mean, as YYYY-MM-DD (for comparing with full dates). */
export function partialDateStart(value: string): string {
  if (value.length === 4) return `${value}-01-01`;
  if (value.length === 7) return `${value}-01`;
  return value;
}

/** SQL check for columns holding partial dates. */
export const PARTIAL_DATE_SQL_PATTERN = '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$';
