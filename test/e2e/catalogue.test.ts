import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, useBrowser, type RunningPortal, startPortal, watchForeignRequests, type TestBrowser } from '../support/browser.js';

/**
 * The catalogue as a user meets it, in Chromium with JavaScript switched off (the pages must not need it):
 * home → search → facet → service page → provider page. axe needs JavaScript to run, so each page the user
 * reaches is also opened in a second, scripted tab and checked there, in bokmål and English.
 */
describe('catalogue in the browser', () => {
  let portal: RunningPortal;
  let browser: TestBrowser;
  let noJs: BrowserContext;
  let withJs: BrowserContext;
  let page: Page;
  let checker: Page;
  let foreign: string[];

  beforeAll(async () => {
    portal = await startPortal('pglite', { seed: 'demo' });
    browser = await useBrowser();
    noJs = await browser.newContext({ javaScriptEnabled: false, locale: 'nb-NO' });
    withJs = await browser.newContext({ locale: 'nb-NO' });
    page = await noJs.newPage();
    checker = await withJs.newPage();
    foreign = watchForeignRequests(page, portal.url);
  });
  afterAll(async () => {
    await noJs?.close();
    await withJs?.close();
    await browser?.close();
    await portal?.close();
  });

  const axe = async (url: string) => {
    await checker.goto(url);
    await expectNoAxeViolations(checker, url.replace(portal.url, ''));
  };
  const count = async (p: Page) => Number((await p.locator('.result-count strong').innerText()).match(/\d+/)![0]);

  it('home → search → facet → service page → provider page, without JavaScript', async () => {
    await page.goto(portal.url + '/');
    expect(await page.locator('h1').innerText()).toBe('Administrative fellestjenester i staten');
    await axe(page.url());

    // Search by keyboard: the search field is labelled, Enter submits.
    const search = page.getByLabel('Søk i fellestjenester').first();
    await search.focus();
    await page.keyboard.type('lønn');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/tjenester\?q=l%C3%B8nn/);
    expect(await page.locator('h1').innerText()).toBe('Søk etter «lønn»');
    const total = await count(page);
    expect(total).toBeGreaterThan(1);
    await axe(page.url());

    // Narrow to the central model with a facet checkbox and the apply button.
    await page.getByLabel(/^Sentral \(\d+\)$/).check();
    await page.getByRole('button', { name: 'Bruk filtrene' }).click();
    await page.waitForURL(/model=central/);
    const narrowed = await count(page);
    expect(narrowed).toBeGreaterThan(0);
    expect(narrowed).toBeLessThanOrEqual(total);
    expect(await page.getByRole('link', { name: /Fjern filteret Sentral/ }).count()).toBe(1);
    await axe(page.url());

    // The first hit is DFØ payroll; open it.
    await page.locator('.result-list h2 a').first().click();
    await page.waitForURL(/\/tjenester\/dfo-lonn$/);
    expect(await page.locator('h1').innerText()).toBe('Lønnstjenester');
    expect(await page.getByRole('heading', { name: 'Tjenestemodeller' }).count()).toBe(1);
    expect(await page.locator('table caption', { hasText: 'Fordeling på tjenestemodeller' }).count()).toBe(1);
    await axe(page.url());

    // On to the provider.
    await page.locator('a[href="/leverandorer/dfo"]').first().click();
    await page.waitForURL(/\/leverandorer\/dfo$/);
    expect(await page.locator('h1').innerText()).toContain('Direktoratet for forvaltning og økonomistyring');
    await axe(page.url());
  });

  it('switches to English on the same page; every page type passes axe in English', async () => {
    await page.goto(portal.url + '/tjenester/dfo-lonn');
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/\/en\/tjenester\/dfo-lonn$/);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('heading', { name: 'Service models' }).count()).toBe(1);
    for (const path of [
      '/en',
      '/en/tjenester?q=arkiv&area=arkiv-og-dokumentforvaltning',
      '/en/tjenester/dfo-lonn',
      '/en/leverandorer',
      '/en/leverandorer/dfo',
      '/en/omrader',
      '/en/omrader/it-drift',
      '/en/virksomheter',
      '/en/virksomheter/986252932',
      '/en/no-such-page',
    ]) {
      await axe(portal.url + path);
      expect(await checker.locator('html').getAttribute('lang')).toBe('en');
    }
  });

  it('the remaining page types pass axe in bokmål and nynorsk', async () => {
    for (const path of [
      '/leverandorer',
      '/omrader',
      '/omrader/arkiv-og-dokumentforvaltning',
      '/virksomheter',
      '/virksomheter?q=tilsyn',
      '/virksomheter/986252932',
      '/virksomheter/123',
      '/nn',
      '/nn/tjenester',
      '/nn/tjenester/ssie-sentralbord-og-kundesenter',
    ]) {
      await axe(portal.url + path);
    }
  });

  it('pages through results with links that keep the filters', async () => {
    await page.goto(portal.url + '/tjenester?model=sector');
    await page.getByRole('link', { name: 'Neste', exact: true }).click();
    await page.waitForURL(/page=2/);
    expect(page.url()).toContain('model=sector');
    expect(await page.locator('.result-count').innerText()).toContain('Side 2');
  });

  it('never requests anything from a third party', async () => {
    expect(foreign).toEqual([]);
  });
});
