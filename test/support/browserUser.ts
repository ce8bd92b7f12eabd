import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { TestBrowser } from './browser.js';

/** Presses Tab until the element has the focus (fails when it cannot be reached by keyboard). */
export async function tabTo(page: Page, target: Locator, max = 200): Promise<void> {
  const handle = await target.elementHandle({ timeout: 10_000 });
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((el) => el === document.activeElement, handle)) return;
  }
  throw new Error(`not reachable with ${max} presses of Tab`);
}

/** A browser context signed in with a session cookie header (`ft_session=…`), or signed out without one. */
export async function contextWithSession(browser: TestBrowser, url: string, cookie: string | undefined, javaScriptEnabled = true): Promise<BrowserContext> {
  const context = await browser.newContext({ javaScriptEnabled });
  const value = cookie?.replace(/^ft_session=/, '');
  if (value) await context.addCookies([{ name: 'ft_session', value, url, httpOnly: true, sameSite: 'Lax' }]);
  return context;
}
