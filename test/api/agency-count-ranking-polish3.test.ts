import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { stateAgencyCount } from '../../src/db/agencyCount.js';
import { queryRows } from '../../src/db/database.js';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';

/** The number before a label on a page ("187 statlige virksomheter i registeret"), grouping removed. */
function figureBefore(html: string, label: string): number {
  const m = new RegExp(`<span class="figure">([\\d\\s\\u202f\\u00a0,.]+)</span>(?:<!-- -->)?\\s*(?:<!-- -->)?${label}`).exec(html);
  expect(m, label).not.toBeNull();
  return Number(m![1]!.replace(/[\s\u202f\u00a0,.]/g, ''));
}

describe.each(testEngines())('one agency count, and phased-out services ranked lower, on %s (demo data)', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });

  it.each([
    ['', 'statlige virksomheter i registeret'],
    ['/nn', 'statlege verksemder i registeret'],
    ['/en', 'state agencies in the register'],
  ])('the home page and the statistics (%s) show the same count of state agencies in the register', async (prefix, label) => {
    const n = await stateAgencyCount(t.database.db);
    // The register holds more organisations than that: municipalities, counties, deleted ones.
    const [all] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from agencies`);
    expect(all!.n).toBeGreaterThan(n);
    expect(n).toBeGreaterThan(100);
    expect(figureBefore((await t.app.inject({ url: `${prefix}/` })).body, label)).toBe(n);
    expect(figureBefore((await t.app.inject({ url: `${prefix}/statistikk` })).body, label)).toBe(n);
  });

  it('"lonn" ranks DFØ Lønnstjenester above the phased-out Unit SAP payroll', async () => {
    const res = await t.app.inject({ url: '/api/v1/services?q=lonn&limit=100' });
    const slugs = (res.json() as { items: { slug: string; status: string }[] }).items.map((i) => i.slug);
    expect(slugs).toContain('unit-lonn-og-lonnsnaer-hr');
    expect(slugs.indexOf('dfo-lonn')).toBeGreaterThan(-1);
    expect(slugs.indexOf('dfo-lonn')).toBeLessThan(slugs.indexOf('unit-lonn-og-lonnsnaer-hr'));
    // The page shows the same order.
    const html = (await t.app.inject({ url: '/tjenester?q=lonn' })).body;
    expect(html.indexOf('href="/tjenester/dfo-lonn"')).toBeLessThan(html.indexOf('href="/tjenester/unit-lonn-og-lonnsnaer-hr"'));
    // Searched by its own name, the phased-out service is still found first.
    const own = (await t.app.inject({ url: '/api/v1/services?q=' + encodeURIComponent('lønn og lønnsnær HR SAP') })).json() as { items: { slug: string }[] };
    expect(own.items[0]!.slug).toBe('unit-lonn-og-lonnsnaer-hr');
  });
});
