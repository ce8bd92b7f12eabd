import { asc, eq, inArray } from 'drizzle-orm';
import type { LocalizedText } from '../../domain/catalogue.js';
import type { Executor } from '../../db/database.js';
import { isAdmin, type Principal, providerScopes } from '../../domain/principal.js';
import { cached } from '../../db/readCache.js';
import { agencies, areas, providers, services } from '../../db/schema/index.js';

/** The columns a service link needs (name, status tag, kind tag); spread into a select. */
export const serviceLinkColumns = { slug: services.slug, name: services.name, status: services.status, kind: services.kind };

/** The names of a sorted set of agencies, per catalogue version (agencies are catalogue data). */
const agencyNameRows = cached('agency names', async (db, wanted: string[]) => db.select({ orgnr: agencies.orgnr, name: agencies.name }).from(agencies).where(inArray(agencies.orgnr, wanted)));

/**
 * Names of the agencies with these organisation numbers, as a lookup (null for none or an unknown one). Read through
 * the catalogue's cache: signed-in pages ask it on every view (Min side twice), while agencies seldom change.
 */
export async function agencyNames(db: Executor, orgnrs: readonly (string | null | undefined)[]) {
  const wanted = [...new Set(orgnrs.filter((x): x is string => !!x))].sort();
  const rows = wanted.length ? await agencyNameRows(db, wanted) : [];
  return (orgnr: string | null | undefined): { orgnr: string; name: LocalizedText } | null => (orgnr ? (rows.find((r) => r.orgnr === orgnr) ?? null) : null);
}

/** Every area as a choice (slug and name), in the areas' own order. */
export function areaOptions(db: Executor): Promise<{ slug: string; name: LocalizedText }[]> {
  return db.select({ slug: areas.slug, name: areas.name }).from(areas).orderBy(asc(areas.sortOrder), asc(areas.slug));
}

/** Services as choices (slug and name) by slug: all of them, or those of some providers. */
export function serviceOptions(db: Executor, providerIds?: readonly string[]): Promise<{ slug: string; name: LocalizedText }[]> {
  return db
    .select({ slug: services.slug, name: services.name })
    .from(services)
    .where(providerIds ? inArray(services.providerId, [...providerIds]) : undefined)
    .orderBy(asc(services.slug));
}

/** Providers as choices or links (id, slug, name): all of them, or those with these ids. */
export function providerOptions(db: Executor, ids?: readonly string[]): Promise<{ id: string; slug: string; name: LocalizedText }[]> {
  return db
    .select({ id: providers.id, slug: providers.slug, name: providers.name })
    .from(providers)
    .where(ids ? inArray(providers.id, [...ids]) : undefined);
}

/** The providers someone edits, as choices: all of them for an administrator, else their own (none for others). */
export function editableProviders(db: Executor, p: Principal | undefined): Promise<{ id: string; slug: string; name: LocalizedText }[]> {
  if (isAdmin(p)) return providerOptions(db);
  const ids = providerScopes(p);
  return ids.length ? providerOptions(db, ids) : Promise.resolve([]);
}

/** One provider by slug (id, slug, names), or undefined. */
export async function providerBySlug(db: Executor, slug: string): Promise<{ id: string; slug: string; name: LocalizedText; shortName: string | null } | undefined> {
  const [p] = await db.select({ id: providers.id, slug: providers.slug, name: providers.name, shortName: providers.shortName }).from(providers).where(eq(providers.slug, slug));
  return p;
}

/** Every ministry as a choice (organisation number and name). */
export function ministryOptions(db: Executor): Promise<{ orgnr: string; name: LocalizedText }[]> {
  return db.select({ orgnr: agencies.orgnr, name: agencies.name }).from(agencies).where(eq(agencies.kind, 'ministry'));
}
