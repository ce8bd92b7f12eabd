import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_DOCS_CSP, BODY_LIMITS, contentSecurityPolicy, NON_HTML_CSP, SECURITY_HEADERS } from '../../src/server/security.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { expectProblem } from '../support/expectations.js';
import { demoSession, inLanguage, type PageSample, pageSamples } from '../support/pageInventory.js';

/** Markup a strict CSP (script-src 'self', style-src 'self') would block: inline script, style elements and attributes, handlers. */
function inlineCode(html: string): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*>/gi)) if (!/\bsrc=/.test(m[0])) found.push(m[0]);
  for (const m of html.matchAll(/<style\b[^>]*>/gi)) found.push(m[0]);
  for (const m of html.matchAll(/<[a-z][^>]*\s(style|on[a-z]+)=["'][^>]*>/gi)) found.push(m[0].slice(0, 120));
  for (const m of html.matchAll(/\b(href|action|src)=["']\s*javascript:/gi)) found.push(m[0]);
  return found;
}

describe.each(testEngines())('security headers and body limits on %s', (engine) => {
  let t: TestApp;
  let pages: PageSample[];
  let admin: { cookie: string; csrf: string };
  let procurement: string;

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: 'demo' });
    pages = await pageSamples(t.app);
    admin = await demoSession(t.database.db, 'admin');
    procurement = pages.find((p) => p.route === '/anskaffelser/:id')!.url.split('/')[2]!;
  });
  afterAll(async () => t?.close());

  const expectSecurityHeaders = (headers: Record<string, unknown>, label: string) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(headers[name], `${name} on ${label}`).toBe(value);
  };

  it('covers the page types the app registers (the inventory is not empty or stale)', () => {
    const routes = pages.map((p) => p.route);
    for (const r of ['/', '/tjenester', '/tjenester/:slug', '/leverandorer/:slug', '/anskaffelser/:id', '/min-side', '/admin/logg', '/statistikk', '/tilgjengelighet', '/nettverk/:slug', '/behov/:id', '/undersokelser/:id/svar', '/ideer/:id']) {
      expect(routes).toContain(r);
    }
  });

  it('sends the strict CSP and the other headers on every page, in nb and en, signed out and signed in, with no inline code', async () => {
    const policy = contentSecurityPolicy(t.app.deps.config);
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
    const problems: string[] = [];
    for (const { url } of pages) {
      for (const lang of ['nb', 'en'] as const) {
        for (const who of ['anonymous', 'admin'] as const) {
          const path = inLanguage(url, lang);
          const res = await t.app.inject({ url: path, headers: who === 'admin' ? { cookie: admin.cookie } : {} });
          const label = `${who} ${path} (${res.statusCode})`;
          if (res.statusCode >= 500) problems.push(`${label}: server error`);
          expectSecurityHeaders(res.headers, label);
          if (/^text\/html/.test(String(res.headers['content-type']))) {
            expect(res.headers['content-security-policy'], label).toBe(policy);
            for (const code of inlineCode(res.body)) problems.push(`${label}: ${code}`);
          } else {
            // Anonymous visitors to signed-in pages get a redirect to sign-in.
            expect([303, 302], label).toContain(res.statusCode);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('sends the headers on error pages, API responses, downloads and assets too', async () => {
    const missing = await t.app.inject({ url: '/finnes-ikke' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-security-policy']).toBe(contentSecurityPolicy(t.app.deps.config));
    expectSecurityHeaders(missing.headers, '404 page');
    for (const url of ['/api/v1/services', '/api/v1/finnes-ikke', '/api/v1/catalog.ttl', '/api/v1/openapi.json']) {
      const res = await t.app.inject({ url });
      expectSecurityHeaders(res.headers, url);
      expect(res.headers['content-security-policy'], url).toBe(NON_HTML_CSP);
    }
    // Public pages served from the page cache, and its 304s, carry them as well.
    const first = await t.app.inject({ url: '/omrader' });
    const cached = await t.app.inject({ url: '/omrader' });
    const notModified = await t.app.inject({ url: '/omrader', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(notModified.statusCode).toBe(304);
    for (const [label, res] of [['cached page', cached], ['304', notModified]] as const) {
      expectSecurityHeaders(res.headers, label);
      expect(res.headers['content-security-policy'], label).toBeDefined();
    }
    expect(cached.headers['content-security-policy']).toBe(contentSecurityPolicy(t.app.deps.config));
    // The page's own policy on its 304 too: a browser stores the 304's headers over the kept page's, and with the
    // non-HTML policy the page showed again with its style sheets blocked.
    expect(notModified.headers['content-security-policy']).toBe(contentSecurityPolicy(t.app.deps.config));
    const css = await t.app.inject({ url: '/' });
    const asset = /href="(\/assets\/app[^"]*\.css)"/.exec(css.body)?.[1];
    expect(asset).toBeDefined();
    const res = await t.app.inject({ url: asset! });
    expect(res.statusCode).toBe(200);
    expectSecurityHeaders(res.headers, asset!);
  });

  it('gives the Swagger UI its own policy: still no inline script and no framing', async () => {
    const res = await t.app.inject({ url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toBe(API_DOCS_CSP);
    expect(API_DOCS_CSP).toMatch(/script-src 'self';/);
    expect(API_DOCS_CSP).toMatch(/frame-ancestors 'none'/);
    expect(inlineCode(res.body).filter((c) => c.startsWith('<script'))).toEqual([]);
  });

  it('lets sign-in and sign-out forms reach the identity provider and nothing else', () => {
    const policy = contentSecurityPolicy({ publicUrl: 'https://fellestjenester.no', oidc: { issuer: 'https://login.idporten.no/', clientId: 'x', clientSecret: 'y', promptLogin: false } });
    expect(policy).toMatch(/form-action 'self' https:\/\/login\.idporten\.no;/);
    expect(policy).toMatch(/upgrade-insecure-requests/);
    expect(contentSecurityPolicy({ publicUrl: 'http://localhost:3000', oidc: undefined })).toMatch(/form-action 'self';/);
  });

  it('refuses an API body over the JSON limit with 413 and a plain message, and accepts one under it', async () => {
    const big = JSON.stringify({ answers: { reason: 'cost', comment: 'x'.repeat(BODY_LIMITS.json) } });
    const url = `/api/v1/procurements/${procurement}/declarations/982391490`;
    const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' };
    expectProblem(await t.app.inject({ method: 'PUT', url, headers, payload: big }), 413, /for stort/);
    expectProblem(await t.app.inject({ method: 'PUT', url: `${url}?lang=en`, headers, payload: big }), 413, /too large/);
    const small = await t.app.inject({ method: 'PUT', url, headers, payload: JSON.stringify({ answers: { reason: 'x'.repeat(1000) } }) });
    expect(small.statusCode).not.toBe(413);
    expect(small.statusCode).toBeLessThan(500);
  });

  it('refuses a form over the form limit with 413 and a Norwegian error page', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/anskaffelser/${procurement}/erklaering`,
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${admin.csrf}&virksomhet=982391490&q_comment=${'x'.repeat(BODY_LIMITS.form)}`,
    });
    expect(res.statusCode).toBe(413);
    expect(String(res.headers['content-type'])).toMatch(/^text\/html/);
    expect(res.body).toMatch(/for stort/);
    expect(res.body).not.toMatch(/FST_ERR|at .*\.js:\d+/);
  });
});
