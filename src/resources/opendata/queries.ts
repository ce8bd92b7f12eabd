import { and, eq, inArray, or } from 'drizzle-orm';
import type { LocalizedText, OrganisationKind } from '../../domain/catalogue.js';
import type { Executor } from '../../db/database.js';
import { agencies, areas, providers, servicePrices, serviceRelations, services, subscriptions, tiers } from '../../db/schema/index.js';
import { activeSubscription } from '../services/queries.js';

/** An organisation as the export describes it: by org number when it has one. */
export interface ExportOrganisation {
  orgnr: string | null;
  /** For a provider without an org number: its slug, for a portal URI. */
  providerSlug?: string;
  name: LocalizedText;
  kind: OrganisationKind | null;
  website: string | null;
}

export interface ExportService {
  slug: string;
  service: typeof services.$inferSelect;
  owner: ExportOrganisation;
  provider: typeof providers.$inferSelect;
  area: { slug: string; name: LocalizedText; description: LocalizedText };
  parentSlug: string | null;
  childSlugs: string[];
  relatedSlugs: string[];
  tiers: { id: string; slug: string; name: LocalizedText }[];
  /** What the provider charges (cv:Cost each), in the provider's order. */
  prices: Pick<typeof servicePrices.$inferSelect, 'label' | 'amount' | 'unit' | 'note' | 'validFrom'>[];
  users: { agency: ExportOrganisation; tierId: string | null; startedOn: string | null }[];
}

export interface CatalogueSnapshot {
  services: ExportService[];
  publisher: ExportOrganisation;
}

/**
 * Everything the CPSV-AP-NO export needs, in a handful of set queries. With `slugs`, only those services (the
 * single-service document also describes the services it links to, so links resolve inside the document).
 */
export async function loadCatalogueSnapshot(
  db: Executor,
  publisher: { orgnr: string; name: string },
  slugs?: string[],
): Promise<CatalogueSnapshot> {
  const rows = await db
    .select({ service: services, provider: providers, area: areas, ownerAgency: agencies })
    .from(services)
    .innerJoin(providers, eq(providers.id, services.providerId))
    .innerJoin(areas, eq(areas.slug, services.areaSlug))
    .leftJoin(agencies, eq(agencies.orgnr, providers.orgnr))
    .where(slugs ? inArray(services.slug, slugs.length ? slugs : ['']) : undefined)
    .orderBy(services.slug);
  const ids = rows.map((r) => r.service.id);
  const [allServiceSlugs, relations, tierRows, userRows, publisherRows, priceRows] = await Promise.all([
    db.select({ id: services.id, slug: services.slug, parentId: services.parentServiceId }).from(services),
    ids.length
      ? db
          .select()
          .from(serviceRelations)
          .where(or(inArray(serviceRelations.serviceId, ids), inArray(serviceRelations.relatedServiceId, ids)))
      : Promise.resolve([]),
    ids.length ? db.select().from(tiers).where(inArray(tiers.serviceId, ids)).orderBy(tiers.sortOrder) : Promise.resolve([]),
    ids.length
      ? db
          .select({ serviceId: subscriptions.serviceId, tierId: subscriptions.tierId, startedOn: subscriptions.startedOn, agency: agencies })
          .from(subscriptions)
          .innerJoin(agencies, eq(agencies.orgnr, subscriptions.agencyOrgnr))
          .where(and(inArray(subscriptions.serviceId, ids), activeSubscription()))
          .orderBy(subscriptions.agencyOrgnr)
      : Promise.resolve([]),
    db.select().from(agencies).where(eq(agencies.orgnr, publisher.orgnr)),
    ids.length ? db.select().from(servicePrices).where(inArray(servicePrices.serviceId, ids)).orderBy(servicePrices.sortOrder) : Promise.resolve([]),
  ]);
  const slugById = new Map(allServiceSlugs.map((s) => [s.id, s.slug]));
  const organisation = (a: typeof agencies.$inferSelect): ExportOrganisation => ({ orgnr: a.orgnr, name: a.name, kind: a.kind, website: a.website });
  return {
    publisher: publisherRows[0] ? organisation(publisherRows[0]) : { orgnr: publisher.orgnr, name: { nb: publisher.name }, kind: 'agency', website: null },
    services: rows.map(({ service, provider, area, ownerAgency }) => ({
      slug: service.slug,
      service,
      provider,
      area: { slug: area.slug, name: area.name, description: area.description },
      owner: ownerAgency
        ? organisation(ownerAgency)
        : { orgnr: provider.orgnr, providerSlug: provider.slug, name: provider.name, kind: null, website: provider.website },
      parentSlug: service.parentServiceId ? (slugById.get(service.parentServiceId) ?? null) : null,
      childSlugs: allServiceSlugs.filter((s) => s.parentId === service.id).map((s) => s.slug),
      relatedSlugs: relations
        .flatMap((r) => (r.serviceId === service.id ? [r.relatedServiceId] : r.relatedServiceId === service.id ? [r.serviceId] : []))
        .map((id) => slugById.get(id)!)
        .filter(Boolean)
        .sort(),
      tiers: tierRows.filter((t) => t.serviceId === service.id).map((t) => ({ id: t.id, slug: t.slug, name: t.name })),
      prices: priceRows.filter((p) => p.serviceId === service.id).map((p) => ({ label: p.label, amount: Number(p.amount), unit: p.unit, note: p.note, validFrom: p.validFrom })),
      users: userRows
        .filter((u) => u.serviceId === service.id)
        .map((u) => ({ agency: organisation(u.agency), tierId: u.tierId, startedOn: u.startedOn })),
    })),
  };
}

/** The slugs a single-service document describes: the service and the services it links to. */
export async function serviceNeighbourhood(db: Executor, slug: string): Promise<string[] | undefined> {
  const [row] = await db.select({ id: services.id, parentId: services.parentServiceId }).from(services).where(eq(services.slug, slug));
  if (!row) return undefined;
  const ids = new Set<string>([row.id]);
  if (row.parentId) ids.add(row.parentId);
  const [children, relations] = await Promise.all([
    db.select({ id: services.id }).from(services).where(eq(services.parentServiceId, row.id)),
    db
      .select()
      .from(serviceRelations)
      .where(or(eq(serviceRelations.serviceId, row.id), eq(serviceRelations.relatedServiceId, row.id))),
  ]);
  for (const c of children) ids.add(c.id);
  for (const r of relations) ids.add(r.serviceId === row.id ? r.relatedServiceId : r.serviceId);
  const slugs = await db.select({ slug: services.slug }).from(services).where(inArray(services.id, [...ids]));
  return [slug, ...slugs.map((s) => s.slug).filter((s) => s !== slug)];
}
