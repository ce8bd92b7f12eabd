import { describe, expect, it } from 'vitest';
import { isCalendarDate, type PriceDocument, priceProblems } from './servicePrice.js';

const price = (p: Partial<PriceDocument> = {}): PriceDocument => ({ label: null, amount: 250_000, unit: 'per_employee_year', note: null, validFrom: null, ...p });

describe('service prices', () => {
  it('accepts amounts in kroner and øre from zero up, with or without a tier and a start date', () => {
    expect(priceProblems([price(), price({ amount: 0, unit: 'per_transaction' }), price({ amount: 0.51, label: { nb: 'Grunnpakke' }, validFrom: '2026-01-01' })])).toEqual([]);
  });

  it('refuses negative amounts, fractions of an øre and amounts beyond ten billion, by field', () => {
    expect(priceProblems([price({ amount: -1 }), price({ amount: 10.005, unit: 'per_hour' }), price({ amount: 2e10, unit: 'one_off' })])).toEqual([
      { field: 'prices.0.amount', rule: 'price_range' },
      { field: 'prices.1.amount', rule: 'price_decimals' },
      { field: 'prices.2.amount', rule: 'price_range' },
    ]);
  });

  it('refuses a start date that is no calendar day', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-2-1')).toBe(false);
    expect(priceProblems([price({ validFrom: '2026-13-01' })])).toEqual([{ field: 'prices.0.validFrom', rule: 'price_date' }]);
  });

  it('refuses the same tier, unit and start date twice (labels compared without case)', () => {
    const twice = [price({ label: { nb: 'Grunnpakke' } }), price({ label: { nb: 'grunnpakke ' }, amount: 1 })];
    expect(priceProblems(twice)).toEqual([{ field: 'prices.1.label', rule: 'price_duplicate' }]);
    expect(priceProblems([twice[0]!, { ...twice[1]!, unit: 'per_year' }])).toEqual([]);
  });
});
