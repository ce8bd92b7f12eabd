/**
 * Statistics queries: coverage, adoption, tiers, trends and recommendations from the catalogue and the usage
 * register. The database aggregates (agencies × subscriptions can be hundreds of thousands of rows); the rules that
 * classify and rank stay in src/domain and run over the aggregates. See bench/stats.ts for timings at 10× scale.
 */
import { sql, type SQL } from 'drizzle-orm';
import { DELIVERY_MODELS, type DeliveryModel, type Language, type LocalizedText, type Obligation, ORGANISATION_KINDS, type OrganisationKind, type ServiceKind, type ServiceStatus, type TargetGroup } from '../../domain/catalogue.js';
import { type CoverageGroupCount, summarizeCoverage } from '../../domain/coverage.js';
import { type Eligibility, eligibilityOf, STATE_KINDS } from '../../domain/eligibility.js';
import { REPORT_SIZE_THRESHOLDS, SIZE_CLASSES, type SizeClass, type SizeThresholds } from '../../domain/sizeClass.js';
import { type Executor, queryRows } from '../../db/database.js';
import { sortByName } from '../shared/present.js';
import { agencyFromRow } from './agencyRows.js';
import { activeOnSql, activePairsSql, declaredOnSql, eligibilityUnknownSql, eligibleSql, inList, ministryAreaSql, modelBitSql, sizeClassSql } from './sql.js';

/** Which organisations a figure is about. Defaults to the state bodies (ministries, agencies, others) that exist. */
export interface PopulationFilter {
  kinds: readonly OrganisationKind[];
  /** Ministry area: the ministry and the agencies under it. */
  ministry?: string | undefined;
  sizes?: readonly SizeClass[] | undefined;
}

export const defaultPopulation = (): PopulationFilter => ({ kinds: STATE_KINDS });

function populationWhere(a: string, f: PopulationFilter, th: SizeThresholds): SQL {
  const parts: SQL[] = [sql.raw(`${a}.deleted_on is null`), inList(sql.raw(`${a}.kind`), f.kinds)];
  if (f.ministry) parts.push(sql`${ministryAreaSql(a)} = ${f.ministry}`);
  if (f.sizes?.length) parts.push(inList(sizeClassSql(sql.raw(`${a}.employees`), th), f.sizes));
  return sql.join(parts, sql` and `);
}

export interface AreaRow {
  slug: string;
  name: LocalizedText;
  sortOrder: number;
  gapArea: boolean;
}

export async function listAreaRows(db: Executor): Promise<AreaRow[]> {
  const rows = await queryRows<{ slug: string; name: LocalizedText; sort_order: number; gap_area: boolean }>(
    db,
    sql`select slug, name, sort_order, gap_area from areas order by sort_order, slug`,
  );
  return rows.map((r) => ({ slug: r.slug, name: r.name, sortOrder: Number(r.sort_order), gapArea: r.gap_area }));
}

/**
 * A condition on org number column `col`: the agency is in half `half` (0 or 1) of the agencies, by a hash of the
 * number. Every agency is in one half, so a count of agencies (or of their subscriptions) is the sum of the halves'
 * counts. Migration 0029 keeps statistics on the expression over subscriptions, so the planner knows a half is half
 * the rows (without them it expected 0.5 % and sorted the rows where it hashes them).
 */
const agencyHalfSql = (col: string, half: 0 | 1) => sql.raw(`hashtext(${col}) & 1 = ${half}`);

/**
 * `count` for each half of the agencies at once. On PostgreSQL the two statements run on two pool connections, so
 * on two cores: customerTrends at 10 × scale took ~230 ms in one statement and ~125 ms per half, the halves side by
 * side. PGlite (one connection) runs them one after the other. `db` must be the database, not a transaction (whose
 * one connection the halves would share).
 */
function inHalves<T>(count: (half: 0 | 1) => Promise<T>): Promise<[T, T]> {
  return Promise.all([count(0), count(1)]);
}

/** The halves' rows added up per the row's `id`: its `sums` columns summed, the others as the first half had them. */
function addUp<R extends Record<string, unknown>>(sums: readonly string[], id: (r: R) => string, halves: readonly R[][]): R[] {
  const total = new Map<string, Record<string, unknown>>();
  for (const r of halves.flat()) {
    const sum = total.get(id(r));
    if (!sum) total.set(id(r), { ...r });
    else for (const c of sums) sum[c] = Number(sum[c]) + Number(r[c]);
  }
  return [...total.values()] as R[];
}

/** The per-point count columns (`p0…`) of a trend's rows, which the halves add up. */
const pointColumns = (points: readonly string[]) => points.map((_, i) => `p${i}`);

/** `own`: the areas the agencies of `pop` declare in-house on `today`; `only` restricts the rows further (`and …`). */
const inHouseCte = (today: string, only: SQL = sql``) => sql`own as (
          select distinct h.agency_orgnr as orgnr, h.area_slug as area
            from agency_in_house_areas h join pop on pop.orgnr = h.agency_orgnr
           where ${declaredOnSql('h', today)}${only})`;

/**
 * `pop` (the population's agencies, optionally only some), `cells` (per agency and area: the OR of the delivery
 * models' bits of its active subscriptions) and `own` (areas declared in-house), joined in full as `coverage`.
 */
function coverageCte(f: PopulationFilter, th: SizeThresholds, today: string, orgnrs?: readonly string[]): SQL {
  const only = orgnrs ? sql` and ${inList(sql.raw('a.orgnr'), orgnrs)}` : sql``;
  return sql`with pop as (select a.orgnr from agencies a where ${populationWhere('a', f, th)}${only}),
        cells as (
          select x.agency_orgnr as orgnr, s.area_slug as area, bit_or(${modelBitSql('s')}) as mask
            from subscriptions x join pop on pop.orgnr = x.agency_orgnr join services s on s.id = x.service_id
           where ${activeOnSql('x', today)}
           group by 1, 2),
        ${inHouseCte(today)},
        coverage as (
          select coalesce(c.orgnr, o.orgnr) as orgnr, coalesce(c.area, o.area) as area, coalesce(c.mask, 0)::int as mask, (o.orgnr is not null) as in_house
            from cells c full join own o on o.orgnr = c.orgnr and o.area = c.area)`;
}

/** Areas per packed bigint in coverageGroups: four model bits each, 60 bits, clear of the sign bit. */
const AREAS_PER_WORD = 15;

/**
 * The population's agencies counted per (area, model set, in-house), as coverageCte grouped would count them, in one
 * pass per agency: each active subscription contributes its model's bit at its area's place in a bigint (four bits
 * per area, AREAS_PER_WORD areas per word), OR-ed per agency. Grouping 10,000 agencies instead of 100,000
 * (agency, area) cells was about half of the coverage summary's time at 10 × scale (EXPLAIN ANALYZE on PostgreSQL).
 * The words are then unpacked per area and joined with the in-house declarations as coverageCte does. Each half of
 * the agencies is counted apart, the two at once (inHalves), and the groups' counts added up.
 */
export async function coverageGroups(db: Executor, f: PopulationFilter, th: SizeThresholds, today: string) {
  const n = sql.raw(String(AREAS_PER_WORD));
  type Row = { area: string; mask: number; in_house: boolean; n: number };
  const count = (half: 0 | 1) => queryRows<Row>(
    db,
    sql`with pop as (select a.orgnr from agencies a where ${populationWhere('a', f, th)}),
        ar as (select slug, (row_number() over (order by slug) - 1)::int as i from areas),
        svc as (select s.id, ar.i / ${n} as word, (${modelBitSql('s')})::bigint << (4 * (ar.i % ${n})) as bits
                  from services s join ar on ar.slug = s.area_slug),
        packed as (
          select x.agency_orgnr as orgnr, v.word, bit_or(v.bits) as m
            from subscriptions x join pop on pop.orgnr = x.agency_orgnr join svc v on v.id = x.service_id
           where ${activeOnSql('x', today)} and ${agencyHalfSql('x.agency_orgnr', half)}
           group by 1, 2),
        cells as (
          select p.orgnr, ar.slug as area, ((p.m >> (4 * (ar.i % ${n}))) & 15)::int as mask
            from packed p join ar on ar.i / ${n} = p.word
           where ((p.m >> (4 * (ar.i % ${n}))) & 15) <> 0),
        ${inHouseCte(today, sql` and ${agencyHalfSql('h.agency_orgnr', half)}`)},
        coverage as (
          select coalesce(c.area, o.area) as area, coalesce(c.mask, 0) as mask, (o.orgnr is not null) as in_house
            from cells c full join own o on o.orgnr = c.orgnr and o.area = c.area)
      select area, mask, in_house, count(*)::int as n from coverage group by 1, 2, 3`,
  );
  // Both halves may count a group: its agencies are added up.
  const groups = addUp(['n'], (g: Row) => `${g.area} ${g.mask} ${g.in_house}`, await inHalves(count));
  return groups.map((g): CoverageGroupCount => ({ area: g.area, mask: Number(g.mask), inHouse: g.in_house, agencies: Number(g.n) }));
}

export async function populationCount(db: Executor, f: PopulationFilter, th: SizeThresholds): Promise<number> {
  const [r] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from agencies a where ${populationWhere('a', f, th)}`);
  return Number(r?.n ?? 0);
}

/** Counts per area and arrangement (central … none known) for the population, and how many lack central/sector/group. */
export async function coverageSummary(db: Executor, f: PopulationFilter, th: SizeThresholds, today: string) {
  const [areas, population, groups] = await Promise.all([
    listAreaRows(db),
    populationCount(db, f, th),
    coverageGroups(db, f, th, today),
  ]);
  const summary = summarizeCoverage(
    areas.map((a) => a.slug),
    groups,
    population,
  );
  return { areas, population, summary };
}

export interface PopulationAgency {
  orgnr: string;
  name: LocalizedText;
  kind: OrganisationKind;
  employees: number | null;
  sizeClass: SizeClass;
  ministry: { orgnr: string; name: LocalizedText } | null;
}

/** The agencies of a population, sorted by name (Norwegian collation). */
export async function populationAgencies(db: Executor, f: PopulationFilter, th: SizeThresholds, lang: Language, extra: SQL = sql``): Promise<PopulationAgency[]> {
  const rows = await queryRows<{ orgnr: string; name: LocalizedText; kind: OrganisationKind; employees: number | null; size: SizeClass; m_orgnr: string | null; m_name: LocalizedText | null }>(
    db,
    sql`select a.orgnr, a.name, a.kind, a.employees, ${sizeClassSql(sql.raw('a.employees'), th)} as size, m.orgnr as m_orgnr, m.name as m_name
          from agencies a left join agencies m on m.orgnr = ${ministryAreaSql('a')}
         where ${populationWhere('a', f, th)} ${extra}`,
  );
  return sortByName(
    rows.map((r) => ({ ...agencyFromRow(r), sizeClass: r.size })),
    lang,
  );
}

/** For each agency: area → { mask, inHouse }. Only the agencies given. */
export async function coverageCells(db: Executor, orgnrs: readonly string[], th: SizeThresholds, today: string) {
  const cells = new Map<string, Map<string, { mask: number; inHouse: boolean }>>();
  if (orgnrs.length === 0) return cells;
  const rows = await queryRows<{ orgnr: string; area: string; mask: number; in_house: boolean }>(
    db,
    sql`${coverageCte({ kinds: ORGANISATION_KINDS }, th, today, orgnrs)} select orgnr, area, mask, in_house from coverage`,
  );
  for (const r of rows) {
    let m = cells.get(r.orgnr);
    if (!m) cells.set(r.orgnr, (m = new Map()));
    m.set(r.area, { mask: Number(r.mask), inHouse: r.in_house });
  }
  return cells;
}

/**
 * Agencies with no central, sector or group arrangement in at least one gap area (IT operation, archive): the
 * agencies the report's key gap is about.
 */
export async function gapExposedAgencies(db: Executor, f: PopulationFilter, th: SizeThresholds, today: string, lang: Language) {
  // Covered in every gap area by a central, sector or group service; everyone else is exposed.
  const exposed = sql`and a.orgnr not in (
      select x.agency_orgnr from subscriptions x join services s on s.id = x.service_id join areas g on g.slug = s.area_slug
       where g.gap_area and s.model in ('central', 'sector', 'group') and ${activeOnSql('x', today)}
       group by x.agency_orgnr
      having count(distinct g.slug) = (select count(*) from areas where gap_area))`;
  return populationAgencies(db, f, th, lang, exposed);
}

export interface ServiceRow {
  id: string;
  slug: string;
  name: LocalizedText;
  status: ServiceStatus;
  kind: ServiceKind;
  model: DeliveryModel;
  targetGroup: TargetGroup;
  targetMinistryOrgnr: string | null;
  obligation: Obligation;
  parentId: string | null;
  launchedOn: string | null;
  plannedOn: string | null;
  area: { slug: string; name: LocalizedText; sortOrder: number };
  provider: { slug: string; name: LocalizedText; shortName: string | null };
}

export interface ServiceFilter {
  area?: string | undefined;
  provider?: string | undefined;
  service?: string | undefined;
  ids?: readonly string[] | undefined;
}

export async function listServiceRows(db: Executor, f: ServiceFilter = {}): Promise<ServiceRow[]> {
  const where: SQL[] = [sql`true`];
  if (f.area) where.push(sql`s.area_slug = ${f.area}`);
  if (f.provider) where.push(sql`p.slug = ${f.provider}`);
  if (f.service) where.push(sql`s.slug = ${f.service}`);
  if (f.ids) where.push(inList(sql.raw('s.id::text'), f.ids));
  const rows = await queryRows<Record<string, any>>(
    db,
    sql`select s.id, s.slug, s.name, s.status, s.kind, s.model, s.target_group, s.target_ministry_orgnr, s.obligation, s.parent_service_id,
               s.launched_on::text as launched_on, s.planned_on::text as planned_on,
               a.slug as area_slug, a.name as area_name, a.sort_order as area_order, p.slug as provider_slug, p.name as provider_name, p.short_name as provider_short
          from services s join areas a on a.slug = s.area_slug join providers p on p.id = s.provider_id
         where ${sql.join(where, sql` and `)}`,
  );
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    status: r.status,
    kind: r.kind,
    model: r.model,
    targetGroup: r.target_group,
    targetMinistryOrgnr: r.target_ministry_orgnr,
    obligation: r.obligation,
    parentId: r.parent_service_id,
    launchedOn: r.launched_on,
    plannedOn: r.planned_on,
    area: { slug: r.area_slug, name: r.area_name, sortOrder: Number(r.area_order) },
    provider: { slug: r.provider_slug, name: r.provider_name, shortName: r.provider_short },
  }));
}

/** The organisations that exist, counted by kind, ministry area and size class: the base of every eligible count. */
export interface PopulationGroup {
  kind: OrganisationKind;
  ministryArea: string | null;
  sizeClass: SizeClass;
  count: number;
}

export async function populationGroups(db: Executor, th: SizeThresholds, extra: SQL = sql`true`): Promise<PopulationGroup[]> {
  const rows = await queryRows<{ kind: OrganisationKind; area: string | null; size: SizeClass; n: number }>(
    db,
    sql`select a.kind, ${ministryAreaSql('a')} as area, ${sizeClassSql(sql.raw('a.employees'), th)} as size, count(*)::int as n
          from agencies a where a.deleted_on is null and ${extra} group by 1, 2, 3`,
  );
  return rows.map((r) => ({ kind: r.kind, ministryArea: r.area, sizeClass: r.size, count: Number(r.n) }));
}

/** eligibilityOf for everyone in a population group (they share kind and ministry area). */
export function groupEligibility(g: PopulationGroup, s: Pick<ServiceRow, 'targetGroup' | 'targetMinistryOrgnr'>): Eligibility {
  const rep = { orgnr: g.kind === 'ministry' ? (g.ministryArea ?? '') : '', kind: g.kind, ministryOrgnr: g.kind === 'ministry' ? null : g.ministryArea };
  return eligibilityOf(rep, s);
}

export interface UsageCount {
  serviceId: string;
  key: string | null;
  /** All active users. */
  users: number;
  /** Active users that are eligible (eligibilityOf = yes). */
  eligibleUsers: number;
}

/**
 * Active users per service, split by size class or by ministry area. Restricted to the services given, or all.
 */
export async function usageBy(db: Executor, by: 'size' | 'ministry', th: SizeThresholds, today: string, serviceIds?: readonly string[], population?: SQL): Promise<UsageCount[]> {
  // By size: the class through a join with the list of classes. The planner cannot estimate how many values the
  // CASE takes and, grouping by it, expected one group per row: it sorted 150,000 rows on disk instead of hashing
  // 7,000 groups at 10 × scale; with the key from a five-row list it hashes (adoption's usage ~2 × faster).
  const key = by === 'size' ? sql.raw('k.k') : ministryAreaSql('a');
  const keyJoin = by === 'size' ? sql` join (values ${sql.join(SIZE_CLASSES.map((c) => sql`(${c})`), sql`, `)}) k(k) on k.k = ${sizeClassSql(sql.raw('a.employees'), th)}` : sql``;
  const only = serviceIds ? sql` and ${inList(sql.raw('x.service_id::text'), serviceIds)}` : sql``;
  const pop = population ? sql` and ${population}` : sql``;
  // Distinct (agency, service) pairs first: an agency counts once per service even if two rows overlap today.
  const rows = await queryRows<{ service_id: string; k: string | null; users: number; eligible_users: number }>(
    db,
    sql`select p.service_id, ${key} as k, count(*)::int as users, count(*) filter (where ${eligibleSql('a', 's')})::int as eligible_users
          from (${activePairsSql(today, only)}) p
          join agencies a on a.orgnr = p.agency_orgnr join services s on s.id = p.service_id${keyJoin}
         where true${pop}
         group by 1, 2`,
  );
  return rows.map((r) => ({ serviceId: r.service_id, key: r.k, users: Number(r.users), eligibleUsers: Number(r.eligible_users) }));
}

export interface TierCount {
  serviceId: string;
  tier: { slug: string; name: LocalizedText; current: boolean; sortOrder: number } | null;
  count: number;
}

/**
 * Active subscriptions per tier (addons left out: they come on top of a tier), for the services that have tiers, of
 * those the filter selects. The services with tiers are found first (a few dozen at 10 × scale), and only their
 * subscriptions are read, through the service index: filtering all 200,000 rows against a list of every service id
 * (a bound parameter each) cost more than the count.
 */
export async function tierCounts(db: Executor, today: string, f: ServiceFilter = {}): Promise<TierCount[]> {
  const tiered = sql`select distinct tt.service_id from tiers tt join services s on s.id = tt.service_id where tt.kind = 'tier' and ${sql.join(serviceWhere(f), sql` and `)}`;
  const rows = await queryRows<{ service_id: string; slug: string | null; name: LocalizedText | null; current: boolean | null; sort_order: number | null; n: number }>(
    db,
    sql`select x.service_id, t.slug, t.name, t.current, t.sort_order, count(*)::int as n
          from subscriptions x left join tiers t on t.id = x.tier_id
         where x.service_id = any(array(${tiered})) and ${activeOnSql('x', today)}
           and (t.id is null or t.kind = 'tier')
         group by 1, 2, 3, 4, 5`,
  );
  return rows
    .map((r) => ({
      serviceId: r.service_id,
      tier: r.slug && r.name ? { slug: r.slug, name: r.name, current: !!r.current, sortOrder: Number(r.sort_order) } : null,
      count: Number(r.n),
    }))
    .sort((a, b) => (a.tier?.sortOrder ?? 1e9) - (b.tier?.sortOrder ?? 1e9));
}

/** The providers that have services (for a filter's choices), without reading every service. */
export async function listServiceProviders(db: Executor): Promise<ServiceRow['provider'][]> {
  const rows = await queryRows<{ slug: string; name: LocalizedText; short_name: string | null }>(
    db,
    sql`select p.slug, p.name, p.short_name from providers p where exists (select 1 from services s where s.provider_id = p.id) order by p.slug`,
  );
  return rows.map((r) => ({ slug: r.slug, name: r.name, shortName: r.short_name }));
}

/** At most this many points in a trend: each is one bit of a bigint. */
export const MAX_TREND_POINTS = 62;

/**
 * A statement with PostgreSQL's JIT compilation off (SET LOCAL, in a read-only transaction of its own, after which
 * the data versions need no reading; given a transaction, a savepoint, and the setting then lasts until that
 * transaction ends). PGlite has no JIT and accepts the setting.
 */
async function withoutJit<T extends Record<string, unknown>>(db: Executor, statement: SQL): Promise<T[]> {
  return db.transaction(
    async (tx) => {
      await tx.execute(sql`set local jit = off`);
      return queryRows<T>(tx, statement);
    },
    { accessMode: 'read only' },
  );
}

/** Keys per packed row in customersOverTime: each is one bigint column of an agency's points for that key. */
const TREND_KEYS_PER_ROW = 16;

/** One customers-over-time count: distinct agencies with a subscription running on `date`, in group `key`. */
export interface TrendCount {
  date: string;
  key: string;
  customers: number;
}

/** The services a ServiceFilter selects, as conditions on services alias `s`. */
function serviceWhere(f: ServiceFilter): SQL[] {
  const where: SQL[] = [sql`true`];
  if (f.area) where.push(sql`s.area_slug = ${f.area}`);
  if (f.provider) where.push(sql`s.provider_id = (select id from providers where slug = ${f.provider})`);
  if (f.ids) where.push(inList(sql.raw('s.id::text'), f.ids));
  return where;
}

/**
 * Each dated subscription as the bits of the points it runs on (`span`), with its agency `a` and the columns `cols`
 * (of `x` and the joined services `svc`); `only` restricts the rows further (`and …`). first and last are computed
 * in a subquery kept apart (offset 0): flattened, each width_bucket would run wherever they are used.
 */
function trendSpansSql(points: readonly string[], cols: SQL, join: SQL, names: string, only: SQL = sql``): SQL {
  const pts = sql`array[${sql.join(
    points.map((p) => sql`${p}`),
    sql`, `,
  )}]::date[]`;
  return sql`select a, ${sql.raw(names)}, case when last >= first then (1::bigint << (last + 1)) - (1::bigint << first) end as span from (
            select x.agency_orgnr as a, ${cols},
                   width_bucket(x.started_on - 1, ${pts}) as first, width_bucket(coalesce(x.ended_on, 'infinity'::date), ${pts}) - 1 as last
              from subscriptions x${join}
             where x.started_on is not null${only} offset 0) b`;
}

/** `bit_or(span)` per packed column: `m<j>` for the rows whose `col` is j, j < width. */
const maskColumns = (width: number, col: string, prefix: string) =>
  sql.raw(
    Array.from({ length: width }, (_, j) => `bit_or(span) filter (where ${col} = ${j}) as ${prefix}${j}`).join(', '),
  );

/**
 * (`j`, mask, rows) for each column `<prefix>j` of `rows`, grouped also by `by` when given: one GROUPING SETS
 * aggregate, a hash table per column, in one pass. A column's grouping set leaves the other columns null, so the
 * mask is their coalesce and `j` the column that is grouped. Unpacking each row into a row per column (a lateral
 * VALUES list) and grouping those cost about twice as much: 160,000 rows made and hashed for 10,000 agencies at
 * 10 × scale (PostgreSQL, EXPLAIN ANALYZE).
 */
function maskGroupsSql(rows: string, prefix: string, width: number, by?: string): SQL {
  const cols = Array.from({ length: width }, (_, j) => `${prefix}${j}`);
  const which = cols.map((c, j) => `when grouping(${c}) = 0 then ${j}`).join(' ');
  const sets = cols.map((c) => (by ? `(${by}, ${c})` : `(${c})`)).join(', ');
  return sql.raw(`select ${by ? `${by}, ` : ''}(case ${which} end) as j, coalesce(${cols.join(', ')}) as m, count(*) as n
                from ${rows} group by grouping sets (${sets}) having coalesce(${cols.join(', ')}) <> 0`);
}

/** (key, mask, agencies) from the packed rows' columns `m0…m<width-1>`, keys numbered in `svc` by `i`. */
function unpackKeysSql(width: number): SQL {
  return sql`select keys.k, g.m, g.n from (${maskGroupsSql('packed', 'm', width, 'word')}) g
              join (select distinct i, k from svc) keys on keys.i = g.word * ${sql.raw(String(width))} + g.j`;
}

/** (size class, mask, agencies) from one mask per agency (`rows`, columns a and `mask`), by the agency's size now. */
const unpackSizeSql = (rows: string, mask: string, th: SizeThresholds) =>
  sql`select ${sizeClassSql(sql.raw('ag.employees'), th)} as k, p.${sql.raw(mask)} as m, count(*) as n from ${sql.raw(rows)} p join agencies ag on ag.orgnr = p.a where p.${sql.raw(mask)} <> 0 group by 1, 2`;

/** The per-point sums of (key, mask, agencies) rows `km`: one column p<i> per point. */
const pointSumsSql = (points: readonly string[]) =>
  sql.join(
    points.map((_, i) => sql.raw(`coalesce(sum(n) filter (where (m >> ${i}) & 1 = 1), 0)::int as p${i}`)),
    sql`, `,
  );

const trendCountsOf = (points: readonly string[], r: Record<string, unknown> & { k: string }): TrendCount[] => points.map((date, i) => ({ date, key: r.k, customers: Number(r[`p${i}`] ?? 0) }));

function checkPoints(points: readonly string[], what: string) {
  if (points.length > MAX_TREND_POINTS) throw new Error(`${what}: at most ${MAX_TREND_POINTS} points`);
}

/**
 * Customers (distinct agencies) per point in time, by area, service, delivery model or size class. Subscriptions
 * without a start date are left out. Each subscription covers a run of points (found with width_bucket over the
 * sorted points); its points become bits of a bigint, OR-ed per agency and key, so an agency with several
 * subscriptions in an area counts once per point without a join of points × subscriptions. Points must be sorted and
 * at most MAX_TREND_POINTS.
 *
 * Grouped per agency, not per (agency, key): the keys (numbered in `svc`) are TREND_KEYS_PER_ROW columns of one row
 * per agency (and word of keys), filled with FILTER, then unpacked into (key, mask) counts. Hashing 100,000
 * (agency, area) groups was over half of the trend's time at 10 × scale; 10,000 agency rows cost a third of that
 * (PostgreSQL, EXPLAIN ANALYZE and the backend's CPU time). By size class (the agency's size now: the register keeps
 * no history of head counts) the key is the agency's own, so the masks are OR-ed per agency and the agencies joined
 * after: 10,000 rows instead of 200,000. customerTrends counts a page's three trends in one pass. Each half of the
 * agencies is counted apart, the two at once (inHalves).
 */
export async function customersOverTime(db: Executor, points: readonly string[], by: 'area' | 'service' | 'size' | 'model', f: ServiceFilter = {}, th: SizeThresholds = REPORT_SIZE_THRESHOLDS): Promise<TrendCount[]> {
  if (points.length === 0) return [];
  checkPoints(points, 'customersOverTime');
  const where = serviceWhere(f);
  // The services counted, each with its key's number `i` (by size: no key, and no join unless filtered).
  const key = by === 'area' ? sql.raw('s.area_slug') : by === 'service' ? sql.raw('s.id::text') : sql.raw('s.model');
  const svc = by === 'size' ? sql`select s.id, 0 as i from services s` : sql`select s.id, ${key} as k, (dense_rank() over (order by ${key}) - 1)::int as i from services s`;
  const join = by === 'size' && where.length === 1 ? sql`` : sql` join svc on svc.id = x.service_id`;
  const width = by === 'size' ? 1 : by === 'model' ? DELIVERY_MODELS.length : TREND_KEYS_PER_ROW;
  const w = sql.raw(String(width));
  const spans = (half: 0 | 1) => trendSpansSql(points, by === 'size' ? sql`0 as word, 0 as j` : sql`svc.i / ${w} as word, svc.i % ${w} as j`, join, 'word, j', sql` and ${agencyHalfSql('x.agency_orgnr', half)}`);
  const packed = sql`select a, word, ${maskColumns(width, 'j', 'm')} from spans group by a, word`;
  const km = by === 'size' ? unpackSizeSql('packed', 'm0', th) : unpackKeysSql(width);
  // Without JIT: the FILTER columns raise the plan's estimated cost above jit_above_cost at 10 × scale, and compiling
  // the expressions took longer than running them (+100–300 ms per trend on PostgreSQL 15 with jit = on, its default).
  type Row = Record<string, unknown> & { k: string };
  const count = (half: 0 | 1) => withoutJit<Row>(
    db,
    sql`with svc as not materialized (${svc} where ${sql.join(where, sql` and `)}),
        spans as (${spans(half)}),
        packed as (${packed}),
        km as (${km})
      select k, ${pointSumsSql(points)} from km group by k`,
  );
  return addUp(pointColumns(points), (r: Row) => r.k, await inHalves(count)).flatMap((r) => trendCountsOf(points, r));
}

/** What customerTrends counts: by area or service, by delivery model and by size class. */
export interface CustomerTrends {
  byKey: TrendCount[];
  byModel: TrendCount[];
  bySize: TrendCount[];
}

/**
 * The trends page's three counts in one pass, each equal to customersOverTime's: by area (or service), by delivery
 * model and by size class, of the same services. The subscriptions are read, joined and grouped per agency once: the
 * packed row of an agency carries its key columns, one column per delivery model and the OR of all its spans; the
 * model and size counts come from those columns (OR-ed again per agency when the keys take more than one word).
 * Separately the three trends read and grouped the 200,000 rows three times (at 10 × scale on PostgreSQL, about
 * 430 ms of the database's CPU for the page's trends, against about 370 in one pass). Each half of the agencies is
 * counted by a statement of its own, the two at once (inHalves), and their counts added up: an agency is in one half.
 */
export async function customerTrends(db: Executor, points: readonly string[], by: 'area' | 'service', f: ServiceFilter = {}, th: SizeThresholds = REPORT_SIZE_THRESHOLDS): Promise<CustomerTrends> {
  if (points.length === 0) return { byKey: [], byModel: [], bySize: [] };
  checkPoints(points, 'customerTrends');
  const key = by === 'area' ? sql.raw('s.area_slug') : sql.raw('s.id::text');
  const model = sql.raw(`(case s.model ${DELIVERY_MODELS.map((m, i) => `when '${m}' then ${i}`).join(' ')} end)`);
  const svc = sql`select s.id, ${key} as k, (dense_rank() over (order by ${key}) - 1)::int as i, ${model} as mi from services s`;
  const w = sql.raw(String(TREND_KEYS_PER_ROW));
  const spans = (half: 0 | 1) => trendSpansSql(points, sql`svc.i / ${w} as word, svc.i % ${w} as j, svc.mi`, sql` join svc on svc.id = x.service_id`, 'word, j, mi', sql` and ${agencyHalfSql('x.agency_orgnr', half)}`);
  const models = DELIVERY_MODELS.length;
  const packed = sql`select a, word, ${maskColumns(TREND_KEYS_PER_ROW, 'j', 'm')}, ${maskColumns(models, 'mi', 'd')}, bit_or(span) as mall from spans group by a, word`;
  const perAgency = sql.raw(`select a, ${Array.from({ length: models }, (_, i) => `bit_or(d${i}) as d${i}`).join(', ')}, bit_or(mall) as mall from packed group by a`);
  const modelNames = sql.raw(`(array[${DELIVERY_MODELS.map((m) => `'${m}'`).join(', ')}])[g.j + 1]`);
  const byModel = sql`select ${modelNames} as k, g.m, g.n from (${maskGroupsSql('agency', 'd', models)}) g`;
  type Row = Record<string, unknown> & { t: 'key' | 'model' | 'size'; k: string };
  const count = (half: 0 | 1) => withoutJit<Row>(
    db,
    sql`with svc as not materialized (${svc} where ${sql.join(serviceWhere(f), sql` and `)}),
        spans as (${spans(half)}),
        packed as (${packed}),
        agency as (${perAgency}),
        km as (select 'key' as t, * from (${unpackKeysSql(TREND_KEYS_PER_ROW)}) k
               union all select 'model', * from (${byModel}) m
               union all select 'size', * from (${unpackSizeSql('agency', 'mall', th)}) z)
      select t, k, ${pointSumsSql(points)} from km group by t, k`,
  );
  const rows = addUp(pointColumns(points), (r: Row) => `${r.t} ${r.k}`, await inHalves(count));
  const of = (t: string) => rows.filter((r) => r.t === t).flatMap((r) => trendCountsOf(points, r));
  return { byKey: of('key'), byModel: of('model'), bySize: of('size') };
}

/** Active subscriptions whose start date is not known: they cannot be placed in time. */
export async function undatedActive(db: Executor, today: string): Promise<number> {
  const [r] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from subscriptions x where x.started_on is null and ${activeOnSql('x', today)}`);
  return Number(r?.n ?? 0);
}

/** The first year any subscription started (for the trend's first point). */
export async function firstSubscriptionYear(db: Executor): Promise<number | null> {
  const [r] = await queryRows<{ y: number | null }>(db, sql`select extract(year from min(started_on))::int as y from subscriptions`);
  return r?.y === null || r?.y === undefined ? null : Number(r.y);
}

export interface CohortCounts {
  serviceId: string;
  ministryUsers: number;
  sizeUsers: number;
  similarUsers: number;
}

export interface SimilarityKey {
  orgnr: string;
  kinds: readonly OrganisationKind[];
  ministryArea: string | null;
  sizeClass: SizeClass;
}

/** The peers' condition on agencies alias `a`: same kind family, not the agency itself, same ministry area or size. */
function peerSql(me: SimilarityKey, th: SizeThresholds) {
  const sameMinistry = me.ministryArea ? sql`${ministryAreaSql('a')} = ${me.ministryArea}` : sql`false`;
  const sameSize = me.sizeClass !== 'unknown' ? sql`${sizeClassSql(sql.raw('a.employees'), th)} = ${me.sizeClass}` : sql`false`;
  return { sameMinistry, sameSize, base: sql`a.deleted_on is null and a.orgnr <> ${me.orgnr} and ${inList(sql.raw('a.kind'), me.kinds)}` };
}

/** Users of each service among the agency's peers (by cohort), counting only peers for whom eligibility is yes or unknown. */
export async function peerUsage(db: Executor, me: SimilarityKey, th: SizeThresholds, today: string): Promise<CohortCounts[]> {
  const p = peerSql(me, th);
  const rows = await queryRows<{ service_id: string; m: number; z: number; u: number }>(
    db,
    sql`select x.service_id,
               count(*) filter (where ${p.sameMinistry})::int as m,
               count(*) filter (where ${p.sameSize})::int as z,
               count(*)::int as u
          from (${activePairsSql(today)}) x join agencies a on a.orgnr = x.agency_orgnr join services s on s.id = x.service_id
         where ${p.base} and (${p.sameMinistry} or ${p.sameSize})
           and (${eligibleSql('a', 's')} or ${eligibilityUnknownSql('a', 's')})
         group by 1`,
  );
  return rows.map((r) => ({ serviceId: r.service_id, ministryUsers: Number(r.m), sizeUsers: Number(r.z), similarUsers: Number(r.u) }));
}

/** The agency's peers grouped like populationGroups, with which cohorts each group is in. */
export async function peerGroups(db: Executor, me: SimilarityKey, th: SizeThresholds) {
  const p = peerSql(me, th);
  const rows = await queryRows<{ kind: OrganisationKind; area: string | null; size: SizeClass; m: boolean; z: boolean; n: number }>(
    db,
    sql`select a.kind, ${ministryAreaSql('a')} as area, ${sizeClassSql(sql.raw('a.employees'), th)} as size,
               (${p.sameMinistry}) as m, (${p.sameSize}) as z, count(*)::int as n
          from agencies a
         where ${p.base} and (${p.sameMinistry} or ${p.sameSize})
         group by 1, 2, 3, 4, 5`,
  );
  return rows.map((r) => ({ group: { kind: r.kind, ministryArea: r.area, sizeClass: r.size, count: Number(r.n) } as PopulationGroup, sameMinistry: r.m, sameSize: r.z }));
}

/** The services an agency uses today (ids). */
export async function servicesInUse(db: Executor, orgnr: string, today: string): Promise<Set<string>> {
  const rows = await queryRows<{ id: string }>(db, sql`select distinct x.service_id as id from subscriptions x where x.agency_orgnr = ${orgnr} and ${activeOnSql('x', today)}`);
  return new Set(rows.map((r) => r.id));
}

export { SIZE_CLASSES };
