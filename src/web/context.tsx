import { createContext, useContext } from 'react';
import type { Language, LocalizedText } from '../domain/catalogue.js';
import { pickText } from '../domain/catalogue.js';
import { type Formatters, formatters, languagePrefix, type Messages, messages } from './i18n/index.js';

/** What every page component can read while rendering one request. */
export interface PageContext {
  lang: Language;
  t: Messages;
  fmt: Formatters;
  /** The request path without the language prefix, with its query string. */
  path: string;
  /** Hashed asset file names, from dist/public/manifest.json. */
  assets: Record<string, string>;
  /** The signed-in user, when there is one (filled in by the auth layer). */
  user?: { name: string; roles: string[]; unread?: number } | undefined;
  /** Hidden form token for POST forms (CSRF). */
  csrfToken?: string | undefined;
}

const Ctx = createContext<PageContext | null>(null);
export const PageContextProvider = Ctx.Provider;

export function usePage(): PageContext {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('usePage() outside a rendered page');
  return ctx;
}

export function makePageContext(lang: Language, path: string, assets: Record<string, string>, extra: Partial<PageContext> = {}): PageContext {
  return { lang, t: messages[lang], fmt: formatters(lang), path, assets, ...extra };
}

/** A link target in the current language: `/tjenester` → `/en/tjenester`. */
export function useHref(): (path: string) => string {
  const { lang } = usePage();
  const prefix = languagePrefix(lang);
  return (path: string) => (prefix && path === '/' ? prefix : prefix + path);
}

/**
 * Localized text from the data. When it falls back to bokmål on an nn/en page, the element says so with a
 * `lang` attribute, so screen readers pronounce it right (WCAG 3.1.2).
 */
export function Text({ value, as: As = 'span' }: { value: LocalizedText | null | undefined; as?: 'span' | 'p' | 'div' }) {
  const { lang } = usePage();
  const picked = pickText(value, lang);
  if (picked.lang !== lang) return <As lang={picked.lang}>{picked.text}</As>;
  return <As>{picked.text}</As>;
}

/**
 * For data shown where a `<Text>` element cannot go (a heading's or breadcrumb's plain label): the language the
 * value falls back to when it differs from the page's, to put in a `lang` attribute; undefined when it matches.
 */
export function useTextLang(): (value: LocalizedText | null | undefined) => Language | undefined {
  const { lang } = usePage();
  return (value) => {
    const picked = pickText(value, lang);
    return picked.lang !== lang && picked.text ? picked.lang : undefined;
  };
}

export function useText(): (value: LocalizedText | null | undefined) => string {
  const { lang } = usePage();
  return (value) => pickText(value, lang).text;
}
