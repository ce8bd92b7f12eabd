/**
 * The report lane's second round in real Chromium: the procurement page's early involvement (needs survey, the
 * council's recommendation and DFØ's decision, with their forms) and its questions form — in bokmål, nynorsk and
 * English, signed in as the role each form is for, through axe with 0 violations, a form that came back with
 * errors too; then a question asked with the keyboard alone, and without JavaScript.
 */
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, type RunningPortal, startPortal, useBrowser, type TestBrowser } from '../support/browser.js';
import { browserEngine } from '../support/engines.js';
import { contextWithSession, tabTo } from '../support/browserUser.js';
import { AxeLedger } from '../support/axeOnce.js';
import { demoConsultationId, demoProcurementId } from '../support/factories.js';
import { demoSessions, type Who } from '../support/sessions.js';

const LOTTSTIFT = '982391490';


describe.each([browserEngine()])('early involvement and questions in Chromium on %s', (engine) => {
  let portal: RunningPortal;
  let browser: TestBrowser;
  let headers: Record<Who, Record<string, string>>;
  let planned = '';
  let consultation = '';

  beforeAll(async () => {
    [portal, browser] = await Promise.all([startPortal(engine, { seed: 'demo' }), useBrowser()]);
    headers = await demoSessions(portal.database.db);
    planned = await demoProcurementId(portal, 'planned');
    consultation = await demoConsultationId(portal);
    // A question waiting for the provider's answer.
    const asked = await portal.app.inject({ method: 'POST', url: `/api/v1/procurements/${consultation}/questions`, headers: { ...headers.lise, 'content-type': 'application/json' }, payload: JSON.stringify({ agency: LOTTSTIFT, question: 'Gjelder avtalen kurs?' }) });
    expect(asked.statusCode).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  const contextAs = (who: Who, javaScriptEnabled = true): Promise<BrowserContext> => contextWithSession(browser, portal.url, headers[who].cookie, javaScriptEnabled);

  const pages = (): [Who, string][] => [
    ['siri', `/anskaffelser/${planned}`],
    ['anne', `/anskaffelser/${planned}`],
    ['lise', `/anskaffelser/${consultation}`],
    ['siri', `/anskaffelser/${consultation}`],
  ];
  // Each markup once: a page in nynorsk or English whose markup axe sees the same as in bokmål is covered by that check.
  const ledger = new AxeLedger();
  for (const lang of ['nb', 'nn', 'en'] as const) {
    it(`the procurement pages with their forms in ${lang}: axe 0 violations`, { timeout: 300_000 }, async () => {
      let checked = 0;
      for (const [who, path] of pages()) {
        const context = await contextAs(who);
        const page = await context.newPage();
        const url = `${lang === 'nb' ? '' : `/${lang}`}${path}`;
        const { html, coveredBy } = await ledger.check(portal.app, page, portal.url, url, `${who} ${url}`, headers[who].cookie);
        expect(html).toMatch(/id="(early|questions)"/);
        if (coveredBy === 'checked') checked++;
        await context.close();
      }
      // Bokmål is checked in full; the two roles on the two pages see four different forms.
      if (lang === 'nb') expect(checked).toBe(pages().length);
    });
  }

  // axe runs in the page, so this one keeps JavaScript on; the forms without it are checked in the next test and in test/api.
  it('shows a form that came back refused, announced above it, axe 0 violations', { timeout: 120_000 }, async () => {
    const context = await contextAs('siri');
    const page = await context.newPage();
    await page.goto(`${portal.url}/anskaffelser/${planned}`);
    // Sent as it stands (no document): the demo needs survey is still open, so the council cannot recommend yet.
    await Promise.all([page.waitForURL(/tidlig-involvering$/, { timeout: 30_000 }), page.locator('#form-council_recommendation button[type="submit"]').click({ timeout: 10_000 })]);
    // The needs survey of the demo data is still open: a refusal, announced, above the form.
    await expect(page.locator('#early [role="alert"]').first().textContent()).resolves.toContain('Innkjøpsrådet anbefaler når behovskartleggingen er avsluttet.');
    await expectNoAxeViolations(page, 'siri council form refused');
    await context.close();
  });

  it('asks a question with the keyboard alone, and without JavaScript', { timeout: 120_000 }, async () => {
    for (const js of [true, false]) {
      const context = await contextAs('lise', js);
      const page = await context.newPage();
      await page.goto(`${portal.url}/anskaffelser/${consultation}`);
      await tabTo(page, page.locator('#ask-question'), 300);
      await page.keyboard.type(js ? 'Spørsmål med tastatur.' : 'Spørsmål uten JavaScript.');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForURL(/ok=question_sent/);
      await expect(page.locator('.page-alert').first().textContent()).resolves.toContain('Spørsmålet er sendt.');
      await context.close();
    }
  });
});
