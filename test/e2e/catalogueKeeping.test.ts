import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, watchForeignRequests } from '../support/browser.js';
import { browserEngine } from '../support/engines.js';
import { demoSessions } from '../support/sessions.js';
import { signIn, useSignInFlow } from '../support/signIn.js';

/** Moves keyboard focus to a control, then the test goes on with keys alone (type, Enter). */
const focusOn = (page: Page, role: 'link' | 'button', name: string) => page.getByRole(role, { name, exact: true }).first().focus();

/**
 * Keeping providers and areas, and the review queue, in Chromium through the real OIDC sign-in (issue 12): a
 * provider's editor corrects the provider's name by keyboard alone (a mistake first, named next to its field) and
 * sees the draft queue; DFØ opens the keeping pages and approves a draft from the queue by keyboard. axe at 0.
 */
describe(`keeping providers and areas in the browser on ${browserEngine()}`, () => {
  const flow = useSignInFlow(browserEngine());

  beforeAll(async () => {
    const { portal } = flow;
    // A draft waiting for DFØ: Statens innkjøpssenter needs approval, and its editor submits a change.
    const h = await demoSessions(portal.database.db);
    const json = (headers: Record<string, string>, method: string, url: string, body?: unknown) =>
      portal.app.inject({ method: method as 'GET', url, headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { payload: JSON.stringify(body) } : {}) });
    await json(h.anne, 'PUT', '/api/v1/providers/statens-innkjopssenter/review-required', { reviewRequired: true });
    const doc = (await json({}, 'GET', '/api/v1/services/si-reisebyratjenester/versions/1')).json().document;
    await json(h.siri, 'PUT', '/api/v1/services/si-reisebyratjenester/draft', { ...doc, keywords: 'reise kø' });
    expect((await json(h.siri, 'POST', '/api/v1/services/si-reisebyratjenester/draft/submit')).statusCode).toBe(200);
  });

  /** A page signed in as the demo user, whose requests must all stay on the portal. */
  const watched: string[][] = [];
  const signedInAs = async (name: string) => {
    const page = await (await flow.browser.newContext()).newPage();
    await signIn(page, flow.portal.url, name);
    watched.push(watchForeignRequests(page, flow.portal.url));
    return page;
  };

  it('a provider editor corrects the provider by keyboard; DFØ approves from the queue', { timeout: 240_000 }, async () => {
    const url = flow.portal.url;
    const siri = await signedInAs('Siri Aas');

    await siri.goto(url + '/leverandorer/statens-innkjopssenter');
    await focusOn(siri, 'link', 'Rediger');
    await siri.keyboard.press('Enter');
    await siri.waitForURL(/\/leverandorer\/statens-innkjopssenter\/rediger/);
    await expectNoAxeViolations(siri, 'provider form (own editor)');
    expect(await siri.locator('#f-orgnr').count()).toBe(0);

    await siri.locator('#f-name-nb').focus();
    await siri.keyboard.press('ControlOrMeta+a');
    await siri.keyboard.press('Delete');
    await focusOn(siri, 'button', 'Lagre');
    await siri.keyboard.press('Enter');
    await expect.poll(() => siri.getByRole('alert').first().textContent(), { timeout: 30_000 }).toContain('Navn');
    expect(await siri.locator('#f-name-nb').getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(siri, 'provider form with an error');

    await siri.locator('#f-name-nb').focus();
    await siri.keyboard.type('Statens innkjøpssenter Kolibri');
    await focusOn(siri, 'button', 'Lagre');
    await siri.keyboard.press('Enter');
    await siri.waitForURL(/ok=saved/, { timeout: 30_000 });
    await expect.poll(() => siri.getByRole('status').first().textContent()).toContain('lagret');
    await siri.goto(url + '/leverandorer/statens-innkjopssenter');
    expect(await siri.locator('h1').textContent()).toContain('Statens innkjøpssenter Kolibri');

    await siri.goto(url + '/kvalitet/utkast');
    await expectNoAxeViolations(siri, 'drafts of one provider');
    expect(await siri.getByRole('button', { name: 'Godkjenn og publiser' }).count()).toBe(0);

    const anne = await signedInAs('Anne Vik');
    for (const path of ['/admin/katalog', '/leverandorer/ny', '/en/leverandorer/dfo/rediger', '/omrader/ny', '/nn/omrader/lonn/rediger']) {
      await anne.goto(url + path);
      await expectNoAxeViolations(anne, path);
    }
    await anne.goto(url + '/min-side');
    await focusOn(anne, 'link', 'Utkast og godkjenning');
    await anne.keyboard.press('Enter');
    await anne.waitForURL(/\/kvalitet\/utkast/);
    await expectNoAxeViolations(anne, 'review queue');
    await focusOn(anne, 'button', 'Godkjenn og publiser');
    await anne.keyboard.press('Enter');
    await anne.waitForURL(/\/tjenester\/si-reisebyratjenester\?ok=published/, { timeout: 30_000 });
    await anne.goto(url + '/kvalitet/utkast');
    expect(await anne.getByRole('button', { name: 'Godkjenn og publiser' }).count()).toBe(0);
    expect(watched.flat()).toEqual([]);
  });
});
