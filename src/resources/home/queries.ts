import { asc, count, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { agencies, areas, providers, services } from '../../db/schema/index.js';

export async function areaCounts(db: Executor) {
  return db
    .select({ slug: areas.slug, name: areas.name, description: areas.description, gapArea: areas.gapArea, count: sql<number>`count(${services.id})::int` })
    .from(areas)
    .leftJoin(services, eq(services.areaSlug, areas.slug))
    .groupBy(areas.slug)
    .orderBy(asc(areas.sortOrder), asc(areas.slug));
}

export async function catalogueFigures(db: Executor) {
  const [[s], [p], [a]] = await Promise.all([
    db.select({ n: count() }).from(services),
    db.select({ n: count() }).from(providers),
    db.select({ n: count() }).from(agencies).where(sql`${agencies.kind} <> 'municipality' and ${agencies.kind} <> 'county' and ${agencies.deletedOn} is null`),
  ]);
  return { services: s?.n ?? 0, providers: p?.n ?? 0, agencies: a?.n ?? 0 };
}
