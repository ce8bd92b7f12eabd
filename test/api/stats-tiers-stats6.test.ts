/**
 * Issue 16 (the adoption page at 10 × scale): the tier counts are read for the services with tiers of a filter (area,
 * provider, ids) through the service index instead of filtering every subscription against a list of every service
 * id, and the page's provider choices come from a query of their own. This checks both against the register counted
 * row by row here: tiers and addons, rows without a tier, ended and future rows, services without tiers. Both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscriptions } from '../../src/db/schema/index.js';
import { prng } from '../../src/domain/random.js';
import { listServiceProviders, listServiceRows, type ServiceFilter, tierCounts } from '../../src/resources/stats/queries.js';
import { tierReport, tierRows } from '../../src/resources/stats/reports.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { createAgency, createArea, createProvider, createService, createTier } from '../support/factories.js';

const TODAY = '2026-06-15';
let rand = prng(6);

interface Service {
  id: string;
  area: string;
  provider: string;
  tiers: { id: string; kind: 'tier' | 'addon'; slug: string }[];
}
interface Row {
  orgnr: string;
  serviceId: string;
  tierId: string | null;
  startedOn: string | null;
  endedOn: string | null;
}

describe.each(testEngines())('tier counts by filter and the providers with services on %s', (engine) => {
  let t: TestApp;
  const serviceList: Service[] = [];
  const rows: Row[] = [];

  beforeAll(async () => {
    rand = prng(6);
    t = await createTestApp(engine, { seed: 'empty' });
    const db = t.database.db;
    const areas = [(await createArea(db)).slug, (await createArea(db)).slug];
    const made = [await createProvider(db), await createProvider(db), await createProvider(db)];
    const providers = made.map((p) => p.slug);
    const ids = new Map(made.map((p) => [p.slug, p.id]));
    // The third provider has no services: it is not one of the filter's choices.
    for (let i = 0; i < 12; i++) {
      const area = areas[i % 2]!;
      const provider = providers[i % 3 === 2 ? 0 : i % 3]!;
      const s = await createService(db, { providerId: ids.get(provider)!, areaSlug: area });
      const tiers: Service['tiers'] = [];
      // Services 0–7 have tiers (and some an addon); 8–11 none.
      if (i < 8) for (const [k, kind] of (['tier', 'tier', i % 3 ? 'tier' : 'addon'] as const).entries()) tiers.push({ id: (await createTier(db, { serviceId: s.id, slug: `t${k}`, kind, sortOrder: k })).id, kind, slug: `t${k}` });
      serviceList.push({ id: s.id, area, provider, tiers });
    }
    const agencies = [];
    for (let i = 0; i < 30; i++) agencies.push((await createAgency(db)).orgnr);
    for (const orgnr of agencies) {
      for (const s of serviceList) {
        if (rand() < 0.4) continue;
        const r = rand();
        const tierId = s.tiers.length && rand() < 0.8 ? s.tiers[Math.floor(rand() * s.tiers.length)]!.id : null;
        if (r < 0.6) rows.push({ orgnr, serviceId: s.id, tierId, startedOn: rand() < 0.1 ? null : '2020-01-01', endedOn: null });
        else if (r < 0.75) rows.push({ orgnr, serviceId: s.id, tierId, startedOn: '2018-01-01', endedOn: '2022-12-31' });
        else if (r < 0.85) rows.push({ orgnr, serviceId: s.id, tierId, startedOn: '2027-01-01', endedOn: null });
        else {
          // A tier change that runs into the future beside the row after it.
          rows.push({ orgnr, serviceId: s.id, tierId, startedOn: '2019-01-01', endedOn: '2026-12-31' });
          rows.push({ orgnr, serviceId: s.id, tierId: s.tiers[0]?.id ?? null, startedOn: '2026-01-01', endedOn: null });
        }
      }
    }
    await db.insert(subscriptions).values(rows.map((r) => ({ agencyOrgnr: r.orgnr, serviceId: r.serviceId, tierId: r.tierId, startedOn: r.startedOn, endedOn: r.endedOn })));
  });
  afterAll(async () => t?.close());

  /** Active rows per (service, tier or null) of the services with tiers the filter selects; addon rows left out. */
  function expected(only: (s: Service) => boolean) {
    const counts = new Map<string, number>();
    for (const r of rows) {
      const s = serviceList.find((x) => x.id === r.serviceId)!;
      if (!only(s) || !s.tiers.some((x) => x.kind === 'tier')) continue;
      if ((r.startedOn !== null && r.startedOn > TODAY) || (r.endedOn !== null && r.endedOn < TODAY)) continue;
      const tier = s.tiers.find((x) => x.id === r.tierId);
      if (tier?.kind === 'addon') continue;
      const key = `${s.id}|${tier?.id ?? null}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts].map(([k, n]) => `${k}|${n}`).sort();
  }
  const tierIdOf = (serviceId: string, slug: string | undefined) => serviceList.find((s) => s.id === serviceId)!.tiers.find((x) => x.slug === slug)?.id ?? null;

  it('tier counts for every service, an area, a provider and a list of services equal the rows counted one by one', async () => {
    const db = t.database.db;
    const cases: [ServiceFilter, (s: Service) => boolean][] = [
      [{}, () => true],
      [{ area: serviceList[1]!.area }, (s) => s.area === serviceList[1]!.area],
      [{ provider: serviceList[1]!.provider }, (s) => s.provider === serviceList[1]!.provider],
      [{ ids: [serviceList[0]!.id, serviceList[3]!.id, serviceList[9]!.id] }, (s) => [0, 3, 9].some((i) => serviceList[i]!.id === s.id)],
      [{ area: serviceList[0]!.area, provider: serviceList[1]!.provider }, (s) => s.area === serviceList[0]!.area && s.provider === serviceList[1]!.provider],
    ];
    for (const [f, only] of cases) {
      const got = await tierCounts(db, TODAY, f);
      const mine = got.map((c) => `${c.serviceId}|${tierIdOf(c.serviceId, c.tier?.slug)}|${c.count}`).sort();
      expect(mine, JSON.stringify(f)).toEqual(expected(only));
    }
    expect(expected(() => true).length).toBeGreaterThan(10);
  });

  it('tier rows from the counts of a filter equal the tier report of its services, in their order', async () => {
    const db = t.database.db;
    const f = { area: serviceList[0]!.area };
    const services = (await listServiceRows(db, f)).reverse();
    expect(tierRows(services, await tierCounts(db, TODAY, f))).toEqual(await tierReport(db, TODAY, services));
    expect((await tierReport(db, TODAY, services)).length).toBeGreaterThan(2);
  });

  it('the providers with services are those of the services, each once', async () => {
    const db = t.database.db;
    const fromServices = new Map((await listServiceRows(db)).map((s) => [s.provider.slug, s.provider]));
    const got = await listServiceProviders(db);
    expect(got.map((p) => p.slug).sort()).toEqual([...fromServices.keys()].sort());
    expect(got).toEqual(expect.arrayContaining([...fromServices.values()]));
    expect(got).toHaveLength(2);
  });
});
