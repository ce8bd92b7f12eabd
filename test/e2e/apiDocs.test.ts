import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBrowser, type RunningPortal, startPortal, type TestBrowser } from '../support/browser.js';
import { browserEngine } from '../support/engines.js';

/** The Swagger UI works under its own Content-Security-Policy: it renders the document, and Chromium reports nothing. */
describe(`the API documentation under its CSP on ${browserEngine()}`, () => {
  const engine = browserEngine();
  let portal: RunningPortal;
  let browser: TestBrowser;
  beforeAll(async () => {
    portal = await startPortal(engine, { seed: 'empty' });
    browser = await useBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  it('renders the operations with no CSP report', { timeout: 120_000 }, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const reports: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) reports.push(m.text());
    });
    const res = await page.goto(`${portal.url}/api/docs`);
    expect(res?.headers()['content-security-policy']).toMatch(/script-src 'self';/);
    await expect.poll(() => page.locator('.swagger-ui .info .title').first().textContent({ timeout: 30_000 }), { timeout: 30_000 }).toContain('Fellestjenester API');
    await expect.poll(() => page.locator('.opblock').count(), { timeout: 30_000 }).toBeGreaterThan(10);
    expect(reports).toEqual([]);
    await context.close();
  });
});
