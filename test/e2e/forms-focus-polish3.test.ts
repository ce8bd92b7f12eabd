import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../support/browser.js';
import { browserEngine } from '../support/engines.js';
import { useSignInFlow } from '../support/signIn.js';

/**
 * Forms and focus, by keyboard alone in Chromium: a refused form puts the focus on the error summary at the top,
 * whose links lead to the fields; a confirmation after a submit takes the focus. The provider's customer-list
 * upload is reached from Min side and has breadcrumbs. No JavaScript of ours: the HTML `autofocus` does it.
 */
describe(`forms and focus in the browser on ${browserEngine()}`, () => {
  const flow = useSignInFlow(browserEngine());
  const { as, foreign } = flow;
  const focused = (page: Page) => page.evaluate(() => ({ id: document.activeElement?.id ?? '', className: document.activeElement?.className ?? '', text: document.activeElement?.textContent ?? '' }));

  /** Enter on the focused button, and wait for the page the form posts to. */
  const submitByKeyboard = (page: Page) => Promise.all([page.waitForEvent('framenavigated').then(() => page.waitForLoadState('load')), page.keyboard.press('Enter')]);

  it('the customer-list upload: linked from Min side, breadcrumbs, errors summarised and focused, the confirmation focused', { timeout: 180_000 }, async () => {
    const siri = await as('Siri Aas');
    await siri.goto(`${flow.portal.url}/min-side`);
    const link = siri.getByRole('link', { name: 'Last opp kundeliste' });
    await link.focus();
    await siri.keyboard.press('Enter');
    await siri.waitForURL(/\/leverandorer\/statens-innkjopssenter\/kundeliste$/);
    await expectNoAxeViolations(siri, 'customer-list upload');
    const crumbs = siri.locator('nav[aria-label] ol li, nav[aria-label] ul li');
    expect(await siri.getByRole('link', { name: 'Leverandører' }).count()).toBeGreaterThan(0);
    expect(await crumbs.count()).toBeGreaterThanOrEqual(3);

    // A file that is no spreadsheet: refused, and the focus is on the summary, whose link leads to the file field.
    await siri.locator('#usage-file').setInputFiles({ name: 'bilde.csv', mimeType: 'text/csv', buffer: Buffer.from([0, 1, 2, 3, 0, 255, 254, 0]) });
    await siri.getByRole('button', { name: 'Forhåndsvis' }).focus();
    await submitByKeyboard(siri);
    await expect.poll(async () => (await focused(siri)).className).toContain('error-summary');
    expect((await focused(siri)).text).toContain('Filen er verken CSV eller XLSX.');
    await expectNoAxeViolations(siri, 'upload refused');
    await siri.keyboard.press('Tab');
    expect((await focused(siri)).text).toBe('Filen er verken CSV eller XLSX.');
    await siri.keyboard.press('Enter');
    await expect.poll(async () => (await focused(siri)).id).toBe('usage-file');

    // The current list uploaded again: preview, confirm, and the confirmation has the focus.
    const current = await siri.request.get(`${flow.portal.url}/api/v1/providers/statens-innkjopssenter/customers.csv`);
    expect(current.status()).toBe(200);
    await siri.locator('#usage-file').setInputFiles({ name: 'kunder.csv', mimeType: 'text/csv', buffer: Buffer.from(await current.body()) });
    await siri.getByRole('button', { name: 'Forhåndsvis' }).focus();
    await submitByKeyboard(siri);
    const apply = siri.getByRole('button', { name: 'Bekreft og lagre' }).first();
    await apply.focus();
    await submitByKeyboard(siri);
    await expect.poll(async () => (await focused(siri)).className).toContain('page-alert');
    expect(await siri.getByRole('status').first().textContent()).toMatch(/\d/);
    await expectNoAxeViolations(siri, 'upload applied');
    expect(foreign).toEqual([]);
  });

  it('axe finds nothing on the pages this lane changed (downloads, not stated, lang marks)', { timeout: 240_000 }, async () => {
    const anne = await as('Anne Vik');
    const survey = (await flow.portal.app.inject({ url: '/api/v1/surveys' })).json() as { items: { id: string }[] };
    const bare = (await flow.portal.app.inject({ url: '/api/v1/services?limit=1&q=lonn' })).json() as { items: { slug: string }[] };
    for (const path of [
      '/tjenester?q=lonn',
      `/tjenester/${bare.items[0]!.slug}`,
      '/en/tjenester?q=arkiv',
      '/virksomheter',
      '/en/virksomheter/986339523',
      '/anskaffelser',
      '/ideer',
      '/nettverk',
      `/undersokelser/${survey.items[0]!.id}`,
      '/min-side',
      '/min-side/virksomhet/982391490',
      '/leverandorer/statens-innkjopssenter',
      '/statistikk',
      '/',
    ]) {
      await anne.goto(flow.portal.url + path);
      await expectNoAxeViolations(anne, path);
    }
  });

  it('an older form (roles) refuses an empty submit with the summary focused; the provider page links the upload', { timeout: 180_000 }, async () => {
    const anne = await as('Anne Vik');
    await anne.goto(`${flow.portal.url}/admin/roller`);
    await anne.getByRole('button', { name: 'Gi rollen' }).focus();
    await submitByKeyboard(anne);
    await expect.poll(async () => (await focused(anne)).className).toContain('error-summary');
    await anne.keyboard.press('Tab');
    const first = await focused(anne);
    expect(first.text.length).toBeGreaterThan(0);
    await anne.keyboard.press('Enter');
    await expect.poll(async () => (await focused(anne)).id).toMatch(/^f-/);
    await expectNoAxeViolations(anne, 'roles refused');

    await anne.goto(`${flow.portal.url}/leverandorer/statens-innkjopssenter`);
    expect(await anne.locator('#customer-list a').getAttribute('href')).toBe('/leverandorer/statens-innkjopssenter/kundeliste');
    const anonymous = await (await flow.browser.newContext()).newPage();
    await anonymous.goto(`${flow.portal.url}/leverandorer/statens-innkjopssenter`);
    expect(await anonymous.locator('#customer-list').count()).toBe(0);
  });
});
