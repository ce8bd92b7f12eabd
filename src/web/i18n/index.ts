import type { Language } from '../../domain/catalogue.js';
import { en } from './en.js';
import { type Messages, nb } from './nb.js';
import { nn } from './nn.js';
import { LOCALES, numberWords } from './numbers.js';

export type { Messages };
export { numberWords };

export const messages: Record<Language, Messages> = { nb, nn, en };

/** URL prefix for a language: bokmål at the root, the others under /nn and /en. */
export function languagePrefix(lang: Language): string {
  return lang === 'nb' ? '' : `/${lang}`;
}

/** The path of the same page in a language: `/en/tjenester` ⇄ `/tjenester`. */
export function localizePath(path: string, lang: Language): string {
  const bare = stripLanguage(path).path;
  const prefix = languagePrefix(lang);
  return prefix + (bare === '/' && prefix ? '' : bare) || '/';
}

export function stripLanguage(path: string): { lang: Language; path: string } {
  const m = /^\/(nn|en)(?=\/|\?|$)/.exec(path);
  if (!m) return { lang: 'nb', path: path || '/' };
  const rest = path.slice(m[0].length);
  return { lang: m[1] as Language, path: rest === '' || rest.startsWith('?') ? '/' + rest : rest };
}

const formattersByLanguage = new Map<Language, ReturnType<typeof makeFormatters>>();

/** Formatting that follows the language (made once per language: an Intl formatter costs ~0.1 ms to create). */
export function formatters(lang: Language) {
  let f = formattersByLanguage.get(lang);
  if (!f) formattersByLanguage.set(lang, (f = makeFormatters(lang)));
  return f;
}

function makeFormatters(lang: Language) {
  const locale = LOCALES[lang];
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const dateLong = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Oslo' });
  const dateTime = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Oslo' });
  const yearMonth = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return {
    /** A count or an amount, grouped the way the language does it (src/web/i18n/numbers.ts). */
    number: numberWords(lang).number,
    /** An instant in Oslo time, to the minute: "15. mars 2026 kl. 12:00". */
    dateTime: (at: Date) => dateTime.format(at),
    percent: (fraction: number) => percent.format(fraction),
    /** ISO date (yyyy-mm-dd), a year-month or a year, shown as precisely as it is known. */
    date: (iso: string | Date) => {
      if (iso instanceof Date) return dateLong.format(iso);
      if (/^\d{4}$/.test(iso)) return iso;
      if (/^\d{4}-\d{2}$/.test(iso)) {
        return yearMonth.format(new Date(iso + '-01T00:00:00Z'));
      }
      return dateLong.format(new Date(iso.slice(0, 10) + 'T12:00:00Z'));
    },
  };
}

export type Formatters = ReturnType<typeof formatters>;

/** Norwegian collation (æ, ø, å after z), the same in all three UI languages since the names are Norwegian. */
export const norwegianCollator = new Intl.Collator('nb', { sensitivity: 'base', numeric: true });
