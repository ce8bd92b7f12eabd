import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { fragmentStats } from '../../src/web/fragments.js';
import { catalogueVersion } from '../../src/db/readCache.js';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';

/**
 * An anonymous search page is filled in from markup rendered once per language, catalogue version and what the page
 * shows (src/web/slot.ts); a page rendered per request (signed in, or PAGE_TEMPLATES=false) reuses its results and
 * facets the same way (src/web/fragments.ts, issue 16). Either way only the query differs between two such pages.
 */
describe.each(testEngines())('search pages reused across queries on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });
  /** Each test with templates on unless it turns them off. */
  beforeEach(() => {
    t.config.pageTemplates = true;
  });

  // A cookie keeps the whole-page cache out of the way (src/server/pageCache.ts): every request reaches the route.
  const page = async (url: string) => {
    const res = await t.app.inject({ url, headers: { cookie: 'seen=1' } });
    expect(res.statusCode, url).toBe(200);
    return res.body;
  };
  const resultsOf = (html: string) => html.match(/<ol class="result-list">([\s\S]*?)<\/ol>/)?.[1] ?? '';
  const facetsOf = (html: string) => (html.match(/<fieldset class="facet">[\s\S]*?<\/fieldset>/g) ?? []).join('');
  const titleOf = (html: string) => html.match(/<h1[^>]*>([^<]*)<\/h1>/)?.[1];

  const lookups = async (url: string) => {
    const before = { ...fragmentStats };
    const html = await page(url);
    return { html, hits: fragmentStats.hits - before.hits, misses: fragmentStats.misses - before.misses };
  };

  it('a template filled in is the page rendered for the query, byte for byte, for awkward queries too', async () => {
    const urls = [
      '/tjenester?q=l%C3%B8nn%2021',
      '/tjenester?q=l%C3%B8nn',
      '/nn/tjenester?q=rekneskap&sort=name',
      '/en/tjenester?q=payroll&provider=dfo',
      '/tjenester?provider=dfo&q=l%C3%B8nn+22&model=central',
      '/tjenester?q=%22%3Cb%3E%26amp%3B%27%3C%2Fb%3E',
      '/tjenester?q=50%25+%2B+%24%26+%241',
      '/tjenester?q=%25EE%2580%2580%25EE%2580%2581',
      '/tjenester?q=%F0%9F%99%82&sort=changed',
      '/tjenester?q=a&page=1',
      '/tjenester?q=ikkeenordsomfinnes',
      '/tjenester?q=+l%C3%B8nn+',
      '/tjenester?q=+++',
    ];
    for (const url of urls) {
      t.config.pageTemplates = true;
      await page(url);
      const filled = await lookups(url);
      // Asked again, the page is one lookup: its template (spaces alone are no query: no template).
      expect([filled.hits, filled.misses], url).toEqual(url.endsWith('q=+++') ? [2, 0] : [1, 0]);
      t.config.pageTemplates = false;
      expect(await page(url), url).toBe(filled.html);
    }
  });

  it('a query holding a private-use character is rendered the usual way', async () => {
    const { html: privateUse, hits, misses } = await lookups('/tjenester?q=l%C3%B8nn%EE%80%80');
    // The results and the facets, no template.
    expect(hits + misses).toBe(2);
    expect(privateUse).toContain('value="lønn\uE000"');
    expect(privateUse).toContain('«lønn\uE000»');
  });

  it('two queries showing the same services share their markup, and each page carries its own words', async () => {
    const first = await page('/tjenester?q=l%C3%B8nn%205');
    const { html: second, hits, misses } = await lookups('/tjenester?q=l%C3%B8nn%207');
    expect([hits, misses]).toEqual([1, 0]);
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
