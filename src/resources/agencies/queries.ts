import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { FactSource, Language, LocalizedText, OrganisationKind } from '../../domain/catalogue.js';
import { type SizeClass, sizeClassOf, type SizeThresholds } from '../../domain/sizeClass.js';
import type { Executor } from '../../db/database.js';
import { cached } from '../../db/readCache.js';
import { agencies, areas, services, subscriptions } from '../../db/schema/index.js';
import { activeSubscription } from '../services/queries.js';
import { byAreaThenName, sortByName } from '../shared/present.js';
import { agencyNames, serviceLinkColumns } from '../shared/queries.js';
import { selectSubscriptionUses } from '../shared/subscriptionUses.js';

export const MAX_AGENCY_QUERY_LENGTH = 200;

export interface AgencySearch {
  q?: string | undefined;
  /** A checked organisation number of a known ministry (see agencyFilters.ts). */
  ministry?: string | undefined;
  kinds?: readonly OrganisationKind[] | undefined;
  sizes?: readonly SizeClass[] | undefined;
  thresholds: SizeThresholds;
  lang: Language;
}

export interface AgencyListRow {
  orgnr: string;
  name: LocalizedText;
  shortName: string | null;
  kind: OrganisationKind;
  ministry: { orgnr: string; name: LocalizedText } | null;
  employees: number | null;
  sizeClass: SizeClass;
  deletedOn: string | null;
}

const ministry = alias(agencies, 'ministry');

/**
 * The words of a search as a prefix query over the agency's `search_vector` ("skatte" finds Skatteetaten), or
 * undefined when there are no words. Only letters and digits reach to_tsquery, so its syntax cannot break.
 */
function prefixTsQuery(q: string): string | undefined {
  const words = q.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : undefined;
}

/**
 * Agencies matching a search: words against the name (Norwegian stemming, prefix match), or digits against the
 * start of the organisation number; then kind, ministry and size class. Sorted by name with Norwegian collation.
 * Size classes follow the configured thresholds, so they are computed here rather than stored.
 */
export async function searchAgencies(db: Executor, s: AgencySearch): Promise<AgencyListRow[]> {
  const conditions: SQL[] = [];
  const q = s.q?.trim() ?? '';
  if (q) {
    const digits = q.replace(/[\s\u00a0]/g, '');
    const tsq = prefixTsQuery(q);
    const byName = tsq ? sql`${agencies.searchVector} @@ to_tsquery('norwegian', ${tsq})` : undefined;
    const byOrgnr = /^\d{1,9}$/.test(digits) ? sql`${agencies.orgnr} like ${digits + '%'}` : undefined;
    conditions.push(byName && byOrgnr ? sql`(${byName} or ${byOrgnr})` : (byName ?? byOrgnr ?? sql`false`));
  }
  if (s.ministry) conditions.push(eq(agencies.ministryOrgnr, s.ministry));
  if (s.kinds?.length) conditions.push(inArray(agencies.kind, [...s.kinds]));
  const rows = await db
    .select({
      orgnr: agencies.orgnr,
      name: agencies.name,
      shortName: agencies.shortName,
      kind: agencies.kind,
      employees: agencies.employees,
      deletedOn: agencies.deletedOn,
      ministryOrgnr: ministry.orgnr,
      ministryName: ministry.name,
    })
    .from(agencies)
    .leftJoin(ministry, eq(ministry.orgnr, agencies.ministryOrgnr))
    .where(conditions.length ? and(...conditions) : undefined);
  const sizes = s.sizes?.length ? new Set(s.sizes) : undefined;
  const items = rows
    .map(
      (r): AgencyListRow => ({
        orgnr: r.orgnr,
        name: r.name,
        shortName: r.shortName,
        kind: r.kind,
        ministry: r.ministryOrgnr && r.ministryName ? { orgnr: r.ministryOrgnr, name: r.ministryName } : null,
        employees: r.employees,
        sizeClass: sizeClassOf(r.employees, s.thresholds),
        deletedOn: r.deletedOn,
      }),
    )
    .filter((r) => !sizes || sizes.has(r.sizeClass));
  return sortByName(items, s.lang);
}

/** Every ministry's name by org number, former ones included (for showing declarations), cached per catalogue version. */
export const ministryNames = cached('ministry-names', async (db: Executor) => {
  const rows = await db.select({ orgnr: agencies.orgnr, name: agencies.name }).from(agencies).where(eq(agencies.kind, 'ministry'));
  return new Map(rows.map((m) => [m.orgnr, m.name]));
});

/** Ministries that still exist, by name: the choices of the ministry filter. */
export async function listMinistries(db: Executor, lang: Language) {
  const rows = await db
    .select({ orgnr: agencies.orgnr, name: agencies.name })
    .from(agencies)
    .where(and(eq(agencies.kind, 'ministry'), isNull(agencies.deletedOn)));
  return sortByName(rows, lang);
}

export async function isMinistry(db: Executor, orgnr: string): Promise<boolean> {
  const rows = await db
    .select({ orgnr: agencies.orgnr })
    .from(agencies)
    .where(and(eq(agencies.orgnr, orgnr), eq(agencies.kind, 'ministry')))
    .limit(1);
  return rows.length > 0;
}

export interface AgencyUse {
  slug: string;
  name: LocalizedText;
  status: (typeof services.$inferSelect)['status'];
  kind: (typeof services.$inferSelect)['kind'];
  area: { slug: string; name: LocalizedText; sortOrder: number };
  provider: { slug: string; name: LocalizedText; shortName: string | null };
  tier: { slug: string; name: LocalizedText } | null;
  since: string | null;
  factSource: FactSource;
}

/**
 * One agency: its ministry and parent, the services it uses now (active subscriptions, by area then name) and,
 * for a ministry, the agencies under it that still exist.
 */
export async function getAgencyDetail(db: Executor, orgnr: string, thresholds: SizeThresholds, lang: Language) {
  const [agency] = await db.select().from(agencies).where(eq(agencies.orgnr, orgnr)).limit(1);
  if (!agency) return undefined;
  const [org, uses, subordinates] = await Promise.all([
    agencyNames(db, [agency.ministryOrgnr, agency.parentOrgnr]),
    selectSubscriptionUses(db, { ...serviceLinkColumns, area: { slug: areas.slug, name: areas.name, sortOrder: areas.sortOrder }, since: subscriptions.startedOn })
      .innerJoin(areas, eq(areas.slug, services.areaSlug))
      .where(and(eq(subscriptions.agencyOrgnr, orgnr), activeSubscription())),
    agency.kind === 'ministry'
      ? db
          .select({ orgnr: agencies.orgnr, name: agencies.name, kind: agencies.kind, employees: agencies.employees })
          .from(agencies)
          .where(and(eq(agencies.ministryOrgnr, orgnr), isNull(agencies.deletedOn)))
      : Promise.resolve([]),
  ]);
  return {
    agency,
    sizeClass: sizeClassOf(agency.employees, thresholds),
    ministry: org(agency.ministryOrgnr),
    parent: org(agency.parentOrgnr),
    uses: (uses satisfies AgencyUse[]).sort(byAreaThenName(lang)),
    subordinates: sortByName(
      subordinates.map((a) => ({ ...a, sizeClass: sizeClassOf(a.employees, thresholds) })),
      lang,
    ),
  };
}

export type AgencyDetail = NonNullable<Awaited<ReturnType<typeof getAgencyDetail>>>;
