/**
 * The report lane's pages (issue 17) in real Chromium: non-use statistics, the provider's follow-up list, the
 * ministry's overview, "ask for access" on "Hva kan vi bruke?" and a statistics page for a past day — in bokmål,
 * nynorsk and English, signed in as the role each is for, through axe with 0 violations; then the follow-up and the
 * request for access done with the keyboard alone, and the follow-up with JavaScript turned off.
 */
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPortal, startPortal, useBrowser, type TestBrowser } from '../support/browser.js';
import { browserEngine } from '../support/engines.js';
import { AxeLedger } from '../support/axeOnce.js';
import { contextWithSession, tabTo } from '../support/browserUser.js';
import { demoSessions, type Who } from '../support/sessions.js';

const LOTTSTIFT = '982391490';

/**
 * The report lane's pages the accessibility sweep (test/e2e/accessibility.test.ts) does not visit: a past day, another
 * provider's follow-up list. The sweep checks `/statistikk/ikke-bruk`, the ministry overview and "Hva kan vi bruke?"
 * in all three languages as the same demo users (mona is its ministryViewer, lise its agencyEditor).
 */
const PAGES: [Who, string][] = [
  ['anonymous', '/statistikk/ikke-bruk?asOf=2020-12-10'],
  ['anonymous', '/statistikk/utvikling?asOf=2020-12-10'],
  ['anonymous', '/statistikk/bruk?provider=dfo&asOf=2020-12-10'],
  ['dag', '/min-side/leverandor/dfo/ikke-bruk'],
];
const VISITS = (['nb', 'nn', 'en'] as const).flatMap((lang) => PAGES.map(([who, path]) => [lang, who, path] as const));

describe.each([browserEngine()])('the report lane’s pages in Chromium on %s', (engine) => {
  let portal: RunningPortal;
  let browser: TestBrowser;
  let cookies: Record<Who, string | undefined>;

  beforeAll(async () => {
    [portal, browser] = await Promise.all([startPortal(engine, { seed: 'demo' }), useBrowser()]);
    const h = await demoSessions(portal.database.db);
    cookies = Object.fromEntries(Object.entries(h).map(([w, x]) => [w, x.cookie?.replace(/^ft_session=/, '')])) as Record<Who, string | undefined>;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  const contextAs = (who: Who, javaScriptEnabled = true): Promise<BrowserContext> => contextWithSession(browser, portal.url, cookies[who], javaScriptEnabled);

  // Each markup once: a visit in nynorsk or English whose markup axe sees the same as an earlier one is covered by it.
  const ledger = new AxeLedger();
  it.each(VISITS)(`in %s as %s, %s: axe 0 violations`, { timeout: 120_000 }, async (lang, who, path) => {
    const context = await contextAs(who);
    const page = await context.newPage();
    const url = `${lang === 'nb' ? '' : `/${lang}`}${path}`;
    const { coveredBy } = await ledger.check(portal.app, page, portal.url, url, `${who} ${url}`, cookies[who]);
    if (lang === 'nb') expect(coveredBy).toBe('checked');
    await context.close();
  });

  it('follows up a non-use with the keyboard alone, and without JavaScript', { timeout: 120_000 }, async () => {
    for (const js of [true, false]) {
      const context = await contextAs('dag', js);
      const page = await context.newPage();
      await page.goto(`${portal.url}/min-side/leverandor/dfo/ikke-bruk`);
      const form = page.locator('form.follow-up-form').first();
      const note = form.locator('input[name="note"]');
      await tabTo(page, note);
      await page.keyboard.type(js ? 'Ringt, med tastatur.' : 'Uten JavaScript.');
      await page.keyboard.press('Enter');
      await page.waitForURL(/ok=saved/);
      await expect(page.locator('.page-alert').first().textContent()).resolves.toContain('Oppfølgingen er lagret.');
      await context.close();
    }
  });

  it('asks for access with the keyboard alone', { timeout: 120_000 }, async () => {
    const context = await contextAs('lise');
    const page = await context.newPage();
    await page.goto(`${portal.url}/virksomheter/${LOTTSTIFT}/hva-kan-vi-bruke`);
    await tabTo(page, page.locator('#access-need'));
    await page.keyboard.type('Vi trenger hjelp med arkiv.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/tilgang=sendt/);
    await expect(page.locator('#ask-for-access').textContent()).resolves.toContain('Forespørselen er sendt til leverandøren.');
    await context.close();
  });
});
