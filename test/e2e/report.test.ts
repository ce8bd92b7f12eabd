/**
 * The report lane's pages (issue 17) in real Chromium: non-use statistics, the provider's follow-up list, the
 * ministry's overview, "ask for access" on "Hva kan vi bruke?" and a statistics page for a past day — in bokmål,
 * nynorsk and English, signed in as the role each is for, through axe with 0 violations; then the follow-up and the
 * request for access done with the keyboard alone, and the follow-up with JavaScript turned off.
 */
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, type RunningPortal, startPortal, useBrowser, type TestBrowser } from '../support/browser.js';
import { browserEngine } from '../support/engines.js';
import { contextWithSession, tabTo } from '../support/browserUser.js';
import { demoSessions, type Who } from '../support/sessions.js';

const LOTTSTIFT = '982391490';
const KUD = '972417866';

const PAGES: [Who, string][] = [
  ['anonymous', '/statistikk/ikke-bruk'],
  ['anonymous', '/statistikk/ikke-bruk?asOf=2020-12-10'],
  ['anonymous', '/statistikk/utvikling?asOf=2020-12-10'],
  ['anonymous', '/statistikk/bruk?provider=dfo&asOf=2020-12-10'],
  ['dag', '/min-side/leverandor/dfo/ikke-bruk'],
  ['mona', `/min-side/departement/${KUD}`],
  ['lise', `/virksomheter/${LOTTSTIFT}/hva-kan-vi-bruke`],
];

/**
 * Visits the accessibility sweep (test/e2e/accessibility.test.ts) already makes in bokmål and English: the same URL
 * as its page sample, as the same demo user (mona is its ministryViewer, lise its agencyEditor). Here they are
 * checked in nynorsk, which the sweep does not visit.
 */
const IN_THE_SWEEP = new Set(['/statistikk/ikke-bruk', `/min-side/departement/${KUD}`, `/virksomheter/${LOTTSTIFT}/hva-kan-vi-bruke`]);
const VISITS = (['nb', 'nn', 'en'] as const).flatMap((lang) =>
  PAGES.filter(([, path]) => lang === 'nn' || !IN_THE_SWEEP.has(path)).map(([who, path]) => [lang, who, path] as const),
);


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

  it.each(VISITS)(`in %s as %s, %s: axe 0 violations`, { timeout: 120_000 }, async (lang, who, path) => {
    const context = await contextAs(who);
    const page = await context.newPage();
    const url = `${portal.url}${lang === 'nb' ? '' : `/${lang}`}${path}`;
    expect((await page.goto(url))?.status()).toBe(200);
    await expectNoAxeViolations(page, `${who} ${url}`);
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
