import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { demoSessions, formPoster, type Who } from '../support/sessions.js';

/** The editing pages over HTTP (PGlite; the browser test covers the flow): who sees the form, errors kept, a save, history. */
describe('catalogue editing pages', () => {
  let t: TestApp;
  let headers: Record<Who, Record<string, string>>;
  const post = formPoster(() => t, () => headers);
  const get = (who: Who, url: string) => t.app.inject({ method: 'GET', url, headers: headers[who] });

  beforeAll(async () => {
    t = await createTestApp('pglite', { seed: 'demo' });
    headers = await demoSessions(t.database.db);
  });
  afterAll(async () => t?.close());

  it('shows the edit form to the provider’s editors and DFØ only; Rediger only for them', async () => {
    expect((await get('dag', '/tjenester/dfo-regnskap/rediger')).statusCode).toBe(200);
    expect((await get('anne', '/tjenester/dfo-regnskap/rediger')).statusCode).toBe(200);
    expect((await get('siri', '/tjenester/dfo-regnskap/rediger')).statusCode).toBe(403);
    expect((await get('anonymous', '/tjenester/dfo-regnskap/rediger')).statusCode).toBe(303);
    expect((await get('dag', '/tjenester/dfo-regnskap')).body).toContain('/tjenester/dfo-regnskap/rediger');
    expect((await get('siri', '/tjenester/dfo-regnskap')).body).not.toContain('/tjenester/dfo-regnskap/rediger');
  });

  it('keeps what was typed, with each error next to its field, and saves a valid form', async () => {
    const form = await get('dag', '/tjenester/dfo-regnskap/rediger');
    const values: Record<string, string | string[]> = {};
    const unescape = (v: string) => v.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    const add = (name: string, v: string) => {
      values[name] = values[name] !== undefined ? [values[name]!].flat().concat(v) : v;
    };
    for (const [tag] of form.body.matchAll(/<input[^>]*>/g)) {
      const name = /name="([^"]+)"/.exec(tag)?.[1];
      if (!name || name === '_csrf') continue;
      if (/type="checkbox"/.test(tag) && !/checked/.test(tag)) continue;
      add(name, unescape(/value="([^"]*)"/.exec(tag)?.[1] ?? ''));
    }
    for (const m of form.body.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) add(m[1]!, unescape(m[2]!.replace(/^\n/, '')));
    for (const m of form.body.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
      const selected = /<option[^>]*value="([^"]*)"[^>]*selected/.exec(m[2]!) ?? /<option[^>]*selected[^>]*value="([^"]*)"/.exec(m[2]!);
      // A browser sends a select's first option when none is selected (the blank rows' selects too).
      values[m[1]!] = selected?.[1] ?? /<option[^>]*value="([^"]*)"/.exec(m[2]!)?.[1] ?? '';
    }
    const bad = await post('dag', '/tjenester/dfo-regnskap/rediger', { ...values, 'name.nb': '', 'name.en': 'Accounting Kolibri' });
    expect(bad.statusCode, bad.body.slice(0, 500)).toBe(400);
    expect(bad.body).toContain('Accounting Kolibri');
    expect(bad.body).toMatch(/id="f-name-nb"[^>]*aria-invalid="true"/);
    const good = await post('dag', '/tjenester/dfo-regnskap/rediger', { ...values, 'name.nb': 'Regnskapstjenester Kolibri' });
    const errors = [...good.body.matchAll(/<li><a href="#([^"]+)">([^<]+)<\/a>/g)].map((m) => `${m[1]}: ${m[2]}`);
    expect(good.statusCode, errors.join('\n')).toBe(303);
    const publish = await post('dag', '/tjenester/dfo-regnskap/publiser', {});
    expect(publish.statusCode).toBe(303);
    const history = await get('anonymous', '/tjenester/dfo-regnskap/historikk?fra=1&til=2');
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain('Dag Olsen');
    expect(history.body).toContain('Regnskapstjenester Kolibri');
    // Nothing else changed: only the name.
    expect((await t.app.inject('/api/v1/services/dfo-regnskap/versions/2')).json().changedFields).toEqual(['name']);
  });
});
