import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areas, networks, providers, surveys } from '../../src/db/schema/index.js';
import { messages } from '../../src/web/i18n/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { signedIn, type TestSession } from '../support/sessions.js';

/**
 * "Følg" on every followable page (issue 13): provider, service area, network and survey pages carry a plain form
 * POST (no JavaScript) for a signed-in person; following shows on the page and in /api/v1/me/follows, and the
 * public (and the cached public page) gets no form.
 */
describe.each(testEngines())('Følg on provider, area, network and survey pages on %s', (engine) => {
  let t: TestApp;
  let person: TestSession;
  const pages: { type: string; id: string; path: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: 'demo' });
    const db = t.database.db;
    person = await signedIn(db, [], { name: 'Følger Frida', email: `frida-${engine}@example.no` });
    const [p] = await db.select().from(providers).where(eq(providers.slug, 'statens-innkjopssenter'));
    const [a] = await db.select().from(areas).limit(1);
    const [n] = await db.select().from(networks).limit(1);
    const [s] = await db.select().from(surveys).limit(1);
    pages.push(
      { type: 'provider', id: p!.id, path: `/leverandorer/${p!.slug}` },
      { type: 'area', id: a!.slug, path: `/omrader/${a!.slug}` },
      { type: 'network', id: n!.id, path: `/nettverk/${n!.slug}` },
      { type: 'survey', id: s!.id, path: `/undersokelser/${s!.id}` },
    );
  });
  afterAll(async () => t?.close());

  const get = (path: string, cookie?: string) => t.app.inject({ url: path, headers: cookie ? { cookie } : {} });
  const formOf = (html: string) => /<form[^>]*action="(?:\/(?:nn|en))?\/folg"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';

  it('each page has a Følg form for the signed-in person, with the target and the way back', async () => {
    for (const p of pages) {
      const html = (await get(p.path, person.cookie)).body;
      const form = formOf(html);
      expect(form, p.path).toContain(`name="type" value="${p.type}"`);
      expect(form, p.path).toContain(`name="id" value="${p.id}"`);
      expect(form, p.path).toContain(`name="returnTo" value="${p.path}"`);
      expect(form, p.path).toContain('name="follow" value="yes"');
      expect(form, p.path).toContain(`>${messages.nb.notify.follow}<`);
    }
  });

  it('the public gets no form (and the cached page stays without one)', async () => {
    for (const p of pages) {
      const r = await get(p.path);
      expect(r.statusCode, p.path).toBe(200);
      expect(formOf(r.body), p.path).toBe('');
    }
  });

  it('posting the form follows; the page then offers to stop, in the page language; the API lists all four', async () => {
    for (const p of pages) {
      const body = new URLSearchParams({ _csrf: person.csrf, type: p.type, id: p.id, follow: 'yes', returnTo: `/en${p.path}` });
      const r = await t.app.inject({ method: 'POST', url: '/en/folg', headers: { cookie: person.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
      expect(r.statusCode, p.path).toBe(303);
      expect(r.headers.location, p.path).toBe(`/en${p.path}?ok=followed`);
      const form = formOf((await get(`/en${p.path}`, person.cookie)).body);
      expect(form, p.path).toContain('name="follow" value="no"');
      expect(form, p.path).toContain(`>${messages.en.notify.unfollow}<`);
    }
    const list = (await t.app.inject({ url: '/api/v1/me/follows', headers: person.headers })).json().items as { type: string; id: string }[];
    expect(list.map((f) => `${f.type}:${f.id}`).sort()).toEqual(pages.map((p) => `${p.type}:${p.id}`).sort());
  });
});
