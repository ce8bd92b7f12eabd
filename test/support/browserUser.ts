import type { BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TestBrowser } from './browser.js';

/**
 * Presses Tab until the element has the focus, and checks that the focus can be seen (an outline or a ring, WCAG
 * 2.4.7); fails when the element cannot be reached by keyboard.
 */
export async function tabTo(page: Page, target: Locator, max = 200): Promise<void> {
  const handle = await target.elementHandle({ timeout: 10_000 });
  if (!handle) throw new Error('tabTo: no such element');
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((el) => el === document.activeElement, handle)) {
      const visible = await page.evaluate((el) => {
        const s = getComputedStyle(el as Element);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
      }, handle);
      expect(visible, 'the keyboard focus is visible').toBe(true);
      return;
    }
  }
  throw new Error(`tabTo: not reachable with ${max} presses of Tab`);
}

/** A browser context signed in with a session cookie header (`ft_session=…`), or signed out without one. */
export async function contextWithSession(browser: TestBrowser, url: string, cookie: string | undefined, javaScriptEnabled = true): Promise<BrowserContext> {
  const context = await browser.newContext({ javaScriptEnabled });
  const value = cookie?.replace(/^ft_session=/, '');
  if (value) await context.addCookies([{ name: 'ft_session', value, url, httpOnly: true, sameSite: 'Lax' }]);
  return context;
}
