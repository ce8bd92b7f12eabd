import { Type } from 'typebox';
import { BASELINE_MEASURES, type MeasuredPeriod, type Measures } from '../../domain/agencyBaseline.js';
import type { Language } from '../../domain/catalogue.js';
import { parseDecimal } from '../../domain/gains.js';
import { messages } from '../../web/i18n/index.js';
import { collectErrors, text } from '../shared/input.js';
import { nullable } from '../shared/schema.js';

const Amount = Type.Optional(Type.Union([Type.Number(), Type.String({ maxLength: 30 })]));

export const MeasuredBody = Type.Object({
  period: Type.String({ maxLength: 10, description: 'yyyy or yyyy-mm' }),
  hoursPerMonth: Amount,
  costNokPerYear: Amount,
  ftes: Amount,
  note: Type.Optional(Type.String({ maxLength: 1000 })),
});

const MeasuresSchema = Type.Object({ hoursPerMonth: Type.Optional(Type.Number()), costNokPerYear: Type.Optional(Type.Number()), ftes: Type.Optional(Type.Number()) });
const Sum = nullable(Type.Object({ agencies: Type.Integer(), baseline: Type.Number(), result: Type.Number(), change: Type.Number(), ratio: nullable(Type.Number()) }));

export const BaselineAggregateSchema = Type.Object(
  {
    withBaseline: Type.Integer(),
    withResult: Type.Integer(),
    measures: Type.Array(Type.Object({ measure: Type.String(), total: Sum, bySize: Type.Array(Type.Object({ sizeClass: Type.String(), sum: Sum })) })),
  },
  { $id: 'BaselineAggregate', description: 'Sums over the agencies with both a baseline and a result; null where fewer than 5 agencies (or a group that could reveal them).' },
);

export const AgencyBaselineSchema = Type.Object(
  {
    service: Type.String(),
    agency: Type.String(),
    baseline: Type.Object({ period: Type.String(), measures: MeasuresSchema, note: nullable(Type.String()) }),
    result: nullable(Type.Object({ period: Type.String(), measures: MeasuresSchema, note: nullable(Type.String()) })),
  },
  { $id: 'AgencyBaseline' },
);

/** A period and its measures, from JSON numbers or form text ("2,5", "1 200 000"); a number that is none is reported. */
export function parseMeasured(b: Record<string, unknown>, lang: Language): MeasuredPeriod & { note?: string } {
  const t = messages[lang].baseline.errors;
  return collectErrors((err) => {
    const measures: Measures = {};
    for (const m of BASELINE_MEASURES) {
      const raw = b[m];
      if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) continue;
      const n = parseDecimal(raw as string | number);
      if (n === undefined) err(m, t.number);
      else measures[m] = n;
    }
    const note = text(b.note);
    return { period: text(b.period), measures, ...(note ? { note } : {}) };
  });
}
