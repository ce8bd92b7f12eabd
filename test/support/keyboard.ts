import type { Locator, Page } from 'playwright-core';

/** Presses Tab until the element has the focus (fails when it cannot be reached by keyboard). */
export async function tabTo(page: Page, target: Locator, max = 200): Promise<void> {
  const handle = await target.elementHandle({ timeout: 10_000 });
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((el) => el === document.activeElement, handle)) return;
  }
  throw new Error(`not reachable with ${max} presses of Tab`);
}
