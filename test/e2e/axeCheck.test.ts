import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, useBrowser, type TestBrowser } from '../support/browser.js';

/**
 * The accessibility check every browser test relies on (test/support/browser.ts) must be able to fail: it finds a
 * WCAG violation in a page, also under a strict Content-Security-Policy, and passes a clean page.
 */
describe('the axe check of the browser tests', () => {
  let browser: TestBrowser;
  beforeAll(async () => {
    browser = await useBrowser();
  });
  afterAll(async () => browser?.close());

  const page = async (body: string) => {
    const context = await browser.newContext();
    const p = await context.newPage();
    await p.route('http://portal.test/', (route) =>
      route.fulfill({ contentType: 'text/html', headers: { 'content-security-policy': "default-src 'self'; script-src 'self'" }, body: `<!doctype html><html lang="nb"><head><title>Prøve</title></head><body><main><h1>Prøve</h1>${body}</main></body></html>` }),
    );
    await p.goto('http://portal.test/');
    return p;
  };

  it('fails on an image without a text alternative and on a field without a label, naming each', async () => {
    const p = await page('<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">\n<input type="text">');
    const error = await expectNoAxeViolations(p, 'the bad page').then(() => undefined, (e: Error & { actual?: unknown }) => e);
    expect(error?.message).toMatch(/axe violations on the bad page/);
    const listed = (error?.actual as string[]).join('\n');
    expect(listed).toMatch(/^image-alt \(critical\)/m);
    expect(listed).toMatch(/^label \(critical\)/m);
  });

  it('fails on a page with an iframe, which it would not look into', async () => {
    const p = await page('<iframe title="innhold" srcdoc="<p>x</p>"></iframe>');
    await expect(expectNoAxeViolations(p, 'the framed page')).rejects.toThrow(/iframe/);
  });

  it('passes a clean page, also when run twice on the same document', async () => {
    const p = await page('<p>Tekst med <a href="/om">en lenke</a>.</p>');
    await expectNoAxeViolations(p, 'the clean page');
    await expectNoAxeViolations(p, 'the clean page again');
  });
});
