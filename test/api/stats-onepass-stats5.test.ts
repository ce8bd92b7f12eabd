/**
 * Issue 16 (statistics at 10 × scale): the coverage counts, the usage by size class and the customers over time are
 * computed in one pass per agency (bits packed per agency, FILTER columns per key) instead of grouping per
 * (agency, area). This checks them against the same figures counted here, row by row, from a generated register
 * with every case the packing must survive: more areas than fit in one packed word (four bits × 15 areas), all four
 * delivery models, in-house declarations (in force, ended, future, in areas without subscriptions), overlapping rows
 * of one pair, future and past ends, undated starts, deleted and unsized agencies, and trends of up to 62 points
 * (the highest bit of the bigint masks). Both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '../../src/db/database.js';
import { agencyInHouseAreas, subscriptions } from '../../src/db/schema/index.js';
import { DELIVERY_MODELS, type DeliveryModel, type OrganisationKind, type TargetGroup } from '../../src/domain/catalogue.js';
import { type CoverageGroupCount, MODEL_BIT } from '../../src/domain/coverage.js';
import { eligibilityOf, ministryAreaOf } from '../../src/domain/eligibility.js';
import { prng } from '../../src/domain/random.js';
import { REPORT_SIZE_THRESHOLDS as th, SIZE_CLASSES, sizeClassOf, type SizeClass } from '../../src/domain/sizeClass.js';
import { trendPoints } from '../../src/domain/trends.js';
import { coverageGroups, customersOverTime, customerTrends, MAX_TREND_POINTS, type PopulationFilter, usageBy } from '../../src/resources/stats/queries.js';
import { trendBreakdown, trendReport, trendReports } from '../../src/resources/stats/reports.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { createAgency, createArea, createProvider, createService } from '../support/factories.js';

const TODAY = '2026-06-15';
/** The same register on both engines: the generator restarts in each beforeAll. */
let rand = prng(16);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
const day = (y: number, m = 1 + Math.floor(rand() * 12), d = 1 + Math.floor(rand() * 28)) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

interface Agency {
  orgnr: string;
  kind: OrganisationKind;
  ministryOrgnr: string | null;
  employees: number | null;
  deletedOn: string | null;
}
interface Service {
  id: string;
  area: string;
  model: DeliveryModel;
  providerSlug: string;
  targetGroup: TargetGroup;
  targetMinistryOrgnr: string | null;
}
interface Row {
  orgnr: string;
  serviceId: string;
  startedOn: string | null;
  endedOn: string | null;
}

const runsOn = (r: { startedOn: string | null; endedOn: string | null }, d: string) => (r.startedOn === null || r.startedOn <= d) && (r.endedOn === null || r.endedOn >= d);

describe.each(testEngines())('statistics counted in one pass per agency equal the rows counted one by one on %s', (engine) => {
  let t: TestApp;
  const areas: string[] = [];
  const agencyList: Agency[] = [];
  const serviceList: Service[] = [];
  const rows: Row[] = [];
  const inHouse: { orgnr: string; area: string; declaredOn: string; endedOn: string | null }[] = [];

  beforeAll(async () => {
    rand = prng(16);
    t = await createTestApp(engine, { seed: 'empty' });
    const db = t.database.db;
    // 18 areas: two packed words of coverage bits.
    for (let i = 0; i < 18; i++) areas.push((await createArea(db, { slug: `a${String(i).padStart(2, '0')}-${i % 3 ? 'x' : 'y'}` })).slug);
    const ministries: Agency[] = [];
    for (let i = 0; i < 3; i++) {
      const a = await createAgency(db, { kind: 'ministry', employees: 300 });
      ministries.push({ orgnr: a.orgnr, kind: 'ministry', ministryOrgnr: null, employees: 300, deletedOn: null });
    }
    agencyList.push(...ministries);
    const kinds: OrganisationKind[] = ['agency', 'agency', 'agency', 'other', 'municipality', 'county', 'state_enterprise'];
    const sizes = [null, 0, 10, 49, 50, 120, 150, 151, 180, 200, 201, 5000];
    for (let i = 0; i < 45; i++) {
      const kind = pick(kinds);
      const ministryOrgnr = kind === 'agency' || kind === 'other' ? (rand() < 0.85 ? pick(ministries).orgnr : null) : null;
      const employees = pick(sizes);
      const deletedOn = rand() < 0.1 ? '2022-03-31' : null;
      const a = await createAgency(db, { kind, ministryOrgnr, employees, deletedOn });
      agencyList.push({ orgnr: a.orgnr, kind, ministryOrgnr, employees, deletedOn });
    }
    const providers: { model: DeliveryModel; slug: string; id: string }[] = [];
    for (const model of DELIVERY_MODELS) {
      const p = await createProvider(db, { model });
      providers.push({ model, slug: p.slug, id: p.id });
    }
    const groups: TargetGroup[] = ['all_state', 'state_and_municipal', 'sector', 'group', 'by_agreement'];
    for (let i = 0; i < 70; i++) {
      const p = pick(providers);
      const targetGroup = pick(groups);
      const targetMinistryOrgnr = targetGroup === 'sector' && rand() < 0.8 ? pick(ministries).orgnr : null;
      // Areas 16 and 17 (the second word) and area 0 always get services.
      const area = i < 3 ? areas[[0, 16, 17][i]!]! : pick(areas.slice(0, 15));
      const s = await createService(db, { providerId: p.id, areaSlug: area, model: p.model, targetGroup, targetMinistryOrgnr });
      serviceList.push({ id: s.id, area, model: p.model, providerSlug: p.slug, targetGroup, targetMinistryOrgnr });
    }
    for (const a of agencyList) {
      // The first ministry uses the services of areas 16 and 17 (the second packed word) today.
      const mine = new Set<number>(a === agencyList[0] ? [1, 2] : []);
      for (const i of mine) rows.push({ orgnr: a.orgnr, serviceId: serviceList[i]!.id, startedOn: '2020-01-01', endedOn: null });
      const n = 2 + Math.floor(rand() * 14);
      const given = mine.size;
      while (mine.size < given + n) mine.add(Math.floor(rand() * serviceList.length));
      for (const i of [...mine].slice(given)) {
        const s = serviceList[i]!;
        const r = rand();
        const start = rand() < 0.08 ? null : day(1995 + Math.floor(rand() * 32));
        const after = (y: number) => {
          const end = day(Math.max(y, Number((start ?? '1990').slice(0, 4))) + Math.floor(rand() * 4));
          return start && end < start ? start : end;
        };
        if (r < 0.5) rows.push({ orgnr: a.orgnr, serviceId: s.id, startedOn: start, endedOn: null });
        else if (r < 0.7) rows.push({ orgnr: a.orgnr, serviceId: s.id, startedOn: start, endedOn: after(2000) });
        else if (r < 0.8) rows.push({ orgnr: a.orgnr, serviceId: s.id, startedOn: start, endedOn: after(2027) }); // ends in the future
        else {
          // Two rows of one pair that overlap (an ended row running into today beside the open one, or two closed ones).
          rows.push({ orgnr: a.orgnr, serviceId: s.id, startedOn: day(2010), endedOn: day(2028) });
          rows.push({ orgnr: a.orgnr, serviceId: s.id, startedOn: day(2015), endedOn: rand() < 0.5 ? null : day(2029) });
        }
      }
      for (let k = 0; k < 3; k++) {
        if (rand() < 0.5) continue;
        const area = pick(areas);
        const declaredOn = rand() < 0.15 ? '2026-09-01' : day(2012 + Math.floor(rand() * 10));
        const endedOn = rand() < 0.3 ? day(2023) : null;
        if (inHouse.some((h) => h.orgnr === a.orgnr && h.area === area)) continue;
        inHouse.push({ orgnr: a.orgnr, area, declaredOn, endedOn: endedOn && endedOn < declaredOn ? declaredOn : endedOn });
      }
    }
    await db.insert(subscriptions).values(rows.map((r) => ({ agencyOrgnr: r.orgnr, serviceId: r.serviceId, startedOn: r.startedOn, endedOn: r.endedOn })));
    await db.insert(agencyInHouseAreas).values(inHouse.map((h) => ({ agencyOrgnr: h.orgnr, areaSlug: h.area, declaredOn: h.declaredOn, endedOn: h.endedOn })));
  });
  afterAll(async () => t?.close());

  const serviceOf = (id: string) => serviceList.find((s) => s.id === id)!;
  const agencyOf = (orgnr: string) => agencyList.find((a) => a.orgnr === orgnr)!;

  /** Per (area, model set, in-house) for the population on the day, counted agency by agency. */
  function expectedCoverage(f: PopulationFilter, d: string): CoverageGroupCount[] {
    const pop = agencyList.filter(
      (a) => !a.deletedOn && f.kinds.includes(a.kind) && (!f.ministry || ministryAreaOf(a) === f.ministry) && (!f.sizes || f.sizes.includes(sizeClassOf(a.employees, th))),
    );
    const counts = new Map<string, CoverageGroupCount>();
    for (const a of pop) {
      for (const area of areas) {
        let mask = 0;
        for (const r of rows) if (r.orgnr === a.orgnr && runsOn(r, d) && serviceOf(r.serviceId).area === area) mask |= MODEL_BIT[serviceOf(r.serviceId).model];
        const own = inHouse.some((h) => h.orgnr === a.orgnr && h.area === area && h.declaredOn <= d && (h.endedOn === null || h.endedOn >= d));
        if (mask === 0 && !own) continue;
        const key = `${area}|${mask}|${own}`;
        const g = counts.get(key) ?? { area, mask, inHouse: own, agencies: 0 };
        g.agencies += 1;
        counts.set(key, g);
      }
    }
    return [...counts.values()];
  }
  const sorted = <T>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();

  it('the generated register has what the packing must survive', () => {
    expect(areas.length).toBeGreaterThan(15);
    expect(inHouse.some((h) => runsOn({ startedOn: h.declaredOn, endedOn: h.endedOn }, TODAY))).toBe(true);
    expect(expectedCoverage({ kinds: ['ministry', 'agency', 'other'] }, TODAY).some((g) => g.area === areas[17] && g.mask !== 0)).toBe(true);
    expect(new Set(expectedCoverage({ kinds: ['ministry', 'agency', 'other'] }, TODAY).map((g) => g.mask)).size).toBeGreaterThan(4);
  });

  it('the subscriptions fall in both halves of the agencies, which stats7 counts apart and adds up', async () => {
    const halves = await queryRows<{ half: number; n: number }>(t.database.db, sql`select hashtext(agency_orgnr) & 1 as half, count(distinct agency_orgnr)::int as n from subscriptions group by 1 order by 1`);
    expect(halves.map((h) => Number(h.half))).toEqual([0, 1]);
    expect(Math.min(...halves.map((h) => Number(h.n)))).toBeGreaterThan(10);
  });

  const populations: [string, () => PopulationFilter][] = [
    ['the state bodies', () => ({ kinds: ['ministry', 'agency', 'other'] })],
    ['one ministry area', () => ({ kinds: ['ministry', 'agency', 'other'], ministry: agencyList[0]!.orgnr })],
    ['municipalities and counties', () => ({ kinds: ['municipality', 'county'] })],
    ['every kind, two size classes', () => ({ kinds: ['ministry', 'agency', 'state_enterprise', 'company', 'municipality', 'county', 'other'], sizes: ['small', 'unknown'] })],
  ];
  for (const [label, f] of populations) {
    it(`coverage groups: ${label}, today and on two past days`, async () => {
      for (const d of [TODAY, '2016-03-01', '2024-12-31']) {
        const got = await coverageGroups(t.database.db, f(), th, d);
        expect(sorted(got), `${label} on ${d}`).toEqual(sorted(expectedCoverage(f(), d)));
      }
    });
  }

  it('usage by size class: distinct users and eligible users per service and class', async () => {
    for (const d of [TODAY, '2019-06-30']) {
      const want = new Map<string, { users: Set<string>; eligible: Set<string> }>();
      for (const r of rows) {
        if (!runsOn(r, d)) continue;
        const a = agencyOf(r.orgnr);
        const key = `${r.serviceId}|${sizeClassOf(a.employees, th)}`;
        const e = want.get(key) ?? { users: new Set(), eligible: new Set() };
        e.users.add(a.orgnr);
        if (eligibilityOf(a, serviceOf(r.serviceId)) === 'yes') e.eligible.add(a.orgnr);
        want.set(key, e);
      }
      const got = await usageBy(t.database.db, 'size', th, d);
      expect(sorted(got), d).toEqual(sorted([...want].map(([k, v]) => ({ serviceId: k.split('|')[0]!, key: k.split('|')[1]! as SizeClass, users: v.users.size, eligibleUsers: v.eligible.size }))));
      expect(got.every((u) => (SIZE_CLASSES as readonly string[]).includes(String(u.key)))).toBe(true);
    }
  });

  /** Distinct agencies with a dated subscription running on each point, per key; only keys with a customer at some point. */
  function expectedTrend(points: readonly string[], keyOf: (r: Row) => string, only: (s: Service) => boolean = () => true) {
    const out: { date: string; key: string; customers: number }[] = [];
    const keys = new Set(rows.filter((r) => r.startedOn && only(serviceOf(r.serviceId))).map(keyOf));
    for (const key of keys) {
      const counts = points.map((p) => new Set(rows.filter((r) => r.startedOn && only(serviceOf(r.serviceId)) && keyOf(r) === key && runsOn(r, p)).map((r) => r.orgnr)).size);
      if (counts.some((n) => n > 0)) points.forEach((date, i) => out.push({ date, key, customers: counts[i]! }));
    }
    return out;
  }
  const yearly = trendPoints(1996, TODAY).map((p) => p.date);
  // 62 points, one a half year from 1996: every bit of the masks in use.
  const many = Array.from({ length: MAX_TREND_POINTS }, (_, i) => `${1996 + Math.floor(i / 2)}-${i % 2 ? '12-31' : '06-30'}`);
  const byKey = {
    area: (r: Row) => serviceOf(r.serviceId).area,
    service: (r: Row) => r.serviceId,
    model: (r: Row) => serviceOf(r.serviceId).model,
    size: (r: Row) => sizeClassOf(agencyOf(r.orgnr).employees, th),
  } as const;

  for (const by of ['area', 'service', 'model', 'size'] as const) {
    it(`customers over time by ${by}: yearly and 62 points, unfiltered and by area or provider`, async () => {
      expect(many).toHaveLength(MAX_TREND_POINTS);
      for (const points of [yearly, many]) {
        const got = await customersOverTime(t.database.db, points, by, {}, th);
        expect(sorted(got), `${by}, ${points.length} points`).toEqual(sorted(expectedTrend(points, byKey[by])));
      }
      const area = areas[0]!;
      const inArea = await customersOverTime(t.database.db, yearly, by, { area }, th);
      expect(sorted(inArea), `${by} in ${area}`).toEqual(sorted(expectedTrend(yearly, byKey[by], (s) => s.area === area)));
      const provider = serviceList[5]!.providerSlug;
      const ofProvider = await customersOverTime(t.database.db, yearly, by, { provider }, th);
      expect(sorted(ofProvider), `${by} of ${provider}`).toEqual(sorted(expectedTrend(yearly, byKey[by], (s) => s.providerSlug === provider)));
      const ids = serviceList.slice(10, 30).map((s) => s.id);
      const ofIds = await customersOverTime(t.database.db, yearly, by, { ids }, th);
      expect(sorted(ofIds), `${by} of 20 services`).toEqual(sorted(expectedTrend(yearly, byKey[by], (s) => ids.includes(s.id))));
    });
  }

  // stats6: the trends page's three counts in one pass equal the three counted apart, and the rows counted one by one.
  for (const by of ['area', 'service'] as const) {
    it(`customerTrends by ${by}, model and size in one pass equal customersOverTime's three: yearly and 62 points, filtered`, async () => {
      const db = t.database.db;
      const filters = [{}, { area: areas[0]! }, { area: areas[16]! }, { provider: serviceList[5]!.providerSlug }, { ids: serviceList.slice(10, 30).map((s) => s.id) }];
      for (const points of [yearly, many]) {
        for (const f of filters) {
          const got = await customerTrends(db, points, by, f, th);
          const label = `${by}, ${points.length} points, ${JSON.stringify(f)}`;
          expect(sorted(got.byKey), label).toEqual(sorted(await customersOverTime(db, points, by, f, th)));
          expect(sorted(got.byModel), label).toEqual(sorted(await customersOverTime(db, points, 'model', f, th)));
          expect(sorted(got.bySize), label).toEqual(sorted(await customersOverTime(db, points, 'size', f, th)));
        }
      }
      // And against the rows counted one by one, unfiltered (the keys of the second packed word included).
      const all = await customerTrends(db, yearly, by, {}, th);
      expect(sorted(all.byKey)).toEqual(sorted(expectedTrend(yearly, byKey[by])));
      expect(sorted(all.byModel)).toEqual(sorted(expectedTrend(yearly, byKey.model)));
      expect(sorted(all.bySize)).toEqual(sorted(expectedTrend(yearly, byKey.size)));
      if (by === 'service') expect(new Set(all.byKey.map((c) => c.key)).size).toBeGreaterThan(16);
    });
  }

  it('trendReports equals trendReport and trendBreakdown by size and by model', async () => {
    const db = t.database.db;
    for (const [by, f, from] of [['area', {}, undefined], ['service', { area: areas[1]! }, 2001], ['service', { provider: serviceList[5]!.providerSlug }, undefined]] as const) {
      const got = await trendReports(db, TODAY, by, f, th, from);
      expect(got.trend).toEqual(await trendReport(db, TODAY, by, f, from));
      expect(got.bySize).toEqual(await trendBreakdown(db, TODAY, 'size', f, th, from));
      expect(got.byModel).toEqual(await trendBreakdown(db, TODAY, 'model', f, th, from));
      expect(got.trend.series.some((x) => x.values.some((v) => v > 0))).toBe(true);
    }
  });
});
