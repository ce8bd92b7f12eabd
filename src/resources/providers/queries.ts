import { asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DeliveryModel, Language, LocalizedText, ServiceKind, ServiceStatus } from '../../domain/catalogue.js';
import type { Executor } from '../../db/database.js';
import { agencies, areas, providers, services } from '../../db/schema/index.js';
import { byAreaThenName, sortByName } from '../shared/present.js';
import { agencyNames, serviceLinkColumns } from '../shared/queries.js';

export interface ProviderSummary {
  slug: string;
  name: LocalizedText;
  shortName: string | null;
  model: DeliveryModel;
  description: LocalizedText;
  ministry: { orgnr: string; name: LocalizedText } | null;
  parent: { slug: string; name: LocalizedText } | null;
  serviceCount: number;
}

const parentProvider = alias(providers, 'parent_provider');
const ministry = alias(agencies, 'ministry');

/** Every provider (optionally only some delivery models), sorted by name in the language, with its service count. */
export async function listProviders(db: Executor, options: { models?: readonly DeliveryModel[] | undefined; lang: Language }): Promise<ProviderSummary[]> {
  const rows = await db
    .select({
      slug: providers.slug,
      name: providers.name,
      shortName: providers.shortName,
      model: providers.model,
      description: providers.description,
      ministryOrgnr: ministry.orgnr,
      ministryName: ministry.name,
      parentSlug: parentProvider.slug,
      parentName: parentProvider.name,
      serviceCount: sql<number>`(select count(*)::int from ${services} where ${services.providerId} = ${providers.id})`,
    })
    .from(providers)
    .leftJoin(ministry, eq(ministry.orgnr, providers.ministryOrgnr))
    .leftJoin(parentProvider, eq(parentProvider.id, providers.parentProviderId))
    .where(options.models?.length ? inArray(providers.model, [...options.models]) : undefined);
  return sortByName(
    rows.map((r) => ({
      slug: r.slug,
      name: r.name,
      shortName: r.shortName,
      model: r.model,
      description: r.description,
      ministry: r.ministryOrgnr && r.ministryName ? { orgnr: r.ministryOrgnr, name: r.ministryName } : null,
      parent: r.parentSlug && r.parentName ? { slug: r.parentSlug, name: r.parentName } : null,
      serviceCount: Number(r.serviceCount),
    })),
    options.lang,
  );
}

export interface ProviderServiceRow {
  slug: string;
  name: LocalizedText;
  status: ServiceStatus;
  kind: ServiceKind;
  area: { slug: string; name: LocalizedText; sortOrder: number };
  plannedOn: string | null;
}

/** One provider with its ministry, legal entity, parent, units and services (sorted by area, then name). */
export async function getProviderDetail(db: Executor, slug: string, lang: Language) {
  const [row] = await db
    .select({ provider: providers, parentSlug: parentProvider.slug, parentName: parentProvider.name })
    .from(providers)
    .leftJoin(parentProvider, eq(parentProvider.id, providers.parentProviderId))
    .where(eq(providers.slug, slug))
    .limit(1);
  if (!row) return undefined;
  const p = row.provider;
  const [org, units, serviceRows] = await Promise.all([
    agencyNames(db, [p.ministryOrgnr, p.orgnr]),
    db
      .select({ slug: providers.slug, name: providers.name, shortName: providers.shortName })
      .from(providers)
      .where(eq(providers.parentProviderId, p.id)),
    db
      .select({ ...serviceLinkColumns, plannedOn: services.plannedOn, area: { slug: areas.slug, name: areas.name, sortOrder: areas.sortOrder } })
      .from(services)
      .innerJoin(areas, eq(areas.slug, services.areaSlug))
      .where(eq(services.providerId, p.id))
      .orderBy(asc(areas.sortOrder)),
  ]);
  return {
    provider: p,
    ministry: org(p.ministryOrgnr),
    organisation: org(p.orgnr),
    parent: row.parentSlug && row.parentName ? { slug: row.parentSlug, name: row.parentName } : null,
    units: sortByName(units, lang),
    services: (serviceRows as ProviderServiceRow[]).sort(byAreaThenName(lang)),
  };
}

export type ProviderDetail = NonNullable<Awaited<ReturnType<typeof getProviderDetail>>>;
