import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { fragmentStats } from '../../src/web/fragments.js';
import { catalogueVersion } from '../../src/db/readCache.js';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';

/**
 * The search page's results and facets are rendered once per language, catalogue version and what they show, and
 * reused by other queries (src/web/fragments.ts, issue 16); the parts that carry the query are rendered per request.
 */
describe.each(testEngines())('search page parts reused across queries on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });

  const page = async (url: string) => {
    const res = await t.app.inject({ url });
    expect(res.statusCode, url).toBe(200);
    return res.body;
  };
  const resultsOf = (html: string) => html.match(/<ol class="result-list">([\s\S]*?)<\/ol>/)?.[1] ?? '';
  const facetsOf = (html: string) => (html.match(/<fieldset class="facet">[\s\S]*?<\/fieldset>/g) ?? []).join('');
  const titleOf = (html: string) => html.match(/<h1[^>]*>([^<]*)<\/h1>/)?.[1];

  it('two queries showing the same services share their markup, and each page carries its own words', async () => {
    const first = await page('/tjenester?q=l%C3%B8nn%205');
    const before = { ...fragmentStats };
    const second = await page('/tjenester?q=l%C3%B8nn%207');
    expect(fragmentStats.hits - before.hits).toBe(2);
    expect(fragmentStats.misses - before.misses).toBe(0);
    expect(resultsOf(first)).toContain('Lønnstjenester');
    expect(resultsOf(second)).toBe(resultsOf(first));
    expect(facetsOf(first)).toContain('name="provider" value="dfo"');
    expect(facetsOf(second)).toBe(facetsOf(first));
    expect(titleOf(first)).toContain('«lønn 5»');
    expect(titleOf(second)).toContain('«lønn 7»');
    expect(second).toContain('value="lønn 7"');
    expect(second).not.toContain('lønn 5');
  });

  it('a chosen filter is a different set of facets: its box is ticked', async () => {
    const plain = await page('/tjenester?q=l%C3%B8nn%209');
    const filtered = await page('/tjenester?q=l%C3%B8nn%209&provider=dfo');
    expect(facetsOf(plain)).not.toContain('checked');
    expect(facetsOf(filtered)).toContain('checked');
    expect(resultsOf(filtered)).not.toBe(resultsOf(plain));
  });

  it('each language has its own markup', async () => {
    const nb = await page('/tjenester?q=l%C3%B8nn%2011');
    const en = await page('/en/tjenester?q=l%C3%B8nn%2011');
    expect(resultsOf(en)).toContain('href="/en/tjenester/');
    expect(resultsOf(nb)).not.toContain('href="/en/');
    expect(facetsOf(en)).not.toBe(facetsOf(nb));
  });

  it('a change to the catalogue shows at once: nothing is reused from before it', async () => {
    const before = await page('/tjenester?q=l%C3%B8nn%2013');
    expect(resultsOf(before)).toContain('Lønnstjenester');
    const version = await catalogueVersion(t.database.db);
    await t.database.db.execute(sql`update services set name = jsonb_set(name, '{nb}', '"Lønnstjenester Kolibri"') where slug = 'dfo-lonn'`);
    for (let i = 0; i < 100 && (await catalogueVersion(t.database.db)) === version; i++) await new Promise((r) => setTimeout(r, 20));
    const after = await page('/tjenester?q=l%C3%B8nn%2013');
    expect(resultsOf(after)).toContain('Lønnstjenester Kolibri');
    // Another query showing the same services, first asked after the change, gets the new markup too.
    expect(resultsOf(await page('/tjenester?q=l%C3%B8nn%2015'))).toContain('Lønnstjenester Kolibri');
  });
});
