import { asc, eq, sql } from 'drizzle-orm';
import { DELIVERY_MODELS, type Language, type LocalizedText } from '../../domain/catalogue.js';
import { pickText } from '../../domain/catalogue.js';
import type { Executor } from '../../db/database.js';
import { areas, providers, services } from '../../db/schema/index.js';
import { norwegianCollator } from '../../web/i18n/index.js';
import { sortByName } from '../shared/present.js';
import { serviceLinkColumns } from '../shared/queries.js';

/** Every area in its own order, with the number of services in it. */
export async function listAreas(db: Executor) {
  return db
    .select({ slug: areas.slug, name: areas.name, description: areas.description, gapArea: areas.gapArea, count: sql<number>`count(${services.id})::int` })
    .from(areas)
    .leftJoin(services, eq(services.areaSlug, areas.slug))
    .groupBy(areas.slug)
    .orderBy(asc(areas.sortOrder), asc(areas.slug));
}

export type AreaSummary = Awaited<ReturnType<typeof listAreas>>[number];

/**
 * One area with its services (sorted by delivery model in the vocabulary's order, then by name in the language)
 * and the providers that offer them (by name, with how many services each has in the area).
 */
export async function getAreaDetail(db: Executor, slug: string, lang: Language) {
  const [area] = await db.select().from(areas).where(eq(areas.slug, slug)).limit(1);
  if (!area) return undefined;
  const rows = await db
    .select({
      ...serviceLinkColumns,
      model: services.model,
      provider: { slug: providers.slug, name: providers.name, shortName: providers.shortName },
    })
    .from(services)
    .innerJoin(providers, eq(providers.id, services.providerId))
    .where(eq(services.areaSlug, slug));
  const modelOrder = (m: string) => DELIVERY_MODELS.indexOf(m as never);
  rows.sort((a, b) => modelOrder(a.model) - modelOrder(b.model) || norwegianCollator.compare(pickText(a.name, lang).text, pickText(b.name, lang).text));
  const byProvider = new Map<string, { slug: string; name: LocalizedText; shortName: string | null; serviceCount: number }>();
  for (const r of rows) {
    const p = byProvider.get(r.provider.slug) ?? { ...r.provider, serviceCount: 0 };
    p.serviceCount += 1;
    byProvider.set(r.provider.slug, p);
  }
  return { area, services: rows, providers: sortByName([...byProvider.values()], lang) };
}

export type AreaDetail = NonNullable<Awaited<ReturnType<typeof getAreaDetail>>>;
