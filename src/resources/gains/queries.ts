import { asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { cachedRead } from '../../db/readCache.js';
import { gainIndicators, gainMeasurements, services } from '../../db/schema/index.js';
import { gainSeries } from '../../domain/gains.js';

/**
 * A service's gain indicators, each with its measurements in time order and their change from the baseline.
 * Cached per catalogue version: both tables bump it (migration 0008), since the service page shows them.
 */
export function gainsOfService(db: Executor, serviceId: string) {
  return cachedRead(db, `gains:${serviceId}`, () => loadGains(db, [serviceId]));
}

async function loadGains(db: Executor, serviceIds: string[]) {
  if (serviceIds.length === 0) return [];
  const indicators = await db.select().from(gainIndicators).where(inArray(gainIndicators.serviceId, serviceIds)).orderBy(asc(gainIndicators.sortOrder), asc(gainIndicators.createdAt));
  const ids = indicators.map((i) => i.id);
  const points = ids.length ? await db.select().from(gainMeasurements).where(inArray(gainMeasurements.indicatorId, ids)) : [];
  return indicators.map((i) => {
    const measurements = gainSeries(i, points.filter((p) => p.indicatorId === i.id));
    return { ...i, measurements, latest: measurements.at(-1) ?? null };
  });
}

export type GainIndicatorRow = Awaited<ReturnType<typeof loadGains>>[number];

/** Every service with gain indicators, for the statistics pages (at merge): the service and its indicators. */
export async function allGains(db: Executor) {
  const withGains = await db.selectDistinct({ id: services.id, slug: services.slug, name: services.name }).from(services).innerJoin(gainIndicators, eq(gainIndicators.serviceId, services.id));
  const rows = await loadGains(db, withGains.map((s) => s.id));
  return withGains.map((s) => ({ service: s, indicators: rows.filter((r) => r.serviceId === s.id) }));
}

/** The service whose gains are kept (with its provider, for the edit check), or undefined. */
export async function serviceForGains(db: Executor, slug: string) {
  const [s] = await db.select({ id: services.id, slug: services.slug, name: services.name, providerId: services.providerId }).from(services).where(eq(services.slug, slug));
  return s;
}
