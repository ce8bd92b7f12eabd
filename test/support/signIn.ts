import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { type DevProvider, startDevProvider } from '../../src/auth/devProvider.js';
import type { Engine } from '../../src/db/database.js';
import { createTestApp, type TestApp } from './app.js';
import { freePort } from './pgServer.js';
import { type TestBrowser, useBrowser, watchForeignRequests } from './browser.js';
import type { Seed } from './templates.js';


export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

/** Decodes RFC 2047 encoded words (=?UTF-8?Q?…?= and ?B?) in a header. */
function decodeWords(s: string): string {
  return s.replace(/\?=\s+=\?/g, '?==?').replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_m, _cs, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
}

function decodeBody(headers: string, body: string): string {
  if (/content-transfer-encoding:\s*quoted-printable/i.test(headers)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  if (/content-transfer-encoding:\s*base64/i.test(headers)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

/** A real SMTP server on loopback (smtp-server) that keeps what it receives. */
export async function startSmtpServer(): Promise<{ url: string; mails: ReceivedMail[]; close(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('latin1');
        const split = raw.indexOf('\r\n\r\n');
        const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
        const subject = decodeWords(/^subject:\s*(.*)$/im.exec(headers)?.[1] ?? '');
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), subject, text: decodeBody(headers, raw.slice(split + 4)) });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface SignInPortal extends TestApp {
  url: string;
  provider: DevProvider;
}

/**
 * The portal with real sign-in: the embedded OIDC provider on a loopback port, the portal on another, PUBLIC_URL
 * and the redirect URI agreeing, prompt=login so each browser context signs in as whom it picks.
 */
export async function startPortalWithSignIn(engine: Engine, options: { seed?: Seed; env?: NodeJS.ProcessEnv; clock?: () => Date } = {}): Promise<SignInPortal> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const provider = await startDevProvider({ redirectUri: `${url}/auth/callback`, apiAudience: `${url}/api/v1`, port: 0 });
  const t = await createTestApp(engine, {
    seed: options.seed,
    clock: options.clock,
    env: {
      PUBLIC_URL: url,
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_PROMPT: 'login',
      ...options.env,
    },
  });
  await t.app.listen({ port, host: '127.0.0.1' });
  return {
    ...t,
    url,
    provider,
    async close() {
      await t.close();
      await provider.close();
    },
  };
}

/** Signs in through the portal's sign-in page and the development provider's login form, as a demo user by name. */
export async function signIn(page: Page, portal: string, name: string, path = '/logg-inn'): Promise<void> {
  if (path) await page.goto(portal + path);
  await page.getByRole('button', { name: /Logg inn med ID-porten|Sign in with ID-porten/ }).click();
  await page.getByLabel(new RegExp(`^${name} –`)).check();
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.waitForURL((u) => u.href.startsWith(portal) && !u.pathname.startsWith('/auth/'));
}

/** What a browser-flow test file works with: the portal with sign-in, the worker's browser and signed-in pages. */
export interface SignInFlow {
  portal: SignInPortal;
  browser: TestBrowser;
  /** Requests any page opened by `as` made to a host other than the portal (and its identity provider). */
  foreign: string[];
  /** A page in a fresh context (nb-NO), signed in as the demo user by name. */
  as(name: string): Promise<Page>;
}

/**
 * The portal with sign-in and the browser for the enclosing describe block, started in its beforeAll and closed in
 * its afterAll. Filled in by that hook: read it in hooks and tests.
 */
export function useSignInFlow(engine: Engine, options: Parameters<typeof startPortalWithSignIn>[1] = {}): SignInFlow {
  const flow = {
    foreign: [] as string[],
    async as(name: string) {
      const page = await (await flow.browser.newContext({ locale: 'nb-NO' })).newPage();
      flow.foreign.push(...watchForeignRequests(page, flow.portal.url));
      await signIn(page, flow.portal.url, name);
      return page;
    },
  } as SignInFlow;
  beforeAll(async () => {
    [flow.portal, flow.browser] = await Promise.all([startPortalWithSignIn(engine, options), useBrowser()]);
  });
  afterAll(async () => {
    await flow.browser?.close();
    await flow.portal?.close();
  });
  return flow;
}
