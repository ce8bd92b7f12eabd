import { describe, expect, it } from 'vitest';
import { markupFingerprint } from './pageInventory.js';

/** A page as the layout serves it, in one language, with the parts the fingerprint must see through. */
function page(lang: 'nb' | 'nn' | 'en', body: string, who = 'Lise Berg'): string {
  const prefix = lang === 'nb' ? '' : `/${lang}`;
  const [title, search, payroll] = ({ nb: ['Tjenester', 'Søk', 'Lønn'], nn: ['Tenester', 'Søk', 'Løn'], en: ['Services', 'Search', 'Payroll'] } as const)[lang];
  return (
    `<!doctype html><html lang="${lang}"><head><title>${title}</title><link rel="alternate" hrefLang="en" href="/en/tjenester"/></head>` +
    `<body><div class="user-menu">${who}</div>` +
    `<nav aria-label="${title}" class="lang-switch"><a href="/tjenester" lang="nb"${lang === 'nb' ? ' aria-current="true"' : ''}>Bokmål</a></nav>` +
    `<main><h1>${title}</h1><form action="${prefix}/tjenester"><input type="hidden" name="_csrf" value="${who.length}abc"/>` +
    `<label for="q">${search}</label><input id="q" name="q" placeholder="${search}"/></form>` +
    `<a href="${prefix}/tjenester/dfo-lonn">${payroll}</a> <span lang="nb">DFØ</span>` +
    `<svg role="img" aria-label="${payroll}"><text xml:space="preserve" transform="translate(${payroll.length} 4)"> ${payroll}</text></svg>${body}</main></body></html>`
  );
}

describe('markupFingerprint: one axe check covers the visits that show axe the same markup', () => {
  it('is the same for a page in bokmål, nynorsk and English and for another user', () => {
    const nb = markupFingerprint(page('nb', ''));
    expect(markupFingerprint(page('nn', ''))).toBe(nb);
    expect(markupFingerprint(page('en', ''))).toBe(nb);
    expect(markupFingerprint(page('nb', '', 'Siri Aas'))).toBe(nb);
  });

  it('differs where axe could judge differently', () => {
    const nb = markupFingerprint(page('nb', ''));
    // A label, heading or name left empty by a translation.
    expect(markupFingerprint(page('en', '').replace('>Search</label>', '></label>'))).not.toBe(nb);
    expect(markupFingerprint(page('en', '').replace('<h1>Services</h1>', '<h1> </h1>'))).not.toBe(nb);
    expect(markupFingerprint(page('en', '').replace('aria-label="Payroll"', 'aria-label=""'))).not.toBe(nb);
    // Another element, attribute, id, class or fragment link.
    expect(markupFingerprint(page('nb', '<img src="/a.png"/>'))).not.toBe(nb);
    expect(markupFingerprint(page('nb', '').replace('<label for="q">', '<label for="r">'))).not.toBe(nb);
    expect(markupFingerprint(page('nb', '').replace('<main>', '<main class="x">'))).not.toBe(nb);
    expect(markupFingerprint(page('nb', '<a href="#a">x</a>'))).not.toBe(markupFingerprint(page('nb', '<a href="#b">x</a>')));
    // A language code that is not one of the portal's three valid ones.
    expect(markupFingerprint(page('nb', '').replace('<html lang="nb">', '<html lang="xx">'))).not.toBe(nb);
    expect(markupFingerprint(page('nb', '').replace('<span lang="nb">', '<span lang="norsk">'))).not.toBe(nb);
  });
});
