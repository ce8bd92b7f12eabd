import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './routes.js';

const PUBLIC_URL = 'https://fellestjenester.example';
const FALLBACK = '/min-side';

/** Hostile `returnTo` values: each must fall back to Min side, never leave the portal (issue 14, item 4). */
const HOSTILE = [
  '//evil.example',
  '//evil.example/min-side',
  '/\\evil.example',
  '/\\/evil.example',
  '\\\\evil.example',
  'https://evil.example',
  'https:evil.example',
  'http:/evil.example',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '%2f%2fevil.example',
  '/%2f%2fevil.example',
  '/%2F/evil.example',
  '/%5cevil.example',
  '/%255c%255cevil.example',
  '/%252f%252fevil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/%09/evil.example',
  '/%0d%0aSet-Cookie:x=1',
  '/\r\nLocation: https://evil.example',
  '/\u0000/evil.example',
  '/\u2028/evil.example',
  '/%E0%A4%A',
  'min-side',
  '?returnTo=//evil',
  '#//evil',
  '',
  ' //evil.example',
  `/${'a'.repeat(600)}`,
  undefined,
  null,
  42,
  ['/min-side'],
];

const SAFE: [string, string][] = [
  ['/anskaffelser', '/anskaffelser'],
  ['/anskaffelser?x=1', '/anskaffelser?x=1'],
  ['/en/tjenester/dfo-lonn#gevinster', '/en/tjenester/dfo-lonn#gevinster'],
  ['/nn/statistikk/fravalg?lang=nn&side=2', '/nn/statistikk/fravalg?lang=nn&side=2'],
  ['/tjenester?q=l%C3%B8nn', '/tjenester?q=l%C3%B8nn'],
];

describe('returnTo after sign-in stays on the portal', () => {
  it.each(HOSTILE.map((v) => [JSON.stringify(v), v]))('refuses %s', (_name, value) => {
    expect(safeReturnTo(value, 'nb', PUBLIC_URL)).toBe(FALLBACK);
  });

  it.each(SAFE)('keeps %s', (value, expected) => {
    expect(safeReturnTo(value, 'nb', PUBLIC_URL)).toBe(expected);
  });

  it('falls back to Min side in the reader’s language', () => {
    expect(safeReturnTo('//evil.example', 'en', PUBLIC_URL)).toBe('/en/min-side');
    expect(safeReturnTo('//evil.example', 'nn', PUBLIC_URL)).toBe('/nn/min-side');
  });
});
