import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Engine } from '../../src/db/database.js';
import { createTestApp, type TestApp } from './app.js';

export const CHROMIUM = '/usr/bin/chromium';

/** Debian's Chromium, headless, with the flags this closed network needs. A missing browser fails the test. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A test file's view of the worker's browser: the contexts it opens, and `close()` closes those. */
export interface TestBrowser {
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** Closes the contexts this file opened; the browser itself stays for the worker's next file. */
  close(): Promise<void>;
}

let shared: Promise<Browser> | undefined;

/**
 * Chromium for a test file: one browser per test worker, launched on first use and shared by the files the worker
 * runs (a launch costs a second or two of CPU). Each file works in contexts of its own (cookies, storage) and closes
 * them when it ends; the browser ends with the worker.
 */
export async function useBrowser(): Promise<TestBrowser> {
  shared ??= launchBrowser().then((b) => {
    b.once('disconnected', () => (shared = undefined));
    return b;
  });
  const browser = await shared;
  const mine = new Set<BrowserContext>();
  return {
    async newContext(options) {
      const context = await browser.newContext(options);
      mine.add(context);
      context.once('close', () => mine.delete(context));
      return context;
    },
    async close() {
      await Promise.all([...mine].map((c) => c.close()));
    },
  };
}

export interface RunningPortal extends TestApp {
  url: string;
}

/** The real portal listening on a loopback port, for the browser. */
export async function startPortal(engine: Engine, options: Parameters<typeof createTestApp>[1] = {}): Promise<RunningPortal> {
  const t = await createTestApp(engine, options);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { ...t, url: `http://127.0.0.1:${port}` };
}

/** axe-core's browser build, read once per worker. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_OPTIONS = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] };

/**
 * Runs axe (WCAG 2.0/2.1 A and AA) on the page and fails with a readable list of violations.
 *
 * axe-core runs in the page itself, injected once per document (through the DevTools protocol, so the page's CSP
 * does not block it). `@axe-core/playwright`'s `analyze()` did the same work at about five times the cost: it
 * injects the 550 kB script twice per run and, for cross-frame support our pages do not need (they have no
 * iframes), finishes each run in a fresh page — 2–2.5 s of fixed cost per check on this machine, most of the
 * accessibility sweep's time (docs/adr/0013-test-budget.md).
 */
export async function expectNoAxeViolations(page: Page, label = page.url()): Promise<void> {
  expect(await page.locator('iframe').count(), `${label} has an iframe axe would not enter`).toBe(0);
  if (!(await page.evaluate(() => typeof (window as { axe?: { run?: unknown } }).axe?.run === 'function'))) await page.evaluate(AXE_SOURCE);
  const summary = await page.evaluate(async (options) => {
    type Violation = { id: string; impact?: string; help: string; nodes: { target: unknown[] }[] };
    const axe = (window as unknown as { axe: { run(ctx: Document, o: unknown): Promise<{ violations: Violation[] }> } }).axe;
    const results = await axe.run(document, options);
    return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n    ')}`);
  }, AXE_OPTIONS);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/** Collects requests to any host but the portal: the pages must not call third parties. */
export function watchForeignRequests(page: Page, origin: string): string[] {
  const foreign: string[] = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('about:')) foreign.push(u);
  });
  return foreign;
}
