import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { queryRows } from '../../src/db/database.js';

/** Search quality on the demo catalogue: Norwegian stemming, typo tolerance, title above description. */
describe.each(testEngines())('catalogue search quality on %s (demo data)', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });

  const search = async (q: string, limit = 10) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/services?q=${encodeURIComponent(q)}&limit=${limit}` });
    expect(res.statusCode).toBe(200);
    return res.json() as { total: number; fuzzy: boolean; items: { slug: string; provider: { slug: string }; area: { slug: string } }[] };
  };

  it('"lønnstjenester" finds DFØ payroll first', async () => {
    const r = await search('lønnstjenester');
    expect(r.items[0]!.slug).toBe('dfo-lonn');
    expect(r.fuzzy).toBe(false);
  });

  it('"regnskp" (a typo) finds accounting', async () => {
    const r = await search('regnskp');
    expect(r.items.slice(0, 3).map((i) => i.area.slug)).toContain('regnskap');
    expect(r.fuzzy).toBe(true);
  });

  it('"sentralbord" finds SSiE', async () => {
    const r = await search('sentralbord');
    expect(r.items[0]!.provider.slug).toBe('ssie');
  });

  it('"sikring av bygg" finds NKSB', async () => {
    const r = await search('sikring av bygg');
    expect(r.items[0]!.provider.slug).toBe('nksb');
  });

  it('ranks a title match above a description match', async () => {
    const r = await search('arkiv');
    // The first hits have "arkiv" in their name; services that only mention archives in the text come later.
    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/services/${r.items[0]!.slug}` });
    expect(detail.json().name.toLowerCase()).toContain('arkiv');
    expect(r.total).toBeGreaterThan(3);
  });

  it('finds a provider’s services by its name', async () => {
    const r = await search('Norsk Helsenett', 100);
    expect(r.items.every((i) => i.provider.slug === 'norsk-helsenett')).toBe(true);
    expect(r.total).toBeGreaterThanOrEqual(15);
  });

  it('holds more than 120 services, facets count them all', async () => {
    const r = (await t.app.inject({ method: 'GET', url: '/api/v1/services?limit=1' })).json();
    expect(r.total).toBeGreaterThan(120);
    const byModel = r.facets.model.reduce((n: number, f: { count: number }) => n + f.count, 0);
    expect(byModel).toBe(r.total);
  });
  it.each([
    ['lonn', 'lønn'],
    ['losninger', 'løsninger'],
    ['innkjop', 'innkjøp'],
    ['loenn', 'lønn'],
    ['lonnstjenester', 'lønnstjenester'],
  ])('"%s" (æ/ø/å folded) finds what "%s" finds, in the same order', async (plain, norwegian) => {
    const [a, b] = await Promise.all([search(plain, 100), search(norwegian, 100)]);
    expect(b.total).toBeGreaterThan(0);
    expect(a.items.map((i) => i.slug)).toEqual(b.items.map((i) => i.slug));
    expect(a.fuzzy).toBe(false);
  });

  it('"arkivtjenester" finds archive services by stemming, not by similarity', async () => {
    const r = await search('arkivtjenester');
    expect(r.fuzzy).toBe(false);
    expect(r.items[0]!.area.slug).toBe('arkiv-og-dokumentforvaltning');
  });

  it('ranks an exact title match above a stemmed one', async () => {
    const r = await search('lønn', 100);
    const names = await Promise.all(r.items.slice(0, 3).map(async (i) => (await t.app.inject({ method: 'GET', url: `/api/v1/services/${i.slug}` })).json().name as string));
    expect(names.every((n) => n.toLowerCase().includes('lønn'))).toBe(true);
  });

  it.each(['lonstjenester', 'lønnstjenestr'])('a typo ("%s") finds the close matches only, not every "-tjenester"', async (q) => {
    const r = await search(q, 100);
    expect(r.fuzzy).toBe(true);
    expect(r.items[0]!.slug).toBe('dfo-lonn');
    expect(r.items.map((i) => i.slug)).not.toContain('dss-fellesbibliotek');
    expect(r.total).toBeLessThanOrEqual(3);
  });

  it('folds æ/ø/å and the aa/oe/ae spellings alike in the database', async () => {
    const rows = await queryRows<{ a: string; b: string }>(t.database.db, sql`select fold_search('Årsverk Ærlig Løsning') as a, fold_search('aarsverk aerlig loesning') as b`);
    expect(rows[0]).toEqual({ a: 'arsverk aerlig losning', b: 'arsverk aerlig losning' });
  });

  it('the catalogue page sorts a search by relevance even when the form still says A–Å', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/tjenester?q=${encodeURIComponent('lønnstjenester')}` });
    expect(res.statusCode).toBe(200);
    const first = /<a[^>]+href="\/tjenester\/([a-z0-9-]+)"/.exec(res.body.slice(res.body.indexOf('catalogue__results')));
    expect(first?.[1]).toBe('dfo-lonn');
    // The sort field offers "best match" as its default, so submitting a new search from the form does not keep A–Å.
    expect(res.body).toMatch(/<option value="" selected[^>]*>/);
  });
});
