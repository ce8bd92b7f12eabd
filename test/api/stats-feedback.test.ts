/**
 * The statistics' satisfaction and gains page shows exactly what the surveys' public results and the services' gains
 * say through their own API: every closed survey (the anonymity rule applied), every gain indicator with its latest
 * result against the baseline, downloadable as CSV.
 */
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { expectHtmlPage, tableRows } from '../support/expectations.js';

const nb = (n: number) => new Intl.NumberFormat('nb-NO').format(n).replace(/\s+/g, ' ');

describe.each(testEngines())('satisfaction and gains statistics on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });

  it('shows every closed survey’s public means and every gain indicator as the APIs give them', async () => {
    const html = expectHtmlPage(await t.app.inject({ url: '/statistikk/tilfredshet-og-gevinster' }), 'nb');
    const satisfaction = tableRows(html, 'table-tilfredshet').slice(1);
    const closed = ((await t.app.inject({ url: '/api/v1/surveys?window=closed' })).json() as { items: { id: string; title: string }[] }).items;
    expect(closed.length).toBeGreaterThan(0);
    let shownMeans = 0;
    for (const s of closed) {
      const r = (await t.app.inject({ url: `/api/v1/surveys/${s.id}/results?view=public` })).json() as { tooFew: boolean; questions: { label: string; n: number; mean: number | null }[] };
      const mine = satisfaction.filter((row) => row[0] === s.title);
      expect(mine.length).toBeGreaterThan(0);
      if (r.tooFew) {
        expect(mine).toHaveLength(1);
        expect(mine[0]![3]).toBe('For få svar til å vise resultater');
        continue;
      }
      for (const q of r.questions.filter((x) => x.mean !== null && mine.some((row) => row[3] === x.label))) {
        const row = mine.find((x) => x[3] === q.label)!;
        expect(row[4]).toBe(String(q.n));
        expect(row[5]).toBe(nb(q.mean!));
        shownMeans += 1;
      }
    }
    expect(shownMeans).toBeGreaterThan(0);

    const gains = tableRows(html, 'table-gevinster').slice(1);
    const services = [...new Set(gains.map((g) => g[0]))];
    expect(services.length).toBeGreaterThan(0);
    let indicators = 0;
    const slugs = [...html.matchAll(/href="\/tjenester\/([a-z0-9-]+)#gevinster"/g)].map((m) => m[1]!);
    for (const slug of new Set(slugs)) {
      const g = (await t.app.inject({ url: `/api/v1/services/${slug}/gains` })).json() as { indicators: { name: string; baseline: { value: number }; latest: { value: number; ratio: number | null; gain: boolean | null } | null }[] };
      for (const i of g.indicators) {
        const row = gains.find((x) => x[1] === i.name)!;
        expect(row, i.name).toBeDefined();
        expect(row[4]).toBe(nb(i.baseline.value));
        if (i.latest) {
          expect(row[6]).toBe(nb(i.latest.value));
          expect(row[8]).toBe(i.latest.gain === null ? 'Uendret' : i.latest.gain ? 'Gevinst' : 'Tap');
        }
        indicators += 1;
      }
    }
    expect(indicators).toBe(gains.length);

    const csv = await t.app.inject({ url: '/statistikk/tilfredshet-og-gevinster/tabeller/gevinster.csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.body.split('\r\n').filter(Boolean).length).toBeGreaterThan(gains.length); // header (and note) + rows
    const en = expectHtmlPage(await t.app.inject({ url: '/en/statistikk/tilfredshet-og-gevinster' }), 'en');
    expect(en).toContain('Satisfaction and gains');
    expect(expectHtmlPage(await t.app.inject({ url: '/statistikk' }), 'nb')).toContain('href="/statistikk/tilfredshet-og-gevinster"');
  });
});
