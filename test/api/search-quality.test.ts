import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';

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
});
