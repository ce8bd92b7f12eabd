import type { Language } from '../../domain/catalogue.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';

/**
 * Reading fields that come as JSON or as form strings, and reporting every problem at once: the GOV.UK pattern of
 * an error summary with one line per field. Used by the collaboration resources' parse functions.
 */

/** A string field, trimmed; anything else is empty. */
export const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

export type ReportError = (field: string, message: string) => void;

/** Runs `build` with a way to report field errors; if any were reported, throws one 400 naming them all. */
export function collectErrors<T>(build: (err: ReportError) => T): T {
  const errors: { field: string; message: string }[] = [];
  const value = build((field, message) => errors.push({ field, message }));
  if (errors.length) throw new HttpProblem(400, errors.map((e) => e.message).join(' '), { errors });
  return value;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An optional e-mail address: null when empty, reported when not an address. */
export function checkEmail(raw: unknown, field: string, lang: Language, err: ReportError): string | null {
  const s = text(raw);
  if (!s) return null;
  if (s.length > 254 || !EMAIL.test(s)) {
    err(field, messages[lang].collab.errors.email);
    return null;
  }
  return s;
}

/** A 400 for one field, for checks that need the database (an unknown area, service, provider …). */
export function fieldProblem(field: string, message: string): HttpProblem {
  return new HttpProblem(400, message, { errors: [{ field, message }] });
}
