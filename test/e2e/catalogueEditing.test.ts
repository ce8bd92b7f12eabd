import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, watchForeignRequests } from '../support/browser.js';
import { browserEngine } from '../support/engines.js';
import { signIn, useSignInFlow } from '../support/signIn.js';

/** What has keyboard focus: its id, or its text (links and buttons). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el ? `${el.id ? `#${el.id} ` : ''}${(el.textContent ?? '').trim()}` : '';
  });

/** Presses Tab until the focused element matches (by id or text), as a keyboard user would. */
async function tabTo(page: Page, target: RegExp, max = 400): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (target.test(await focused(page))) return;
  }
  throw new Error(`never reached ${target} by Tab`);
}

/**
 * Issue 12 done-means: a provider's editor signs in through the real development OIDC provider, edits a service
 * with the keyboard alone (Tab to the field, type, Tab to the button, Enter), publishes, and sees the change in
 * search, on the page, in the history and in catalog.ttl — axe at 0 on every page on the way.
 */
describe(`editing the catalogue in the browser on ${browserEngine()}`, () => {
  const engine = browserEngine();
  const flow = useSignInFlow(engine);

  it('edits, publishes and shows the change everywhere', { timeout: 240_000 }, async () => {
    const url = flow.portal.url;
    const page = await (await flow.browser.newContext()).newPage();
    await signIn(page, url, 'Dag Olsen');
    // From here on (the sign-in went to the OIDC provider), nothing may leave the flow.portal.
    const foreign = watchForeignRequests(page, url);

    await page.goto(url + '/tjenester/dfo-regnskap');
    await expectNoAxeViolations(page, 'service page with Rediger');
    await tabTo(page, /^Rediger$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/tjenester\/dfo-regnskap\/rediger/);
    await expectNoAxeViolations(page, 'edit form');

    // A mistake first: an empty bokmål name is named at the top and next to its field, and the rest is kept.
    await tabTo(page, /^#f-name-nb\b/);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Delete');
    await tabTo(page, /^#f-name-en\b/);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Accounting Kolibri');
    await tabTo(page, /^Lagre utkastet$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').first().textContent(), { timeout: 30_000 }).toContain('Navn:');
    expect(await page.locator('#f-name-en').inputValue()).toBe('Accounting Kolibri');
    expect(await page.locator('#f-name-nb').getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, 'edit form with an error');

    // The page was loaded again: Tab from its start to the field.
    await tabTo(page, /^#f-name-nb\b/);
    await page.keyboard.type('Regnskapstjenester Kolibri');
    await tabTo(page, /^Lagre utkastet$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/ok=saved/, { timeout: 30_000 }).catch(async () => {
      throw new Error(`not saved: ${page.url()} ${(await page.getByRole('alert').allTextContents()).join(' | ')}`);
    });
    await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 30_000 }).toContain('Utkastet er lagret.');
    await expectNoAxeViolations(page, 'saved draft');

    // The public does not see the draft yet.
    const anonymous = await (await flow.browser.newContext()).newPage();
    await anonymous.goto(url + '/tjenester/dfo-regnskap');
    expect(await anonymous.getByRole('heading', { level: 1 }).textContent()).not.toContain('Kolibri');

    await tabTo(page, /^Publiser$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/tjenester\/dfo-regnskap\?ok=published/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Regnskapstjenester Kolibri');
    await expectNoAxeViolations(page, 'published service');

    await anonymous.goto(url + '/tjenester?q=kolibri');
    expect(await anonymous.locator('main').textContent()).toContain('Regnskapstjenester Kolibri');
    await expectNoAxeViolations(anonymous, 'search');
    await anonymous.goto(url + '/tjenester/dfo-regnskap');
    expect(await anonymous.getByRole('heading', { level: 1 }).textContent()).toContain('Regnskapstjenester Kolibri');
    expect(await anonymous.getByRole('link', { name: 'Rediger' }).count()).toBe(0);

    await anonymous.goto(url + '/tjenester/dfo-regnskap/historikk');
    const history = (await anonymous.locator('main').textContent()) ?? '';
    expect(history).toContain('Dag Olsen');
    expect(history).toContain('Navn');
    await expectNoAxeViolations(anonymous, 'history');
    await anonymous.getByRole('button', { name: 'Sammenlign' }).click();
    expect(await anonymous.locator('main table').last().textContent()).toContain('Regnskapstjenester Kolibri');
    await expectNoAxeViolations(anonymous, 'comparison');

    const ttl = await anonymous.request.get(url + '/api/v1/catalog.ttl');
    expect(await ttl.text()).toContain('Regnskapstjenester Kolibri');
    expect(foreign).toEqual([]);
  });
});
