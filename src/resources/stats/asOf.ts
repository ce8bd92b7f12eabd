import { Type } from 'typebox';
import type { Language } from '../../domain/catalogue.js';
import { osloDayEnd, osloToday } from '../../domain/osloTime.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';

/** `?asOf=YYYY-MM-DD`: the day the figures are for (Oslo time); today when absent. */
export const AsOfProperty = Type.Optional(
  Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'The day the figures are for (YYYY-MM-DD, Oslo time; default today). The register keeps its history, so any past day is answerable.' }),
);

/** The day asked for, or today; a day that does not exist or lies after today is a 400 naming the field. */
export function asOfFrom(value: string | undefined, lang: Language, now = new Date()): string {
  const today = osloToday(now);
  if (value === undefined || value === '') return today;
  if (!osloDayEnd(value) || value > today) {
    const message = messages[lang].nonUse.errors.asOf(value);
    throw new HttpProblem(400, message, { errors: [{ field: 'asOf', message }] });
  }
  return value;
}

/** The `?asOf=` a request gave, unchecked (for links and forms that keep it); undefined when none. */
export function askedAsOf(req: { query: unknown }): string | undefined {
  return (req.query as { asOf?: string } | undefined)?.asOf || undefined;
}

/** The day a statistics page is for: its `?asOf=` (checked as above) or today. */
export function asOfOf(req: { query: unknown; lang: Language }, now = new Date()): string {
  return asOfFrom(askedAsOf(req), req.lang, now);
}
