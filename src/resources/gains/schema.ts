import { Type } from 'typebox';
import type { Language, LocalizedText } from '../../domain/catalogue.js';
import { GAIN_DIRECTIONS, GAIN_UNITS, type GainDirection, type GainUnit } from '../../domain/collaboration.js';
import { checkPeriod, parseDecimal } from '../../domain/gains.js';
import { messages } from '../../web/i18n/index.js';
import { type Body, oneOf, parser, sized, withEnglish } from '../shared/fields.js';
import { collectErrors, text } from '../shared/input.js';
import { enumOf, nullable } from '../shared/schema.js';

export const GainParams = Type.Object({ slug: Type.String({ maxLength: 120 }), indicator: Type.String({ maxLength: 60 }) });
export const MeasurementParams = Type.Object({ slug: Type.String({ maxLength: 120 }), indicator: Type.String({ maxLength: 60 }), period: Type.String({ maxLength: 10 }) });

const Point = Type.Object({
  period: Type.String({ description: 'Partial ISO date: 2021, 2021-06 or 2021-06-30.' }),
  value: Type.Number(),
  change: Type.Number({ description: 'value − baseline.' }),
  ratio: nullable(Type.Number({ description: 'change / |baseline|.' })),
  gain: nullable(Type.Boolean({ description: 'Whether the change is a gain, given whether lower or higher is better; null when unchanged.' })),
  note: nullable(Type.String()),
});

export const GainIndicatorSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    unit: enumOf(GAIN_UNITS),
    unitLabel: Type.String(),
    betterWhen: enumOf(GAIN_DIRECTIONS),
    baseline: Type.Object({ value: Type.Number(), period: Type.String(), description: Type.String() }),
    source: Type.String(),
    method: Type.String(),
    factSource: Type.String(),
    measurements: Type.Array(Point),
    latest: nullable(Point),
  },
  { $id: 'GainIndicator' },
);

export const GainsSchema = Type.Object(
  { service: Type.Object({ slug: Type.String(), name: Type.String() }), indicators: Type.Array(Type.Ref('GainIndicator')) },
  { $id: 'ServiceGains' },
);

export const IndicatorBody = Type.Object({
  name: Type.String({ maxLength: 200, description: 'What is measured, e.g. "Kostnad per lønnsslipp".' }),
  nameEn: Type.Optional(Type.String({ maxLength: 200 })),
  unit: enumOf(GAIN_UNITS),
  betterWhen: enumOf(GAIN_DIRECTIONS, 'lower: a cost or a time; higher: satisfaction, a share automated …'),
  baselineValue: Type.Union([Type.Number(), Type.String({ maxLength: 30 })], { description: 'What it cost or took before.' }),
  baselinePeriod: Type.String({ maxLength: 10, description: 'When the baseline was measured: 2019, 2019-06 or 2019-06-30.' }),
  baselineDescription: Type.String({ maxLength: 2000, description: 'What the baseline is, in words.' }),
  source: Type.String({ maxLength: 500 }),
  method: Type.String({ maxLength: 2000 }),
});

export const MeasurementBody = Type.Object({
  value: Type.Union([Type.Number(), Type.String({ maxLength: 30 })]),
  note: Type.Optional(Type.String({ maxLength: 1000 })),
});

export interface IndicatorInput {
  name: LocalizedText;
  unit: GainUnit;
  betterWhen: GainDirection;
  baselineValue: number;
  baselinePeriod: string;
  baselineDescription: LocalizedText;
  source: string;
  method: string;
}

export const parseIndicatorInput = parser('gain', (b, t, err): IndicatorInput => {
  const name = sized(b, 'name', 3, 200, err, t.name);
  const unit = oneOf(b, 'unit', GAIN_UNITS, err, t.unit);
  const betterWhen = oneOf(b, 'betterWhen', GAIN_DIRECTIONS, err, t.betterWhen);
  const baselineValue = parseDecimal(b.baselineValue as string | number | undefined);
  if (baselineValue === undefined) err('baselineValue', t.value);
  const baselinePeriod = text(b.baselinePeriod);
  if (checkPeriod(baselinePeriod, undefined)) err('baselinePeriod', t.period);
  const baselineDescription = sized(b, 'baselineDescription', 5, Infinity, err, t.baselineDescription);
  return {
    name: withEnglish(b, 'name', name),
    unit,
    betterWhen,
    baselineValue: baselineValue ?? 0,
    baselinePeriod,
    baselineDescription: { nb: baselineDescription },
    source: sized(b, 'source', 2, Infinity, err, t.source),
    method: sized(b, 'method', 5, Infinity, err, t.method),
  };
});

export function parseMeasurement(b: Body, period: string, baselinePeriod: string, lang: Language): { period: string; value: number; note: string | null } {
  const t = messages[lang].gain.errors;
  return collectErrors((err) => {
    const problem = checkPeriod(period.trim(), baselinePeriod);
    if (problem) err('period', problem === 'invalid' ? t.period : t.beforeBaseline(baselinePeriod));
    const value = parseDecimal(b.value as string | number | undefined);
    if (value === undefined) err('value', t.value);
    const note = text(b.note);
    return { period: period.trim(), value: value ?? 0, note: note || null };
  });
}
