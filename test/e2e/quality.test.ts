import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, useBrowser, watchForeignRequests, type TestBrowser } from '../support/browser.js';
import { testEngines } from '../support/engines.js';
import { type SignInPortal, signIn, startPortalWithSignIn } from '../support/signIn.js';

/**
 * Data quality in Chromium, through the real OIDC login: DFØ's administrator sees every provider; DFØ's editor opens
 * DFØ's entries in bokmål, nynorsk and English and marks one as reviewed by keyboard alone. axe on every page.
 */
describe.each(testEngines())('data quality in the browser on %s', (engine) => {
  let portal: SignInPortal;
  let browser: TestBrowser;
  const foreign: string[] = [];

  const as = async (name: string) => {
    const page = await (await browser.newContext({ locale: 'nb-NO' })).newPage();
    foreign.push(...watchForeignRequests(page, portal.url));
    await signIn(page, portal.url, name);
    return page;
  };
  const visit = async (page: Page, path: string) => {
    await page.goto(portal.url + path);
    await expectNoAxeViolations(page, path);
  };

  beforeAll(async () => {
    portal = await startPortalWithSignIn(engine);
    browser = await useBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  it('DFØ sees every provider; a provider editor marks an entry as reviewed by keyboard', { timeout: 180_000 }, async () => {
    const anne = await as('Anne Vik');
    await visit(anne, '/kvalitet');
    expect(await anne.locator('#table-leverandorer tbody tr').count()).toBeGreaterThan(15);

    const dag = await as('Dag Olsen');
    await visit(dag, '/kvalitet');
    expect(await dag.locator('#table-leverandorer tbody tr').count()).toBe(1);
    for (const path of ['/nn/kvalitet/dfo', '/en/kvalitet/dfo', '/kvalitet/dfo']) await visit(dag, path);

    const entry = dag.locator('#tjeneste-dfo-lonn-utlegg');
    await expect.poll(() => entry.textContent()).toContain('Ikke gjennomgått på 12 måneder');
    const button = entry.getByRole('button', { name: /Merk som gjennomgått/ });
    await button.focus();
    await dag.keyboard.press('Enter');
    await dag.waitForURL(/ok=dfo-lonn-utlegg/);
    await expectNoAxeViolations(dag, 'after marking as reviewed');
    await expect.poll(() => dag.getByRole('status').first().textContent()).toContain('er merket som gjennomgått');
    expect((await dag.locator('#tjeneste-dfo-lonn-utlegg').textContent()) ?? '').not.toContain('Ikke gjennomgått på 12 måneder');
    expect(foreign).toEqual([]);
  });
});
