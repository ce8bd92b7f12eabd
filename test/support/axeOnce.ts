import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { App } from '../../src/server/types.js';
import { expectNoAxeViolations } from './browser.js';
import { markupFingerprint } from './pageInventory.js';

/** The page as the server sends it to a visitor with this cookie (no redirect followed). */
export async function served(app: App, path: string, cookie?: string): Promise<{ status: number; html: string; headers: Record<string, unknown> }> {
  const res = await app.inject({ url: path, headers: cookie ? { cookie: cookie.startsWith('ft_session=') ? cookie : `ft_session=${cookie}` } : {} });
  return { status: res.statusCode, html: res.body, headers: res.headers };
}

/**
 * One axe check per markup within a test file: a visit whose markup axe would see the same as one already checked
 * (`markupFingerprint`: the same elements, attributes and names, in another language or for another user) is covered
 * by that check; any other visit is loaded in Chromium and checked. `checkedBy` says what covered a visit, so a file
 * can assert how much it checked.
 */
export class AxeLedger {
  private readonly checked = new Map<string, string>();

  /** Who checked markup like this page's, if anyone has. */
  checkedBy(html: string): string | undefined {
    return this.checked.get(markupFingerprint(html));
  }

  /** Credits a check made elsewhere (another file, under a stricter setting) to this markup. */
  credit(html: string, label: string): void {
    this.creditFingerprint(markupFingerprint(html), label);
  }

  private creditFingerprint(fingerprint: string, label: string): void {
    if (!this.checked.has(fingerprint)) this.checked.set(fingerprint, label);
  }

  /**
   * Checks `path` as the visitor with `cookie` sees it: the server's answer must be 200; then axe in `page` (which the
   * visit loads) unless the same markup was checked already. Returns the served HTML and what covered the visit:
   * `checked` (here, now) or the label of the earlier check.
   */
  async check(app: App, page: Page, baseUrl: string, path: string, label: string, cookie?: string): Promise<{ html: string; coveredBy: string }> {
    const answer = await served(app, path, cookie);
    expect(answer.status, path).toBe(200);
    const fingerprint = markupFingerprint(answer.html);
    const by = this.checked.get(fingerprint);
    if (by) return { html: answer.html, coveredBy: by };
    expect((await page.goto(baseUrl + path))?.status(), path).toBe(200);
    await expectNoAxeViolations(page, label);
    this.creditFingerprint(fingerprint, label);
    return { html: answer.html, coveredBy: 'checked' };
  }
}
