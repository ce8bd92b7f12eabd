/**
 * What a provider charges for a service: amounts in Norwegian kroner per unit (per employee per year, per
 * transaction, …), optionally for one tier or price model. Aligned with CPSV-AP-NO's cost (`cv:Cost`: a value,
 * a currency, a description); the portal's prices are always NOK. Pure.
 */
import type { LocalizedText } from './catalogue.js';

/** What an amount is per: the codes stored and sent by the API; the words are in the vocabulary catalogues. */
export const PRICE_UNITS = ['per_employee_year', 'per_user_month', 'per_year', 'per_month', 'per_transaction', 'per_hour', 'one_off'] as const;
export type PriceUnit = (typeof PRICE_UNITS)[number];

/** The highest amount accepted: ten billion kroner (a slip of the keyboard beyond that is more likely than a price). */
export const MAX_PRICE_NOK = 10_000_000_000;

export interface PriceDocument {
  /** The tier or price model the amount is for ("Grunnpakke"); null for the service as a whole. */
  label: LocalizedText | null;
  /** Kroner, at least 0, at most two decimals (øre). */
  amount: number;
  unit: PriceUnit;
  /** What the amount includes or how it is charged, in words. */
  note: LocalizedText | null;
  /** ISO date (YYYY-MM-DD) from which the price applies; null when not stated. */
  validFrom: string | null;
}

export type PriceProblem = { field: string; rule: 'price_decimals' | 'price_range' | 'price_date' | 'price_duplicate' };

/** Whether an ISO date string names a real calendar day ("2026-02-30" does not). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * The rules on a service's prices the schema cannot say, by field path ("prices.1.amount"): amounts in whole øre
 * within range, real dates, and no two prices for the same tier label, unit and start date.
 */
export function priceProblems(prices: readonly PriceDocument[], path = 'prices'): PriceProblem[] {
  const problems: PriceProblem[] = [];
  const seen = new Set<string>();
  prices.forEach((p, i) => {
    if (!Number.isFinite(p.amount) || p.amount < 0 || p.amount > MAX_PRICE_NOK) problems.push({ field: `${path}.${i}.amount`, rule: 'price_range' });
    else if (Math.abs(Math.round(p.amount * 100) - p.amount * 100) > 1e-6) problems.push({ field: `${path}.${i}.amount`, rule: 'price_decimals' });
    if (p.validFrom !== null && !isCalendarDate(p.validFrom)) problems.push({ field: `${path}.${i}.validFrom`, rule: 'price_date' });
    const key = `${(p.label?.nb ?? '').trim().toLowerCase()}|${p.unit}|${p.validFrom ?? ''}`;
    if (seen.has(key)) problems.push({ field: `${path}.${i}.label`, rule: 'price_duplicate' });
    seen.add(key);
  });
  return problems;
}
