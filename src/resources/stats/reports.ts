/**
 * The figures behind every statistics page and API response, computed once here so the page, the JSON and the
 * CSV/XLSX downloads always agree. Names stay LocalizedText; the API and the pages localize them.
 */
import { plannedOverdue } from '../../domain/plannedDate.js';
import { sql } from 'drizzle-orm';
import type { LocalizedText, OrganisationKind } from '../../domain/catalogue.js';
import { type CellCoverage, COVERAGE_KINDS, coverageOf, isGapExposed } from '../../domain/coverage.js';
import { ministryAreaOf, MUNICIPAL_KINDS, STATE_KINDS } from '../../domain/eligibility.js';
import { rankRecommendations, type RecommendationReason, servicesRelatedTo } from '../../domain/recommendations.js';
import { share } from '../../domain/shares.js';
import { SIZE_CLASSES, type SizeClass, sizeClassOf, type SizeThresholds } from '../../domain/sizeClass.js';
import { growth, trendPoints } from '../../domain/trends.js';
import { type Executor, queryRows } from '../../db/database.js';
import { norwegianCollator } from '../../web/i18n/index.js';
import { DELIVERY_MODELS, pickText, type Language } from '../../domain/catalogue.js';
import {
  type AreaRow,
  coverageCells,
  coverageSummary,
  customersOverTime,
  customerTrends,
  firstSubscriptionYear,
  gapExposedAgencies,
  groupEligibility,
  listAreaRows,
  listServiceRows,
  peerGroups,
  peerUsage,
  type PopulationAgency,
  type PopulationFilter,
  populationAgencies,
  populationGroups,
  type ServiceFilter,
  type ServiceRow,
  servicesInUse,
  type TrendCount,
  tierCounts,
  type TierCount,
  undatedActive,
  usageBy,
} from './queries.js';
import { ministryAreaSql } from './sql.js';

export interface Paging {
  offset: number;
  limit: number;
}

// ── Coverage ─────────────────────────────────────────────────────────────────────────────────────────────────────

export interface AgencyCoverageRow extends PopulationAgency {
  cells: Record<string, CellCoverage>;
}

async function withCells(db: Executor, agencies: PopulationAgency[], areas: AreaRow[], th: SizeThresholds, today: string): Promise<AgencyCoverageRow[]> {
  const cells = await coverageCells(
    db,
    agencies.map((a) => a.orgnr),
    th,
    today,
  );
  return agencies.map((a) => ({
    ...a,
    cells: Object.fromEntries(areas.map((ar) => {
      const c = cells.get(a.orgnr)?.get(ar.slug);
      return [ar.slug, coverageOf(c?.mask ?? 0, c?.inHouse ?? false)];
    })),
  }));
}

export async function coverageReport(db: Executor, th: SizeThresholds, today: string, f: PopulationFilter, lang: Language, paging: Paging) {
  const [{ areas, population, summary }, agencies] = await Promise.all([coverageSummary(db, f, th, today), populationAgencies(db, f, th, lang)]);
  const { offset, limit } = paging;
  const rows = await withCells(db, agencies.slice(offset, offset + limit), areas, th, today);
  return {
    asOf: today,
    areas,
    population,
    byArea: summary.map((s) => ({ ...s, area: areas.find((a) => a.slug === s.area)! })),
    agencies: { total: agencies.length, offset, items: rows },
  };
}
export type CoverageReport = Awaited<ReturnType<typeof coverageReport>>;

/** The report's key gap: agencies without central, sector or group arrangements in a gap area, and how they manage. */
export async function gapReport(db: Executor, th: SizeThresholds, today: string, f: PopulationFilter, lang: Language, paging: Paging) {
  const [areas, exposed, population] = await Promise.all([listAreaRows(db), gapExposedAgencies(db, f, th, today, lang), populationAgencies(db, f, th, lang)]);
  const gapAreas = areas.filter((a) => a.gapArea);
  const { offset, limit } = paging;
  const rows = await withCells(db, exposed.slice(offset, offset + limit), gapAreas, th, today);
  const bySize = SIZE_CLASSES.map((sizeClass) => {
    const all = population.filter((a) => a.sizeClass === sizeClass).length;
    const n = exposed.filter((a) => a.sizeClass === sizeClass).length;
    return { sizeClass, exposed: n, agencies: all, share: share(n, all) };
  });
  return {
    asOf: today,
    gapAreas,
    population: population.length,
    exposed: exposed.length,
    bySize,
    agencies: { total: exposed.length, offset, items: rows.map((r) => ({ ...r, exposedIn: gapAreas.filter((g) => isGapExposed(modelMaskOf(r.cells[g.slug]!))).map((g) => g.slug) })) },
  };
}
export type GapReport = Awaited<ReturnType<typeof gapReport>>;

const modelMaskOf = (c: CellCoverage) => c.models.reduce((m, x) => m | ({ central: 1, sector: 2, group: 4, network: 8 } as const)[x], 0);

/** One agency's coverage per area, with the services behind each arrangement. */
export async function agencyCoverage(db: Executor, orgnr: string, th: SizeThresholds, today: string) {
  const areas = await listAreaRows(db);
  const cells = await coverageCells(db, [orgnr], th, today);
  const mine = cells.get(orgnr);
  return areas.map((area) => {
    const c = mine?.get(area.slug);
    return { area, coverage: coverageOf(c?.mask ?? 0, c?.inHouse ?? false) };
  });
}

// ── Adoption ─────────────────────────────────────────────────────────────────────────────────────────────────────

export interface SplitRow {
  users: number;
  eligible: number | null;
  share: number | null;
}

export interface AdoptionRow {
  service: ServiceRow;
  /** Every active user, eligible or not. */
  users: number;
  /** Eligibility is known: eligible and share are meaningful. */
  eligibilityKnown: boolean;
  eligibleUsers: number;
  eligible: number | null;
  share: number | null;
  bySize: ({ sizeClass: SizeClass } & SplitRow)[];
}

export const ADOPTION_SORTS = ['users', 'share', 'name'] as const;
export type AdoptionSort = (typeof ADOPTION_SORTS)[number];

/**
 * Share of eligible agencies using each service, overall and by size class. `ministry` restricts both users and the
 * eligible base to one ministry area (the ministry view).
 */
export async function adoptionReport(db: Executor, th: SizeThresholds, today: string, f: ServiceFilter, sort: AdoptionSort, lang: Language, ministry?: string) {
  const restrict = ministry ? sql`${ministryAreaSql('a')} = ${ministry}` : undefined;
  const [services, groups, usage] = await Promise.all([
    listServiceRows(db, f),
    populationGroups(db, th, restrict ?? sql`true`),
    usageBy(db, 'size', th, today, undefined, restrict),
  ]);
  const ids = new Set(services.map((s) => s.id));
  const bySvc = new Map<string, Map<string, { users: number; eligibleUsers: number }>>();
  for (const u of usage) {
    if (!ids.has(u.serviceId)) continue;
    let m = bySvc.get(u.serviceId);
    if (!m) bySvc.set(u.serviceId, (m = new Map()));
    m.set(String(u.key), { users: u.users, eligibleUsers: u.eligibleUsers });
  }
  // Eligibility depends only on the target group and ministry, which thousands of services share: count once per pair.
  const eligibleBase = new Map<string, { known: boolean; bySize: Map<SizeClass, number> }>();
  const baseFor = (s: ServiceRow) => {
    const key = `${s.targetGroup}:${s.targetMinistryOrgnr ?? ''}`;
    let b = eligibleBase.get(key);
    if (!b) {
      b = { known: true, bySize: new Map() };
      for (const g of groups) {
        const e = groupEligibility(g, s);
        if (e === 'unknown') b.known = false;
        if (e === 'yes') b.bySize.set(g.sizeClass, (b.bySize.get(g.sizeClass) ?? 0) + g.count);
      }
      if (groups.length === 0) b.known = groupEligibility({ kind: 'agency', ministryArea: null, sizeClass: 'unknown', count: 0 }, s) !== 'unknown';
      eligibleBase.set(key, b);
    }
    return b;
  };
  const rows: AdoptionRow[] = services.map((s) => {
    const { known, bySize: eligibleBySize } = baseFor(s);
    const u = bySvc.get(s.id) ?? new Map();
    const bySize = SIZE_CLASSES.map((sizeClass) => {
      const c = u.get(sizeClass) ?? { users: 0, eligibleUsers: 0 };
      const eligible = known ? (eligibleBySize.get(sizeClass) ?? 0) : null;
      return { sizeClass, users: known ? c.eligibleUsers : c.users, eligible, share: eligible === null ? null : share(c.eligibleUsers, eligible) };
    });
    const users = [...u.values()].reduce((n, c) => n + c.users, 0);
    const eligibleUsers = [...u.values()].reduce((n, c) => n + c.eligibleUsers, 0);
    const eligible = known ? [...eligibleBySize.values()].reduce((n, c) => n + c, 0) : null;
    return { service: s, users, eligibilityKnown: known, eligibleUsers, eligible, share: eligible === null ? null : share(eligibleUsers, eligible), bySize };
  });
  const name = (r: AdoptionRow) => pickText(r.service.name, lang).text;
  const byName = (a: AdoptionRow, b: AdoptionRow) => norwegianCollator.compare(name(a), name(b));
  if (sort === 'name') rows.sort(byName);
  else if (sort === 'share') rows.sort((a, b) => (b.share ?? -1) - (a.share ?? -1) || b.users - a.users || byName(a, b));
  else rows.sort((a, b) => b.users - a.users || (b.share ?? -1) - (a.share ?? -1) || byName(a, b));
  return { asOf: today, rows };
}
export type AdoptionReport = Awaited<ReturnType<typeof adoptionReport>>;

/** Users and eligible agencies of services by ministry area (eligible users only where eligibility is known). */
export async function adoptionByMinistry(db: Executor, th: SizeThresholds, today: string, services: readonly ServiceRow[]) {
  if (services.length === 0) return [];
  const [groups, usage, ministries] = await Promise.all([
    populationGroups(db, th),
    usageBy(db, 'ministry', th, today, services.map((s) => s.id)),
    queryRows<{ orgnr: string; name: LocalizedText }>(db, sql`select orgnr, name from agencies where kind = 'ministry'`),
  ]);
  const names = new Map(ministries.map((m) => [m.orgnr, m.name]));
  return services.map((s) => {
    const eligible = new Map<string | null, number>();
    let known = true;
    for (const g of groups) {
      const e = groupEligibility(g, s);
      if (e === 'unknown') known = false;
      if (e === 'yes') eligible.set(g.ministryArea, (eligible.get(g.ministryArea) ?? 0) + g.count);
    }
    const keys = new Set<string | null>([...eligible.keys()]);
    const used = usage.filter((u) => u.serviceId === s.id);
    for (const u of used) keys.add(u.key);
    const rows = [...keys].map((k) => {
      const u = used.find((x) => x.key === k);
      const e = known ? (eligible.get(k) ?? 0) : null;
      return {
        ministry: k ? { orgnr: k, name: names.get(k) ?? { nb: k } } : null,
        users: known ? (u?.eligibleUsers ?? 0) : (u?.users ?? 0),
        eligible: e,
        share: e === null ? null : share(u?.eligibleUsers ?? 0, e),
      };
    });
    rows.sort((a, b) => (a.ministry === null ? 1 : b.ministry === null ? -1 : norwegianCollator.compare(a.ministry.name.nb, b.ministry.name.nb)));
    return { service: s, eligibilityKnown: known, rows: rows.filter((r) => r.users > 0 || (r.eligible ?? 0) > 0) };
  });
}

/** Tier distribution of services with tiers: active customers per tier, with shares. */
export async function tierReport(db: Executor, today: string, services: readonly ServiceRow[]) {
  return tierRows(services, await tierCounts(db, today, services.length ? { ids: services.map((s) => s.id) } : {}));
}
export type TierReport = ReturnType<typeof tierRows>;

/** tierReport from counts already read (of at least these services), in the order of `services`. */
export function tierRows(services: readonly ServiceRow[], counts: readonly TierCount[]) {
  // Grouped once: filtering all the counts for each service was services × counts steps (millions at 10 ×).
  const byService = new Map<string, TierCount[]>();
  for (const c of counts) {
    const list = byService.get(c.serviceId);
    if (list) list.push(c);
    else byService.set(c.serviceId, [c]);
  }
  const out = [];
  for (const s of services) {
    const mine = byService.get(s.id);
    if (!mine) continue;
    // Shares are of the customers whose tier is stated; the others are counted apart, not spread over the tiers.
    const stated = mine.filter((c): c is typeof c & { tier: NonNullable<typeof c.tier> } => c.tier !== null);
    const total = stated.reduce((n, c) => n + c.count, 0);
    const notStated = mine.filter((c) => c.tier === null).reduce((n, c) => n + c.count, 0);
    out.push({ service: s, total, notStated, tiers: stated.map((c) => ({ tier: c.tier, count: c.count, share: share(c.count, total) })) });
  }
  return out;
}

// ── Trends ───────────────────────────────────────────────────────────────────────────────────────────────────────

export const TREND_FROM_MIN = 2000;

/** The trend's points: from `from`, else the first year in the register (never before TREND_FROM_MIN), to today. */
async function trendPointsFrom(db: Executor, today: string, from?: number) {
  return trendPoints(from ?? Math.max(TREND_FROM_MIN, (await firstSubscriptionYear(db)) ?? Number(today.slice(0, 4))), today);
}

type Points = ReturnType<typeof trendPoints>;
/** Each key's customers per point, looked up by key and date (a search of the counts per value was keys × points × counts). */
function countsByKey(counts: readonly TrendCount[]) {
  const byKey = new Map<string, Map<string, number>>();
  for (const c of counts) {
    let m = byKey.get(c.key);
    if (!m) byKey.set(c.key, (m = new Map()));
    m.set(c.date, c.customers);
  }
  return (points: Points, key: string) => points.map((p) => byKey.get(key)?.get(p.date) ?? 0);
}

/** What a trend report is made of: its points, the counts over them, the undated subscriptions, areas and services. */
interface TrendInputs<C> {
  points: Points;
  counts: C;
  undated: number;
  areas: AreaRow[];
  services: ServiceRow[];
}

/** The trend report's series from its counts, with the areas (and services) they are about. */
function trendSeries(today: string, by: 'area' | 'service', f: ServiceFilter, { points, undated, areas, services }: TrendInputs<unknown>, counts: readonly TrendCount[]) {
  const keys =
    by === 'area'
      ? areas.filter((a) => !f.area || a.slug === f.area).map((a) => ({ key: a.slug, area: a, service: null as ServiceRow | null }))
      : services.filter((s) => s.status !== 'planned').map((s) => ({ key: s.id, area: areas.find((a) => a.slug === s.area.slug)!, service: s as ServiceRow | null }));
  const valuesOf = countsByKey(counts);
  const series = keys.map((k) => {
    const values = valuesOf(points, k.key);
    return { ...k, values, growth: growth(values) };
  });
  return { asOf: today, points, series: series.filter((s) => s.values.some((v) => v > 0) || by === 'area'), undated };
}

/**
 * The points, then at once the counts over them (`count`) and what the trend report reads beside them: the undated
 * subscriptions, the areas and (by service) the services.
 */
async function trendInputs<C>(db: Executor, today: string, by: 'area' | 'service', f: ServiceFilter, from: number | undefined, count: (dates: string[]) => Promise<C>): Promise<TrendInputs<C>> {
  const points = await trendPointsFrom(db, today, from);
  const [counts, undated, areas, services] = await Promise.all([
    count(points.map((p) => p.date)),
    undatedActive(db, today),
    listAreaRows(db),
    by === 'service' ? listServiceRows(db, f) : Promise.resolve([] as ServiceRow[]),
  ]);
  return { points, counts, undated, areas, services };
}

/**
 * Customers per area (or per service of a provider, an area or a list) at the end of each year and today, from the
 * register's history. `from` defaults to the first year in the register, never before TREND_FROM_MIN.
 */
export async function trendReport(db: Executor, today: string, by: 'area' | 'service', f: ServiceFilter, from?: number) {
  const inputs = await trendInputs(db, today, by, f, from, (dates) => customersOverTime(db, dates, by, f));
  return trendSeries(today, by, f, inputs, inputs.counts);
}
export type TrendReport = Awaited<ReturnType<typeof trendReport>>;

/** The breakdown's series (groups with a customer at some point) from its counts. */
function breakdownSeries(today: string, by: 'size' | 'model', points: Points, counts: readonly TrendCount[]) {
  const keys: readonly string[] = by === 'size' ? SIZE_CLASSES : DELIVERY_MODELS;
  const valuesOf = countsByKey(counts);
  const series = keys.map((key) => {
    const values = valuesOf(points, key);
    return { key, values, growth: growth(values) };
  });
  return { asOf: today, by, points, series: series.filter((x) => x.values.some((v) => v > 0)) };
}

/**
 * Customers over time by size class (the agency's size now) or by the service's delivery model: the same points as
 * the trend report, each agency counted once per group and point. Counts of agencies in groups of the whole state, so
 * the small-group rule for answers does not apply.
 */
export async function trendBreakdown(db: Executor, today: string, by: 'size' | 'model', f: ServiceFilter, th: SizeThresholds, from?: number) {
  const points = await trendPointsFrom(db, today, from);
  const counts = await customersOverTime(
    db,
    points.map((p) => p.date),
    by,
    f,
    th,
  );
  return breakdownSeries(today, by, points, counts);
}
export type TrendBreakdown = Awaited<ReturnType<typeof trendBreakdown>>;

/**
 * The trends page's (and API's) three reports at once, equal to trendReport and trendBreakdown by size and by model
 * with the same arguments: their counts come from one pass over the subscriptions (customerTrends), not three.
 */
export async function trendReports(db: Executor, today: string, by: 'area' | 'service', f: ServiceFilter, th: SizeThresholds, from?: number) {
  const inputs = await trendInputs(db, today, by, f, from, (dates) => customerTrends(db, dates, by, f, th));
  return {
    trend: trendSeries(today, by, f, inputs, inputs.counts.byKey),
    bySize: breakdownSeries(today, 'size', inputs.points, inputs.counts.bySize),
    byModel: breakdownSeries(today, 'model', inputs.points, inputs.counts.byModel),
  };
}

/** Services launched in the last `years` years, and planned services. */
export async function launchesReport(db: Executor, today: string, years = 5, f: ServiceFilter = {}) {
  const since = `${Number(today.slice(0, 4)) - years}-01-01`;
  const all = await listServiceRows(db, f);
  const launched = all.filter((s) => s.launchedOn && s.launchedOn >= since && s.launchedOn <= today && s.status !== 'planned').sort((a, b) => b.launchedOn!.localeCompare(a.launchedOn!));
  // A planned service whose date has passed is overdue, not planned: its provider and DFØ see it on the provider's page.
  const planned = all.filter((s) => (s.status === 'planned' || (s.plannedOn !== null && s.plannedOn > today)) && !plannedOverdue(s.status, s.plannedOn, today)).sort((a, b) => (a.plannedOn ?? '9999').localeCompare(b.plannedOn ?? '9999') || a.slug.localeCompare(b.slug));
  return { since, launched, planned };
}

// ── Recommendations ──────────────────────────────────────────────────────────────────────────────────────────────

export interface RecommendationAgency {
  orgnr: string;
  kind: OrganisationKind;
  ministryOrgnr: string | null;
  employees: number | null;
  deletedOn: string | null;
}

/** The kinds an agency is compared with: state bodies with state bodies, municipalities with municipalities. */
function kindFamily(kind: OrganisationKind): readonly OrganisationKind[] {
  if ((STATE_KINDS as readonly string[]).includes(kind)) return STATE_KINDS;
  if ((MUNICIPAL_KINDS as readonly string[]).includes(kind)) return MUNICIPAL_KINDS;
  return [kind];
}

export interface Recommendation {
  service: ServiceRow;
  eligibility: 'yes' | 'unknown';
  score: number;
  similar: { users: number; peers: number };
  sameMinistry: { users: number; peers: number } | null;
  sameSize: { users: number; peers: number } | null;
  mandatory: boolean;
  reasons: RecommendationReason[];
}

/**
 * "Hva kan vi bruke?": services the agency may use and does not, active or in pilot, ranked by use among similar
 * agencies (see src/domain/recommendations.ts), grouped by area; plus planned services it will be able to use.
 */
export async function recommendationsFor(db: Executor, th: SizeThresholds, today: string, a: RecommendationAgency, lang: Language) {
  const ministryArea = ministryAreaOf(a);
  const sizeClass = sizeClassOf(a.employees, th);
  const me = { orgnr: a.orgnr, kinds: kindFamily(a.kind), ministryArea, sizeClass };
  const [services, inUse, usage, groups] = await Promise.all([listServiceRows(db), servicesInUse(db, a.orgnr, today), peerUsage(db, me, th, today), peerGroups(db, me, th)]);
  const eligibility = (s: ServiceRow) => (a.deletedOn ? 'no' : groupEligibility({ kind: a.kind, ministryArea, sizeClass, count: 1 }, s));
  const usageById = new Map(usage.map((u) => [u.serviceId, u]));
  // Never what it uses or a part or whole of it, never what it may not (or may not be shown to) use.
  const related = servicesRelatedTo(services, inUse);
  const open = services.filter((s) => !related.has(s.id) && eligibility(s) === 'yes');
  // Peers that may use a service, per cohort; the same for every service with the same target group and ministry.
  const peerCounts = new Map<string, { m: number; z: number; u: number }>();
  const peersFor = (s: ServiceRow) => {
    const key = `${s.targetGroup}:${s.targetMinistryOrgnr ?? ''}`;
    let c = peerCounts.get(key);
    if (!c) {
      c = { m: 0, z: 0, u: 0 };
      for (const g of groups) {
        if (groupEligibility(g.group, s) === 'no') continue;
        if (g.sameMinistry) c.m += g.group.count;
        if (g.sameSize) c.z += g.group.count;
        c.u += g.group.count;
      }
      peerCounts.set(key, c);
    }
    return c;
  };
  const candidates = open
    .filter((s) => s.status === 'active' || s.status === 'pilot')
    .map((s) => {
      const e = eligibility(s) as 'yes' | 'unknown';
      const { m, z, u } = peersFor(s);
      const used = usageById.get(s.id);
      return {
        service: s,
        eligibility: e,
        sameMinistry: ministryArea ? { users: used?.ministryUsers ?? 0, peers: m } : null,
        sameSize: sizeClass !== 'unknown' ? { users: used?.sizeUsers ?? 0, peers: z } : null,
        similar: { users: used?.similarUsers ?? 0, peers: u },
        mandatory: s.obligation !== 'voluntary',
      };
    });
  const name = (s: ServiceRow) => pickText(s.name, lang).text;
  const ranked: Recommendation[] = rankRecommendations(candidates, (x, y) => norwegianCollator.compare(name(x.service), name(y.service)));
  const planned = open.filter((s) => s.status === 'planned' && !plannedOverdue(s.status, s.plannedOn, today)).sort((x, y) => norwegianCollator.compare(name(x), name(y)));
  return { asOf: today, sizeClass, ministryArea, usesCount: inUse.size, recommendations: ranked, planned };
}
export type RecommendationReport = Awaited<ReturnType<typeof recommendationsFor>>;

export { COVERAGE_KINDS };
