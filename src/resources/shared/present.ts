import type { Language, LocalizedText } from '../../domain/catalogue.js';
import { pickText } from '../../domain/catalogue.js';
import { languagePrefix, norwegianCollator } from '../../web/i18n/index.js';

/**
 * Helpers for shaping rows into API responses and page data: localized text in one language, links, grouping
 * and Norwegian sorting. Shared by every resource, so lists look and sort the same everywhere.
 */
export function localizer(lang: Language) {
  const text = (v: LocalizedText | null | undefined) => pickText(v, lang).text;
  return {
    text,
    orNull: (v: LocalizedText | null | undefined) => (v ? text(v) : null),
    ref: (r: { slug: string; name: LocalizedText }) => ({ slug: r.slug, name: text(r.name) }),
    org: (r: { orgnr: string; name: LocalizedText }) => ({ orgnr: r.orgnr, name: text(r.name) }),
  };
}

/** The absolute address of a page in a language: `pageUrl(base, 'en', '/omrader/lonn')`. */
export function pageUrl(publicUrl: string, lang: Language, path: string): string {
  return `${publicUrl}${languagePrefix(lang)}${path}`;
}

/** Sorts in place by a localized name, with Norwegian collation (æ, ø, å after z). */
export function sortByName<T extends { name: LocalizedText }>(items: T[], lang: Language): T[] {
  return items.sort((a, b) => norwegianCollator.compare(pickText(a.name, lang).text, pickText(b.name, lang).text));
}

/** Compares services (or uses of them) by area, in the areas' own order, then by name in the language. */
export function byAreaThenName(lang: Language) {
  return <T extends { name: LocalizedText; area: { slug: string; sortOrder: number } }>(a: T, b: T) =>
    a.area.sortOrder - b.area.sortOrder ||
    norwegianCollator.compare(a.area.slug, b.area.slug) ||
    norwegianCollator.compare(pickText(a.name, lang).text, pickText(b.name, lang).text);
}

/**
 * Groups items by a key, keeping the order in which the keys first appear (so sort first: by area order, by
 * model …). Each group carries the first item's `head` (the area, the model) for headings.
 */
export function groupInOrder<T, H>(items: readonly T[], keyOf: (item: T) => string, headOf: (item: T) => H): { key: string; head: H; items: T[] }[] {
  const groups = new Map<string, { key: string; head: H; items: T[] }>();
  for (const item of items) {
    const key = keyOf(item);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, head: headOf(item), items: [] }));
    g.items.push(item);
  }
  return [...groups.values()];
}

/** Where a 1-based page starts, and how many pages there are (at least one, so an empty list has page 1). */
export function pageWindow(total: number, page: number, pageSize: number): { offset: number; pageCount: number; outOfRange: boolean } {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  return { offset: (page - 1) * pageSize, pageCount, outOfRange: page > pageCount };
}
