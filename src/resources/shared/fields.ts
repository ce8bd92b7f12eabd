import type { Language, LocalizedText } from '../../domain/catalogue.js';
import { type Messages, messages } from '../../web/i18n/index.js';
import { collectErrors, type ReportError, text } from './input.js';

/**
 * Field checks for the collaboration resources' parse functions (needs, networks, ideas, gains, surveys): each reads
 * one field of a body (JSON, or the strings of a form), trimmed, and reports its message under the field's name
 * through `err`, so `collectErrors` can list every problem at once.
 */

/** A body as the parse functions get it. */
export type Body = Record<string, unknown>;

/** The catalogue sections with field error messages (`need`, `network`, `idea` …), and those messages. */
type ErrorSection = { [K in keyof Messages]: Messages[K] extends { errors: object } ? K : never }[keyof Messages];
type ErrorsOf<S extends ErrorSection> = Messages[S] extends { errors: infer E } ? E : never;

/**
 * A parse function for one resource's body: `read` checks the fields with the resource's error messages
 * (`messages[lang][section].errors`); every problem at once, as one 400 naming the fields.
 */
export const parser =
  <S extends ErrorSection, T>(section: S, read: (b: Body, t: ErrorsOf<S>, err: ReportError, lang: Language) => T) =>
  (b: Body, lang: Language): T =>
    collectErrors((err) => read(b, (messages[lang][section] as unknown as { errors: ErrorsOf<S> }).errors, err, lang));

/** A text of `min` to `max` characters. A missing field is empty, so `min` ≥ 1 makes it required. */
export function sized(b: Body, field: string, min: number, max: number, err: ReportError, message: string): string {
  const s = text(b[field]);
  if (s.length < min || s.length > max) err(field, message);
  return s;
}

/** One of the domain's values (kinds, statuses, units …); `fallback` stands in for an empty field. */
export function oneOf<T extends string>(b: Body, field: string, values: readonly T[], err: ReportError, message: string, fallback = ''): T {
  const s = text(b[field]) || fallback;
  if (!(values as readonly string[]).includes(s)) err(field, message);
  return s as T;
}

/** A name or title in bokmål, with the English one when the body has it (`<field>En`). */
export function withEnglish(b: Body, field: string, nb: string): LocalizedText {
  const en = text(b[`${field}En`]);
  return en ? { nb, en } : { nb };
}

/** The contact person a need or a network names; both optional. */
export interface Contact {
  contactName: string | null;
  contactEmail: string | null;
}
