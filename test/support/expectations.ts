import { expect, it } from 'vitest';
import type { Language } from '../../src/domain/catalogue.js';

/** Paths of a page in the three languages: bokmål at the root, nynorsk under /nn, English under /en. */
export const inLanguages = (path: string): [Language, string][] => [
  ['nb', path],
  ['nn', `/nn${path}`],
  ['en', `/en${path}`],
];

/**
 * One test per language, named as it.each names them (`%s` is the language): the page at `path` is a page as every
 * page must be (expectHtmlPage) and its h1 is the title in that language.
 */
export function itHasTitleInEachLanguage(
  name: string,
  get: (url: string) => Promise<Parameters<typeof expectHtmlPage>[0]>,
  path: string,
  titles: Record<Language, string>,
): void {
  it.each(inLanguages(path))(name, async (lang, url) => {
    const html = expectHtmlPage(await get(url), lang);
    expect(textOf(html, 'h1')).toBe(titles[lang]);
  });
}

/** Heading levels in document order. */
export function headingLevels(html: string): number[] {
  return [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
}

/** Text of the first element matching a tag, tags stripped and entities for quotes decoded. */
export function textOf(html: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`).exec(html);
  return m ? decode(m[1]!.replace(/<[^>]+>/g, '')) : undefined;
}

/** The text of every heading of a level (`'h2'`), in document order, tags stripped. */
export function headingTexts(html: string, tag: `h${1 | 2 | 3 | 4 | 5 | 6}`): string[] {
  return [...html.matchAll(new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
}

/**
 * A public page the whole-page cache serves: 200 with a weak ETag and `Cache-Control: public, no-cache` (browsers and
 * CDNs may keep it but revalidate each time, so a publish shows on the next request — issue 12). Gives back the ETag,
 * for the If-None-Match that follows.
 */
export function expectCacheablePage(res: { statusCode: number; headers: Record<string, unknown> }): string {
  expect(res.statusCode).toBe(200);
  const etag = res.headers.etag as string;
  expect(etag).toMatch(/^W\/".+"$/);
  expect(res.headers['cache-control']).toBe('public, no-cache');
  return etag;
}

/** The text of the cells of every row of a table, by its id: tags stripped, white space collapsed. */
export function tableRows(html: string, tableId: string): string[][] {
  const table = new RegExp(`<table[^>]*id="${tableId}"[\\s\\S]*?</table>`).exec(html)?.[0] ?? '';
  return (table.match(/<tr>[\s\S]*?<\/tr>/g) ?? []).map((row) => [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim()));
}

export function decode(s: string): string {
  return s.replace(/<!-- -->/g, '').replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * An HTML page as every page must be: the status, text/html, `<html lang>` in the page's language, exactly one
 * h1 and headings that never skip a level. Returns the body with entities decoded, for further checks.
 */
export function expectHtmlPage(res: { statusCode: number; headers: Record<string, unknown>; body: string }, lang: Language, status = 200): string {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^text\/html/);
  expect(res.body).toMatch(new RegExp(`<html lang="${lang}"`));
  const levels = headingLevels(res.body);
  expect(levels.filter((l) => l === 1)).toHaveLength(1);
  expect(levels[0]).toBe(1);
  levels.forEach((l, i) => {
    if (i > 0) expect(l, `heading h${l} after h${levels[i - 1]}`).toBeLessThanOrEqual(levels[i - 1]! + 1);
  });
  return decode(res.body);
}

/** An API error as every error must be: the status, application/problem+json, and a detail a person can act on. */
export function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; json(): any }, status: number, detail: RegExp) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body.status).toBe(status);
  expect(body.detail).toMatch(detail);
  expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/);
  return body;
}

/**
 * Bad paging and delivery-model values, which the lists of providers and services refuse alike with 400, as
 * [url, status, message] cases.
 */
export function badListQueryCases(listUrl: string): [string, number, RegExp][] {
  return [
    [`${listUrl}?limit=abc`, 400, /limit må være et heltall/],
    [`${listUrl}?limit=100000`, 400, /limit kan være høyst 100/],
    [`${listUrl}?limit=0`, 400, /limit må være minst 1/],
    [`${listUrl}?offset=-1`, 400, /offset må være minst 0/],
    [`${listUrl}?model=foo`, 400, /model «foo» er ikke tillatt; bruk en av: central, sector, group, network/],
  ];
}
