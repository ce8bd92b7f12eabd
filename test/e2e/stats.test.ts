/**
 * The statistics pages and an agency's "Hva kan vi bruke?" in real Chromium: axe (WCAG 2.1 AA) with 0 violations in
 * bokmål and English, no request to a third party, no violation of a strict Content-Security-Policy (no inline
 * style or script, which the server-rendered charts must respect), the controls usable by keyboard alone, and the
 * forms working with JavaScript turned off.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, useBrowser, type RunningPortal, startPortal, watchForeignRequests, type TestBrowser } from '../support/browser.js';
import { AxeLedger, served } from '../support/axeOnce.js';
import { browserEngine } from '../support/engines.js';
import { STATS_PAGES } from '../support/pageInventory.js';

const LOTTSTIFT = '982391490';
const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Directive → sources, from a policy string. */
const directives = (policy: string): Map<string, string> =>
  new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...sources]) => [name!, sources.join(' ')]));

/** The served policy has every directive of STRICT_CSP with the same sources, and nothing it adds loosens it. */
function expectStrictPolicy(served: string | undefined): void {
  expect(served, 'the page carries a Content-Security-Policy').toBeTypeOf('string');
  const got = directives(served!);
  for (const [name, sources] of directives(STRICT_CSP)) expect(got.get(name), name).toBe(sources);
  for (const [name, sources] of got) if (!directives(STRICT_CSP).has(name)) expect(sources, name).toMatch(/^('self'|'none')$/);
}

describe(`statistics in Chromium on ${browserEngine()}`, () => {
  const engine = browserEngine();
  let portal: RunningPortal;
  let browser: TestBrowser;

  beforeAll(async () => {
    [portal, browser] = await Promise.all([startPortal(engine, { seed: 'demo' }), useBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  /**
   * A page whose CSP violations are collected from the console. The portal serves every HTML page with a strict
   * policy itself (src/server/security.ts); `expectStrictPolicy` checks that the document's policy is at least as
   * strict as STRICT_CSP. (Rewriting the header through Playwright's request interception did the same at about
   * 3 s a page: every asset of every page went through the test process.)
   */
  async function strictPage(options: { javaScriptEnabled?: boolean } = {}): Promise<{ page: Page; violations: string[]; foreign: string[] }> {
    const context = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text());
    });
    return { page, violations, foreign: watchForeignRequests(page, portal.url) };
  }

  // Besides every statistics page: one for a past day (its date field filled in) and the baselines table with its
  // downloads (issue 17).
  const PAGES = [...STATS_PAGES, '/statistikk/fravalg?asOf=2024-03-15', '/tjenester/dfo-lonn/utgangspunkt'];
  // Each markup once: an English page whose markup axe sees the same as the bokmål one (`markupFingerprint`: the
  // words aside) is covered by that check; its answer and its policy are still checked here.
  const ledger = new AxeLedger();
  for (const lang of ['nb', 'en'] as const) {
    it.each(PAGES)(`%s in ${lang}: axe 0 violations, strict CSP, no third party`, async (path) => {
      const url = `${lang === 'en' ? '/en' : ''}${path}`;
      const answer = await served(portal.app, url);
      expect(answer.status).toBe(200);
      expectStrictPolicy(answer.headers['content-security-policy'] as string | undefined);
      if (lang === 'en' && ledger.checkedBy(answer.html)) return;
      const { page, violations, foreign } = await strictPage();
      const res = await page.goto(portal.url + url);
      expect(res?.status()).toBe(200);
      expectStrictPolicy(res?.headers()['content-security-policy']);
      await expectNoAxeViolations(page, url);
      expect(violations).toEqual([]);
      expect(foreign).toEqual([]);
      ledger.credit(answer.html, `${url} in Chromium`);
      await page.context().close();
    });
  }

  it('renders charts as images named by their captions, with the numbers in a table beside them', async () => {
    const { page } = await strictPage();
    await page.goto(`${portal.url}/statistikk/dekning`);
    const svg = page.locator('figure#dekning-diagram svg[role="img"]');
    await expect(svg.getAttribute('aria-labelledby')).resolves.toBe('dekning-diagram-title');
    expect(await page.locator('#dekning-diagram-title').textContent()).toBe('Slik er tjenesteområdene dekket');
    const box = await svg.boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(await page.locator('figure#dekning-diagram table caption').textContent()).toBe('Dekning per tjenesteområde');
    await page.context().close();
  });

  it('reflows on a narrow screen: wide tables scroll in their region, the page does not (WCAG 1.4.10)', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    for (const path of ['/statistikk/dekning', '/statistikk/utvikling', `/virksomheter/${LOTTSTIFT}/hva-kan-vi-bruke`]) {
      await page.goto(portal.url + path);
      const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
      expect(scroll, path).toBeLessThanOrEqual(inner);
    }
    await context.close();
  });

  it('filters by keyboard alone: tab to a select, change it, submit with Enter', async () => {
    const { page } = await strictPage();
    await page.goto(`${portal.url}/statistikk/dekning`);
    const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
    for (let i = 0; i < 60 && (await focusedId()) !== 'f-size'; i++) await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('f-size');
    await page.keyboard.press('ArrowDown'); // the first class after "all sizes": small
    expect(await page.locator('#f-size').inputValue()).toBe('small');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BUTTON');
    await Promise.all([page.waitForURL(/size=small/), page.keyboard.press('Enter')]);
    expect(await page.locator('main').textContent()).toMatch(/Grunnlaget er \d+ statlige virksomheter/);
    // The wide matrix scrolls inside a region the keyboard can reach, and the downloads are links in the tab order.
    const reached = new Set<string>();
    for (let i = 0; i < 200; i++) {
      await page.keyboard.press('Tab');
      const el = await page.evaluate(() => ({ role: document.activeElement?.getAttribute('role') ?? '', href: document.activeElement?.getAttribute('href') ?? '' }));
      if (el.role === 'region') reached.add('region');
      if (el.href.includes('/tabeller/virksomheter.csv')) reached.add('csv');
      if (el.href.includes('/tabeller/virksomheter.xlsx')) reached.add('xlsx');
      if (reached.size === 3) break;
    }
    expect([...reached].sort()).toEqual(['csv', 'region', 'xlsx']);
    await page.context().close();
  });

  it('opens the folded suggestions of an agency with the keyboard', async () => {
    const { page } = await strictPage();
    await page.goto(`${portal.url}/virksomheter/${LOTTSTIFT}/hva-kan-vi-bruke`);
    const summary = page.locator('details.recommendation-more > summary').first();
    await summary.focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('details.recommendation-more').first().getAttribute('open')).toBe('');
    expect(await page.locator('main').textContent()).toMatch(/Brukes av \d+ av \d+/);
    await page.context().close();
  });

  it('works without JavaScript: the filter form, paging and downloads', async () => {
    const { page } = await strictPage({ javaScriptEnabled: false });
    await page.goto(`${portal.url}/statistikk/bruk`);
    await page.selectOption('#f-provider', 'dfo');
    await page.selectOption('#f-sort', 'share');
    await Promise.all([page.waitForURL(/provider=dfo/), page.click('form.filter-form button[type="submit"]')]);
    expect(page.url()).toMatch(/provider=dfo&sort=share/);
    expect(await page.locator('#table-tjenester tbody tr').count()).toBeGreaterThan(5);
    const csv = await page.locator('a[href*="/tabeller/tjenester.csv"]').first().getAttribute('href');
    const res = await page.request.get(portal.url + csv!);
    expect(res.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect((await res.text()).split('\r\n')[0]).toBe('\uFEFFTjeneste;Leverandør;Tjenesteområde;Brukere;Kan bruke;Andel (%);Andel liten (%);Andel mellomstor (%);Andel 151–200 ansatte (%);Andel stor (%);Andel ukjent størrelse (%)');
    await page.goto(`${portal.url}/statistikk/dekning`);
    await Promise.all([page.waitForURL(/page=2/), page.click('nav.pager a[rel="next"]')]);
    expect(await page.locator('#table-virksomheter tbody tr').count()).toBe(50);
    await page.context().close();
  });
});
