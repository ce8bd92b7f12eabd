import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSession } from '../../src/auth/sessions.js';
import { expectNoAxeViolations, useBrowser, type TestBrowser } from '../support/browser.js';
import { contextWithSession, tabTo } from '../support/browserUser.js';
import { browserEngine } from '../support/engines.js';
import { DEMO_ROLES, type DemoRole, demoSession, inLanguage, type PageSample, pageSamples, STATS_PAGES } from '../support/pageInventory.js';
import { AxeLedger, served } from '../support/axeOnce.js';
import { type SignInPortal, startPortalWithSignIn } from '../support/signIn.js';
import { demoConsultationId } from '../support/factories.js';

/**
 * How long a keyboard submit may take to show its answer: the form posts and the page loads again, which on a busy
 * CI machine has taken more than expect.poll's default second.
 */
const SUBMITTED = { timeout: 20_000 };

const textOf = async (l: Locator) => ((await l.first().textContent({ timeout: 10_000 })) ?? '').trim();

/** Collects what Chromium reports about the Content-Security-Policy: a blocked script, style or form is a bug. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
  });
  return violations;
}

async function contextAs(browser: TestBrowser, portal: SignInPortal, role: DemoRole | 'anonymous'): Promise<BrowserContext> {
  const token = role === 'anonymous' ? undefined : (await demoSession(portal.database.db, role)).token;
  return contextWithSession(browser, portal.url, token);
}

/** The roles in the order the sweep checks them: the role that sees the most first, signed out last. */
const SWEEP_ORDER = ['admin', 'agencyEditor', 'providerEditor', 'ministryViewer', 'anonymous'] as const;
type Who = (typeof SWEEP_ORDER)[number];

/**
 * The accessibility pass: every page type the app registers (from its route inventory, so new pages are included
 * or the inventory fails), in bokmål, nynorsk and English, signed out and in each role, through axe (WCAG 2.1 A/AA)
 * with no Content-Security-Policy violation; then the main tasks with the keyboard alone.
 *
 * Each markup is checked in Chromium once: first under the role that sees the most (admin), in bokmål, then any
 * other visit only where what axe sees differs (`markupFingerprint`: the server's HTML with the words reduced to
 * "empty or not", compared in milliseconds where axe costs seconds). The statistics pages signed out in bokmål and
 * English are checked by test/e2e/stats.test.ts (axe under a stricter CSP), so a visit with their markup is covered
 * there. The home page is checked for every role in every language (the user menu and the language switch, left out
 * of the fingerprint, are on it). Every visit is listed with `A11Y_COVERAGE=1`: checked, or the role, language and
 * file whose check covers it.
 */
describe(`accessibility in the browser on ${browserEngine()}`, () => {
  const engine = browserEngine();
  let portal: SignInPortal;
  let browser: TestBrowser;
  let pages: PageSample[];
  const cookies = {} as Record<Who, string | undefined>;
  const LANGUAGES = ['nb', 'nn', 'en'] as const;
  /** Who checked which markup. */
  const ledger = new AxeLedger();

  beforeAll(async () => {
    portal = await startPortalWithSignIn(engine, { seed: 'demo' });
    browser = await useBrowser();
    pages = await pageSamples(portal.app);
    for (const who of SWEEP_ORDER) cookies[who] = who === 'anonymous' ? undefined : (await demoSession(portal.database.db, who)).cookie;
    // The statistics pages as test/e2e/stats.test.ts checks them: signed out, in bokmål and English.
    for (const path of STATS_PAGES) {
      for (const lang of ['nb', 'en'] as const) {
        const answer = await serve(lang === 'en' ? `/en${path}` : path, 'anonymous');
        ledger.credit(answer.html, `anonymous in ${lang} in test/e2e/stats.test.ts`);
      }
    }
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  /** The page as the server sends it to the role, redirects followed (as the browser does). */
  async function serve(path: string, who: Who): Promise<{ status: number; path: string; html: string }> {
    let url = path;
    for (let hops = 0; ; hops++) {
      const res = await served(portal.app, url, cookies[who]);
      const location = res.headers.location;
      if (res.status >= 300 && res.status < 400 && typeof location === 'string' && hops < 5) {
        url = location.startsWith(portal.url) ? location.slice(portal.url.length) : location;
        continue;
      }
      return { status: res.status, path: new URL(url, portal.url).pathname, html: res.html };
    }
  }

  const coverage: string[] = [];
  for (const who of SWEEP_ORDER) {
    it(`every page type in nb, nn and en passes axe, ${who}`, { timeout: 600_000 }, async () => {
      const context = await contextAs(browser, portal, who);
      const page = await context.newPage();
      const csp = watchCsp(page);
      const covered: string[] = [];
      let inBrowser = 0;
      let serving = 0;
      let checking = 0;
      for (const { url } of pages) {
        for (const lang of LANGUAGES) {
          const path = inLanguage(url, lang);
          const askedAt = performance.now();
          const answer = await serve(path, who);
          serving += performance.now() - askedAt;
          // Signed-out visitors to signed-in pages land on the sign-in page (checked once, as its own page).
          if (who === 'anonymous' && /\/logg-inn$/.test(answer.path) && !/logg-inn/.test(path)) continue;
          expect(answer.status, path).toBeLessThan(500);
          // The home page in each language is always checked: the user menu and the language switch, left out of the
          // fingerprint, are on it.
          const by = url === '/' ? undefined : ledger.checkedBy(answer.html);
          if (by) {
            coverage.push(`${who} ${path}: same markup as ${by}`);
          } else {
            const started = performance.now();
            const res = await page.goto(portal.url + path);
            expect(res?.status(), path).toBeLessThan(500);
            await expectNoAxeViolations(page, `${who} ${path}`);
            checking += performance.now() - started;
            ledger.credit(answer.html, `${who} in ${lang}`);
            coverage.push(`${who} ${path}: checked`);
            inBrowser++;
          }
          covered.push(path);
        }
      }
      if (process.env.A11Y_COVERAGE) console.log(coverage.filter((l) => l.startsWith(`${who} `)).join('\n'));
      const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
      console.log(`accessibility sweep, ${who}: ${covered.length} visits covered, ${inBrowser} checked in Chromium (${s(checking)}; the server's HTML for the fingerprints ${s(serving)})`);
      expect(covered.length).toBeGreaterThanOrEqual(who === 'anonymous' ? 45 : pages.length * LANGUAGES.length - 6);
      expect(inBrowser).toBeGreaterThanOrEqual(LANGUAGES.length);
      expect(csp).toEqual([]);
      await context.close();
    });
  }

  // The sample service of the sweep has no gain indicators: the gains charts (ECharts SVG, data table, downloads)
  // are checked here on services that have them, signed out and on the provider's own page.
  it('the gains charts pass axe on a service page and on the provider’s gains page', { timeout: 180_000 }, async () => {
    const visits = [
      ['anonymous', '/tjenester/dfo-lonn'],
      ['anonymous', '/en/tjenester/dfo-lonn'],
      ['providerEditor', '/tjenester/si-reisebyratjenester/gevinster'],
    ] as const;
    for (const [who, path] of visits) {
      const context = await contextAs(browser, portal, who);
      const page = await context.newPage();
      const csp = watchCsp(page);
      expect((await page.goto(portal.url + path))?.status(), path).toBe(200);
      expect(await page.locator('figure.chart svg[role=img]').count(), path).toBeGreaterThan(0);
      expect(await page.locator('figure.chart a[href$=".xlsx"]').count(), path).toBeGreaterThan(0);
      await expectNoAxeViolations(page, `${who} ${path}`);
      expect(csp).toEqual([]);
      await context.close();
    }
  });

  it('signs in through the real OIDC provider with a fresh session (no fixation), and the sign-in pages pass axe', { timeout: 120_000 }, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const csp = watchCsp(page);
    // An attacker plants their own valid session in the victim's browser before the victim signs in.
    const planted = await demoSession(portal.database.db, 'ministryViewer');
    await context.addCookies([{ name: 'ft_session', value: planted.token, url: portal.url }]);
    await page.goto(portal.url + '/logg-inn');
    await expectNoAxeViolations(page, 'sign-in page');
    await page.goto(portal.url + '/en/logg-inn');
    await expectNoAxeViolations(page, 'sign-in page in English');
    await page.goto(portal.url + '/logg-inn');
    await page.getByRole('button', { name: /Logg inn med ID-porten/ }).click();
    await expectNoAxeViolations(page, "the identity provider's login form");
    await page.getByLabel(/^Lise Berg –/).check();
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.waitForURL((u) => u.href.startsWith(portal.url) && !u.pathname.startsWith('/auth/'));
    const cookie = (await context.cookies(portal.url)).find((c) => c.name === 'ft_session');
    expect(cookie?.value).toBeDefined();
    expect(cookie!.value).not.toBe(planted.token);
    expect(cookie!.httpOnly).toBe(true);
    expect(cookie!.sameSite).toBe('Lax');
    // The planted session is gone, not upgraded; the new one is Lise's.
    const timeouts = { idleMinutes: 60, maxHours: 12 };
    expect((await findSession(portal.database.db, planted.token, timeouts)).state).not.toBe('valid');
    await page.goto(portal.url + '/min-side');
    await expect.poll(() => textOf(page.locator('.user-menu__name'))).toBe('Lise Berg');
    // Signing out ends the session on the server: the old cookie no longer works.
    await page.getByRole('button', { name: 'Logg ut' }).click();
    await page.waitForURL((u) => u.href.startsWith(portal.url) && !u.pathname.startsWith('/auth/'));
    expect((await findSession(portal.database.db, cookie!.value, timeouts)).state).not.toBe('valid');
    expect(csp).toEqual([]);
    await context.close();
  });

  it('searches and narrows the catalogue by keyboard alone', { timeout: 120_000 }, async () => {
    const context = await contextAs(browser, portal, 'anonymous');
    const page = await context.newPage();
    await page.goto(portal.url + '/tjenester');
    const total = await textOf(page.locator('main h1'));
    await tabTo(page, page.locator('#catalogue-q'));
    await page.keyboard.type('lønn');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=l%C3%B8nn|q=lønn/);
    const facet = page.locator('#catalogue-filters fieldset.facet input[type=checkbox]').first();
    const facetValue = await facet.getAttribute('value');
    await tabTo(page, facet);
    await page.keyboard.press('Space');
    expect(await facet.isChecked()).toBe(true);
    await tabTo(page, page.locator('#catalogue-filters button[type=submit]'));
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.search.includes(encodeURIComponent(facetValue!)) || u.search.includes(facetValue!));
    expect(decodeURIComponent(new URL(page.url()).search)).toContain('q=lønn');
    await expect.poll(() => page.locator('#catalogue-filters fieldset.facet input[type=checkbox]:checked').count()).toBe(1);
    expect(total.length).toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'filtered catalogue');
    await context.close();
  });

  it('declares an opt-out, marks the follow-up and changes the usage register by keyboard alone', { timeout: 180_000 }, async () => {
    const travel = await demoConsultationId(portal);
    const lise = await (await contextAs(browser, portal, 'agencyEditor')).newPage();
    const orgnr = DEMO_ROLES.agencyEditor.agency;

    // The agency opts out with a reason.
    await lise.goto(`${portal.url}/anskaffelser/${travel}/erklaering?virksomhet=${orgnr}`);
    await tabTo(lise, lise.locator('input[name=q_reason]').first());
    for (let i = 0; i < 12 && !(await lise.getByLabel('Kostnad').isChecked()); i++) await lise.keyboard.press('ArrowDown');
    expect(await lise.getByLabel('Kostnad').isChecked()).toBe(true);
    await tabTo(lise, lise.getByRole('button', { name: /Send reservasjonen|Lagre endringen/ }));
    await lise.keyboard.press('Enter');
    await expect.poll(() => textOf(lise.getByRole('status')), SUBMITTED).toBe('Svaret er registrert.');
    await expectNoAxeViolations(lise, 'declaration sent by keyboard');

    // The provider marks the follow-up of that opt-out.
    const siri = await (await contextAs(browser, portal, 'providerEditor')).newPage();
    await siri.goto(`${portal.url}/anskaffelser/${travel}/erklaeringer`);
    const card = siri.locator(`#agency-${orgnr}`);
    const state = card.getByLabel(/^Oppfølging av/);
    const before = await state.inputValue();
    await tabTo(siri, state);
    await siri.keyboard.press('ArrowDown');
    const chosen = await state.inputValue();
    expect(chosen).not.toBe(before);
    await tabTo(siri, card.getByLabel('Notat'));
    await siri.keyboard.type('Ringt opp');
    await tabTo(siri, card.getByRole('button', { name: 'Lagre oppfølgingen' }));
    await siri.keyboard.press('Enter');
    await expect.poll(() => textOf(siri.getByRole('status')), SUBMITTED).toBe('Oppfølgingen er lagret.');
    await expect.poll(() => siri.locator(`#agency-${orgnr}`).getByLabel(/^Oppfølging av/).inputValue(), SUBMITTED).toBe(chosen);

    // The agency registers a service it uses.
    await lise.goto(`${portal.url}/min-side/virksomhet/${orgnr}`);
    const rowsBefore = await lise.locator('#usage tbody tr').count();
    const service = lise.locator('#usage-service');
    await tabTo(lise, service);
    await lise.keyboard.press('ArrowDown');
    const picked = await service.inputValue();
    expect(picked).not.toBe('');
    await tabTo(lise, lise.getByRole('button', { name: 'Registrer bruk' }));
    await lise.keyboard.press('Enter');
    await expect.poll(() => textOf(lise.getByRole('status')), SUBMITTED).not.toBe('');
    const errors = await lise.getByRole('alert').count();
    expect(errors, await lise.locator('main').innerText()).toBe(0);
    expect(await lise.locator('#usage tbody tr').count()).toBeGreaterThanOrEqual(rowsBefore);
    const api = (await portal.app.inject({ url: `/api/v1/agencies/${orgnr}/subscriptions` })).json() as { items: { service: { slug: string } | string }[] };
    expect(JSON.stringify(api.items)).toContain(picked);
    await expectNoAxeViolations(lise, 'usage registered by keyboard');
  });
});
