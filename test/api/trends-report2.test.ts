/**
 * Trends people can read (issue 17, item 6): /statistikk/utvikling and /api/v1/stats/trends by the agency's size
 * class and by the service's delivery model, at any past day (?asOf), checked against the subscription rows
 * counted here independently; the tables download as CSV like every other. Both engines.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { agencies, services, subscriptions } from '../../src/db/schema/index.js';
import { REPORT_SIZE_THRESHOLDS, sizeClassOf } from '../../src/domain/sizeClass.js';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { decode, expectHtmlPage } from '../support/expectations.js';

type Series = { key: string; label: string; values: number[] };

describe.each(testEngines())('trends by size class and delivery model on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });
  let rows: { orgnr: string; employees: number | null; model: string; startedOn: string | null; endedOn: string | null }[];
  beforeAll(async () => {
    rows = await t.database.db
      .select({ orgnr: subscriptions.agencyOrgnr, employees: agencies.employees, model: services.model, startedOn: subscriptions.startedOn, endedOn: subscriptions.endedOn })
      .from(subscriptions)
      .innerJoin(services, eq(services.id, subscriptions.serviceId))
      .innerJoin(agencies, eq(agencies.orgnr, subscriptions.agencyOrgnr));
  });

  /** Distinct agencies with a dated subscription running on the day, per group. */
  const expected = (day: string, groupOf: (r: (typeof rows)[number]) => string) => {
    const groups = new Map<string, Set<string>>();
    for (const r of rows) {
      if (!r.startedOn || r.startedOn > day || (r.endedOn && r.endedOn < day)) continue;
      const g = groupOf(r);
      groups.set(g, (groups.get(g) ?? new Set()).add(r.orgnr));
    }
    return new Map([...groups].map(([k, v]) => [k, v.size]));
  };
  const bySize = (r: (typeof rows)[number]) => sizeClassOf(r.employees, REPORT_SIZE_THRESHOLDS);
  const byModel = (r: (typeof rows)[number]) => r.model;

  for (const asOf of ['2020-12-10', undefined]) {
    it(`counts every point as the rows say${asOf ? `, up to the past day ${asOf}` : ''}`, async () => {
      const res = (await t.app.inject({ url: `/api/v1/stats/trends${asOf ? `?asOf=${asOf}` : ''}` })).json();
      const points = res.points as { date: string }[];
      if (asOf) {
        expect(res.asOf).toBe(asOf);
        expect(points.at(-1)!.date).toBe(asOf);
      }
      expect(res.bySize.length).toBeGreaterThan(2);
      expect(res.byModel.map((s: Series) => s.key)).toEqual(expect.arrayContaining(['central', 'sector']));
      for (const [series, groupOf] of [[res.bySize, bySize], [res.byModel, byModel]] as const) {
        points.forEach((p, i) => {
          const want = expected(p.date, groupOf);
          for (const s of series as Series[]) expect(s.values[i], `${s.key} ${p.date}`).toBe(want.get(s.key) ?? 0);
          // No group with customers is missing.
          for (const [k, n] of want) if (n > 0) expect((series as Series[]).some((s) => s.key === k), k).toBe(true);
        });
      }
      expect(res.bySize.find((s: Series) => s.key === 'large').label).toBe('Stor');
    });
  }

  it('the past day gives the past figure, not today’s', async () => {
    const past = (await t.app.inject({ url: '/api/v1/stats/trends?asOf=2020-12-10' })).json();
    const now = (await t.app.inject({ url: '/api/v1/stats/trends' })).json();
    const central = (r: { byModel: Series[] }) => r.byModel.find((s) => s.key === 'central')!.values.at(-1)!;
    expect(central(past)).toBe(expected('2020-12-10', byModel).get('central'));
    expect(central(past)).not.toBe(central(now));
  });

  it('shows both tables on the page in every language and downloads them', async () => {
    for (const [prefix, lang, size, model] of [['', 'nb', 'Kunder etter virksomhetens størrelse over tid', 'Kunder etter leveransemodell over tid'], ['/nn', 'nn', 'Kundar etter storleiken på verksemda over tid', 'Kundar etter leveransemodell over tid'], ['/en', 'en', 'Customers by agency size over time', 'Customers by delivery model over time']] as const) {
      const html = decode(expectHtmlPage(await t.app.inject({ url: `${prefix}/statistikk/utvikling?asOf=2020-12-10` }), lang));
      expect(html).toContain(size);
      expect(html).toContain(model);
    }
    const csv = await t.app.inject({ url: '/statistikk/utvikling/tabeller/etter-modell.csv?asOf=2020-12-10' });
    expect(csv.statusCode).toBe(200);
    const body = csv.body.replace(/^\uFEFF/, '');
    expect(body).toMatch(/Leveransemodell/);
    const line = body.split(/\r?\n/).find((l) => l.startsWith('Sentral'))!;
    expect(line.split(';').map((x) => x.trim())).toContain(String(expected('2020-12-10', byModel).get('central')));
  });
});
