import { and, asc, eq, getTableColumns, inArray, isNull, or, sql } from 'drizzle-orm';
import type {
  DeliveryModel,
  FinancingModel,
  Language,
  LocalizedText,
  Obligation,
  ServiceKind,
  ServiceStatus,
  TargetGroup,
} from '../../domain/catalogue.js';
import { pickText } from '../../domain/catalogue.js';
import { applyFacets, type FacetSelection } from '../../domain/facets.js';
import { type Executor, forSearch, queryRows } from '../../db/database.js';
import { cachedRead } from '../../db/readCache.js';
import { seenBefore } from '../../db/admission.js';
import { osloToday } from '../../domain/osloTime.js';
import { agencies, areas, providers, servicePrices, services, subscriptions, tiers } from '../../db/schema/index.js';
import { norwegianCollator } from '../../web/i18n/index.js';

export const CATALOGUE_FACETS = ['area', 'model', 'provider', 'target', 'obligation', 'financing', 'status', 'kind'] as const;
export type CatalogueFacet = (typeof CATALOGUE_FACETS)[number];
export const CATALOGUE_SORTS = ['relevance', 'name', 'changed'] as const;
export type CatalogueSort = (typeof CATALOGUE_SORTS)[number];
export const MAX_QUERY_LENGTH = 200;

export interface CatalogueQuery {
  q?: string | undefined;
  filters: Partial<Record<CatalogueFacet, readonly string[]>>;
  sort: CatalogueSort;
  limit: number;
  offset: number;
  lang: Language;
}

export interface CatalogueItem {
  id: string;
  slug: string;
  name: LocalizedText;
  summary: LocalizedText;
  kind: ServiceKind;
  provider: { slug: string; name: LocalizedText; shortName: string | null };
  area: { slug: string; name: LocalizedText };
  parent: { slug: string; name: LocalizedText } | null;
  model: DeliveryModel;
  targetGroup: TargetGroup;
  obligation: Obligation;
  financing: FinancingModel[];
  status: ServiceStatus;
  updatedAt: Date;
  rank: number;
  fuzzy: boolean;
}

export interface FacetValue {
  value: string;
  label: LocalizedText | null;
  count: number;
  selected: boolean;
}

export interface CatalogueResult {
  items: CatalogueItem[];
  total: number;
  facets: Record<CatalogueFacet, FacetValue[]>;
  /** Some results matched only by similarity (a probable typo in the query). */
  fuzzy: boolean;
}

/** How much of its relevance a service being phased out keeps in the search order. */
const PHASING_OUT_WEIGHT = 0.5;
/** A similarity match is shown only if its whole-word similarity is at least this share of the best one's. */
const FUZZY_SHARE = 0.75;

interface Row extends Record<string, unknown> {
  id: string;
  slug: string;
  name: LocalizedText;
  summary: LocalizedText;
  kind: ServiceKind;
  model: DeliveryModel;
  target_group: TargetGroup;
  obligation: Obligation;
  financing: FinancingModel[];
  status: ServiceStatus;
  updated_at: Date | string;
  area_slug: string;
  area_name: LocalizedText;
  provider_slug: string;
  provider_name: LocalizedText;
  provider_short_name: string | null;
  parent_slug: string | null;
  parent_name: LocalizedText | null;
  retired_at: Date | string | null;
}

/** A service the search may show, with its facet values (computed once per catalogue version). */
interface Doc {
  row: Row;
  facetValues: Record<CatalogueFacet, readonly string[]>;
}

interface Match extends Doc {
  rank: number;
  fts: boolean;
}

/**
 * What every search starts from, built once per catalogue version (src/db/readCache.ts) rather than per request: the
 * services the search may show (retired ones keep their pages but are out of search, issue 12), each with its facet
 * values, by id, and the labels of the data-driven facet values (from every service: a filter chosen for a provider
 * whose services are all retired still shows its name). Rebuilding these on every search was a tenth of a
 * worker's time under a load of new queries (issue 16).
 */
interface CatalogueIndex {
  docs: Doc[];
  byId: Map<string, Doc>;
  labels: Partial<Record<CatalogueFacet, Map<string, LocalizedText>>>;
}

function catalogueIndex(db: Executor): Promise<CatalogueIndex> {
  return cachedRead(db, 'catalogue:index', async () => {
    const rows = await queryRows<Row>(
      db,
      sql`select s.id, s.slug, s.name, s.summary, s.kind, s.model, s.target_group, s.obligation, s.financing, s.status,
                 s.updated_at, s.area_slug, a.name as area_name, p.slug as provider_slug, p.name as provider_name,
                 p.short_name as provider_short_name, ps.slug as parent_slug, ps.name as parent_name, s.retired_at
            from services s
            join providers p on p.id = s.provider_id
            join areas a on a.slug = s.area_slug
            left join services ps on ps.id = s.parent_service_id`,
    );
    const docs = rows.filter((r) => !r.retired_at).map((r) => ({
      row: r,
      facetValues: {
        area: [r.area_slug],
        model: [r.model],
        provider: [r.provider_slug],
        target: [r.target_group],
        obligation: [r.obligation],
        financing: r.financing ?? [],
        status: [r.status],
        kind: [r.kind],
      },
    }));
    const area = new Map<string, LocalizedText>();
    const provider = new Map<string, LocalizedText>();
    for (const r of rows) {
      area.set(r.area_slug, r.area_name);
      provider.set(r.provider_slug, r.provider_name);
    }
    return { docs, byId: new Map(docs.map((d) => [d.row.id, d])), labels: { area, provider } };
  });
}

/**
 * Full-text search (Norwegian stemming, title above description) plus trigram similarity for typos, then facets,
 * sorting with Norwegian collation and paging. The text match runs in PostgreSQL and returns only ids and ranks;
 * the rows come from the per-version index, facets are computed over the matching set in memory (the catalogue is
 * thousands of rows at most, see bench/).
 */
export async function searchCatalogue(db: Executor, query: CatalogueQuery): Promise<CatalogueResult> {
  const q = query.q?.trim() ?? '';
  const hasQuery = q.length > 0;
  const index = await catalogueIndex(db);
  let matches: Match[];
  if (!hasQuery) {
    matches = index.docs.map((d) => ({ ...d, rank: 0, fts: true }));
  } else {
    // Text matches with their rank, and titles with a word similar to the query's (a typo), from one call:
    // catalogue_search() (migration 0024) holds the ranking and keeps its plans for the session. A query asked for
    // again is kept in the read cache; a one-off query is not (src/db/admission.ts).
    const key = `catalogue:search:${q.toLowerCase()}`;
    const load = () => queryRows<{ id: string; fts: boolean; rank: number | null; similarity: number | null }>(forSearch(db), sql`select id, fts, rank, similarity from catalogue_search(${q})`);
    const hits = seenBefore(db, key) ? await cachedRead(db, key, load) : await load();
    // A service the text matched is one match: its similarity row is not a second one.
    const textMatched = new Set(hits.filter((h) => h.fts).map((h) => h.id));
    matches = hits.flatMap((h) => {
      const doc = index.byId.get(h.id);
      return doc && (h.fts || !textMatched.has(h.id)) ? [{ ...doc, rank: h.fts ? Number(h.rank) : Number(h.similarity), fts: h.fts }] : [];
    });
  }
  // Typo tolerance is a fallback: when the full-text search finds something, similarity matches are only noise;
  // among similarity matches (ranked by whole-word similarity) only those close to the best one are kept: a typo in
  // "lønnstjenester" finds payroll, not every service whose name ends in "-tjenester".
  const bestFuzzy = Math.max(0, ...matches.filter((m) => !m.fts).map((m) => m.rank));
  const candidates = matches.some((m) => m.fts) ? matches.filter((m) => m.fts) : matches.filter((m) => m.rank >= bestFuzzy * FUZZY_SHARE);
  // A match carries its service's facet values: the facets filter the matches themselves.
  const facetResult = applyFacets(candidates, CATALOGUE_FACETS, query.filters as FacetSelection);
  const counts = facetResult.counts;

  const name = (m: Match) => pickText(m.row.name, query.lang).text;
  const byName = (a: Match, b: Match) => norwegianCollator.compare(name(a), name(b));
  const changed = (m: Match) => new Date(m.row.updated_at).getTime();
  const sorted = facetResult.matches;
  const relevance = (m: Match) => (m.row.status === 'phasing_out' ? m.rank * PHASING_OUT_WEIGHT : m.rank);
  if (query.sort === 'name' || (!hasQuery && query.sort === 'relevance')) sorted.sort(byName);
  else if (query.sort === 'changed') sorted.sort((a, b) => changed(b) - changed(a) || byName(a, b));
  // A service being phased out ranks at half its relevance: a current service for the same need comes first ("lonn":
  // DFØ's payroll before a phased-out university SAP payroll), while an exact match of its name still finds it.
  else sorted.sort((a, b) => relevance(b) - relevance(a) || byName(a, b));

  // Labels for facet values: areas and providers from the index, vocabularies are labelled by the caller.
  const { labels } = index;
  const facets = {} as Record<CatalogueFacet, FacetValue[]>;
  for (const f of CATALOGUE_FACETS) {
    const selected = new Set(query.filters[f] ?? []);
    const values = new Map(counts[f]);
    for (const s of selected) if (!values.has(s)) values.set(s, 0);
    facets[f] = [...values.entries()]
      .map(([value, count]) => ({ value, count, selected: selected.has(value), label: labels[f]?.get(value) ?? null }))
      .sort((a, b) => b.count - a.count || norwegianCollator.compare(a.label ? pickText(a.label, query.lang).text : a.value, b.label ? pickText(b.label, query.lang).text : b.value));
  }

  const page = sorted.slice(query.offset, query.offset + query.limit);
  return {
    total: sorted.length,
    fuzzy: hasQuery && sorted.some((m) => !m.fts),
    facets,
    items: page.map(({ row: r, rank, fts }) => ({
      id: r.id,
      slug: r.slug,
      name: r.name,
      summary: r.summary,
      kind: r.kind,
      provider: { slug: r.provider_slug, name: r.provider_name, shortName: r.provider_short_name },
      area: { slug: r.area_slug, name: r.area_name },
      parent: r.parent_slug ? { slug: r.parent_slug, name: r.parent_name! } : null,
      model: r.model,
      targetGroup: r.target_group,
      obligation: r.obligation,
      financing: r.financing ?? [],
      status: r.status,
      updatedAt: new Date(r.updated_at),
      rank,
      fuzzy: !fts,
    })),
  };
}

/** The known values of the data-driven facets, to refuse unknown ones with a clear message. */
export async function knownFacetValues(db: Executor): Promise<{ area: Set<string>; provider: Set<string> }> {
  return cachedRead(db, 'catalogue:facet-values', async () => {
    const [a, p] = await Promise.all([db.select({ slug: areas.slug }).from(areas), db.select({ slug: providers.slug }).from(providers)]);
    return { area: new Set(a.map((x) => x.slug)), provider: new Set(p.map((x) => x.slug)) };
  });
}

/** The service columns pages and the API show: everything but the generated search columns. */
const { searchVector: _sv, searchTitle: _st, ...serviceColumns } = getTableColumns(services);
const { searchVector: _pv, ...providerColumns } = getTableColumns(providers);

/** Open subscriptions: started (or start unknown) and not ended. */
export const activeSubscription = () =>
  and(isNull(subscriptions.endedOn), or(isNull(subscriptions.startedOn), sql`${subscriptions.startedOn} <= ${osloToday()}`));

/** One service with everything its page shows; cached per catalogue version and day (active users depend on today). */
export function getServiceDetail(db: Executor, slug: string) {
  return cachedRead(db, `service:${slug}:${osloToday()}`, () => loadServiceDetail(db, slug));
}

async function loadServiceDetail(db: Executor, slug: string) {
  const [row] = await db
    .select({ service: serviceColumns, provider: providerColumns, area: areas })
    .from(services)
    .innerJoin(providers, eq(providers.id, services.providerId))
    .innerJoin(areas, eq(areas.slug, services.areaSlug))
    .where(eq(services.slug, slug))
    .limit(1);
  if (!row) return undefined;
  const s = row.service;
  const [tierRows, relatedRows, childRows, parentRows, usage, targetMinistry, users, priceRows] = await Promise.all([
    db.select().from(tiers).where(eq(tiers.serviceId, s.id)).orderBy(asc(tiers.sortOrder)),
    queryRows<{ slug: string; name: LocalizedText; summary: LocalizedText; status: ServiceStatus }>(
      db,
      sql`select s.slug, s.name, s.summary, s.status from services s
           where s.id in (select related_service_id from service_relations where service_id = ${s.id}
                          union select service_id from service_relations where related_service_id = ${s.id})`,
    ),
    db
      .select({ slug: services.slug, name: services.name, summary: services.summary, status: services.status })
      .from(services)
      .where(eq(services.parentServiceId, s.id)),
    s.parentServiceId
      ? db.select({ slug: services.slug, name: services.name }).from(services).where(eq(services.id, s.parentServiceId))
      : Promise.resolve([]),
    db
      .select({ tierId: subscriptions.tierId, count: sql<number>`count(*)::int` })
      .from(subscriptions)
      .where(and(eq(subscriptions.serviceId, s.id), activeSubscription()))
      .groupBy(subscriptions.tierId),
    s.targetMinistryOrgnr
      ? db.select({ orgnr: agencies.orgnr, name: agencies.name }).from(agencies).where(eq(agencies.orgnr, s.targetMinistryOrgnr))
      : Promise.resolve([]),
    db
      .select({ orgnr: agencies.orgnr, name: agencies.name, tierId: subscriptions.tierId, startedOn: subscriptions.startedOn })
      .from(subscriptions)
      .innerJoin(agencies, eq(agencies.orgnr, subscriptions.agencyOrgnr))
      .where(and(eq(subscriptions.serviceId, s.id), activeSubscription())),
    servicePricesOf(db, s.id),
  ]);
  const registeredUsers = usage.reduce((n, u) => n + u.count, 0);
  return {
    service: s,
    provider: row.provider,
    area: row.area,
    tiers: tierRows,
    prices: priceRows,
    related: relatedRows.sort((a, b) => norwegianCollator.compare(a.name.nb, b.name.nb)),
    children: childRows.sort((a, b) => norwegianCollator.compare(a.name.nb, b.name.nb)),
    parent: parentRows[0] ?? null,
    registeredUsers,
    tierUsage: usage.map((u) => ({ tierId: u.tierId, count: u.count })),
    targetMinistry: targetMinistry[0] ?? null,
    users: users.sort((a, b) => norwegianCollator.compare(a.name.nb, b.name.nb)),
  };
}

/** What the provider charges for a service, in the provider's order. */
export async function servicePricesOf(db: Executor, serviceId: string) {
  const rows = await db
    .select({ label: servicePrices.label, amount: servicePrices.amount, unit: servicePrices.unit, note: servicePrices.note, validFrom: servicePrices.validFrom })
    .from(servicePrices)
    .where(eq(servicePrices.serviceId, serviceId))
    .orderBy(asc(servicePrices.sortOrder));
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}

export type ServicePriceRow = Awaited<ReturnType<typeof servicePricesOf>>[number];

export type ServiceDetail = NonNullable<Awaited<ReturnType<typeof loadServiceDetail>>>;

export async function newestServices(db: Executor, limit: number) {
  return db
    .select({ slug: services.slug, name: services.name, summary: services.summary, status: services.status, updatedAt: services.updatedAt, providerName: providers.name })
    .from(services)
    .innerJoin(providers, eq(providers.id, services.providerId))
    .orderBy(sql`${services.updatedAt} desc`, asc(services.slug))
    .limit(limit);
}

export async function servicesByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select().from(services).where(inArray(services.id, ids));
}
