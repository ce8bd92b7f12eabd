import { and, asc, desc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { agencies, areas, needs, networks, providers, services, subscriptions } from '../../db/schema/index.js';
import type { LocalizedText } from '../../domain/catalogue.js';
import type { NeedStatus } from '../../domain/collaboration.js';
import { eligibilityOf, ministryAreaOf } from '../../domain/eligibility.js';
import { type MatchNeed, rankSimilarNeeds } from '../../domain/matchmaking.js';
import { sizeClassOf, type SizeThresholds } from '../../domain/sizeClass.js';
import { activeSubscription } from '../services/queries.js';
import { norwegianCollator } from '../../web/i18n/index.js';
import { listNetworks } from '../networks/queries.js';

/** Which needs a reader sees: all (administrators) or their agencies', their ministries' and the shared ones. */
export type NeedScope = { all: true } | { all: false; agencyOrgnrs: string[]; ministryOrgnrs: string[]; shared: boolean };

function scopeCondition(s: NeedScope): SQL | undefined {
  if (s.all) return undefined;
  const parts: SQL[] = [];
  if (s.agencyOrgnrs.length) parts.push(inArray(needs.agencyOrgnr, s.agencyOrgnrs));
  if (s.ministryOrgnrs.length) parts.push(inArray(agencies.ministryOrgnr, s.ministryOrgnrs), inArray(agencies.orgnr, s.ministryOrgnrs));
  if (s.shared) parts.push(eq(needs.visibility, 'agencies'));
  return parts.length ? or(...parts) : sql`false`;
}

const metService = { slug: services.slug, name: services.name };
const metNetwork = { slug: networks.slug, name: networks.name };

export interface NeedFilter {
  scope: NeedScope;
  area?: string | undefined;
  agency?: string | undefined;
  status?: NeedStatus | undefined;
  ids?: string[] | undefined;
}

/** Needs with their agency and area, newest first. */
export async function listNeeds(db: Executor, f: NeedFilter) {
  const rows = await db
    .select({
      need: needs,
      agency: {
        orgnr: agencies.orgnr,
        name: agencies.name,
        kind: agencies.kind,
        employees: agencies.employees,
        ministryOrgnr: agencies.ministryOrgnr,
        municipalityNumber: agencies.municipalityNumber,
        municipalityName: agencies.municipalityName,
        countyName: agencies.countyName,
      },
      area: { slug: areas.slug, name: areas.name },
      metService,
      metNetwork,
    })
    .from(needs)
    .innerJoin(agencies, eq(agencies.orgnr, needs.agencyOrgnr))
    .innerJoin(areas, eq(areas.slug, needs.areaSlug))
    .leftJoin(services, eq(services.id, needs.metByServiceId))
    .leftJoin(networks, eq(networks.id, needs.metByNetworkId))
    .where(
      and(
        scopeCondition(f.scope),
        f.area ? eq(needs.areaSlug, f.area) : undefined,
        f.agency ? eq(needs.agencyOrgnr, f.agency) : undefined,
        f.status ? eq(needs.status, f.status) : undefined,
        f.ids ? (f.ids.length ? inArray(needs.id, f.ids) : sql`false`) : undefined,
      ),
    )
    .orderBy(desc(needs.createdAt), asc(needs.id));
  return rows.map(({ need, agency, area, metService: s, metNetwork: n }) => ({
    ...need,
    agency,
    area,
    metByService: s?.slug ? s : null,
    metByNetwork: n?.slug ? n : null,
  }));
}

export type NeedRow = Awaited<ReturnType<typeof listNeeds>>[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getNeed(db: Executor, id: string): Promise<NeedRow | undefined> {
  if (!UUID.test(id)) return undefined;
  return (await listNeeds(db, { scope: { all: true }, ids: [id] }))[0];
}

type MatchFacts = Pick<NeedRow, 'id' | 'areaSlug' | 'urgency' | 'createdAt'> & {
  agency: Pick<NeedRow['agency'], 'orgnr' | 'kind' | 'ministryOrgnr' | 'employees' | 'municipalityNumber' | 'countyName'>;
};

/** A need as matchmaking sees it. */
export function matchNeedOf(n: MatchFacts, thresholds: SizeThresholds): MatchNeed {
  return {
    id: n.id,
    areaSlug: n.areaSlug,
    urgency: n.urgency,
    createdAt: n.createdAt,
    agency: {
      orgnr: n.agency.orgnr,
      municipality: n.agency.municipalityNumber,
      county: n.agency.countyName,
      ministryArea: ministryAreaOf(n.agency),
      sizeClass: sizeClassOf(n.agency.employees, thresholds),
    },
  };
}

/**
 * What the portal suggests for a need: services in the area the agency may use (or may be able to: group schemes
 * and agreements, marked), networks in the area (those in the agency's county first), and other agencies' shared,
 * open needs in the area ranked by similarity (src/domain/matchmaking.ts).
 */
export async function matchesFor(db: Executor, n: NeedRow, thresholds: SizeThresholds, limit = 10) {
  const [serviceRows, inUse, networkRows, candidates] = await Promise.all([
    db
      .select({ id: services.id, slug: services.slug, name: services.name, status: services.status, targetGroup: services.targetGroup, targetMinistryOrgnr: services.targetMinistryOrgnr, provider: { slug: providers.slug, name: providers.name } })
      .from(services)
      .innerJoin(providers, eq(providers.id, services.providerId))
      .where(and(eq(services.areaSlug, n.areaSlug), inArray(services.status, ['active', 'pilot']), isNull(services.parentServiceId))),
    db.select({ serviceId: subscriptions.serviceId }).from(subscriptions).where(and(eq(subscriptions.agencyOrgnr, n.agencyOrgnr), activeSubscription())),
    listNetworks(db, { area: n.areaSlug }),
    // Only what ranking needs; the full rows are read for the best matches only.
    db
      .select({
        id: needs.id,
        areaSlug: needs.areaSlug,
        urgency: needs.urgency,
        createdAt: needs.createdAt,
        agency: { orgnr: agencies.orgnr, kind: agencies.kind, ministryOrgnr: agencies.ministryOrgnr, employees: agencies.employees, municipalityNumber: agencies.municipalityNumber, countyName: agencies.countyName },
      })
      .from(needs)
      .innerJoin(agencies, eq(agencies.orgnr, needs.agencyOrgnr))
      .where(and(eq(needs.areaSlug, n.areaSlug), eq(needs.status, 'open'), eq(needs.visibility, 'agencies'))),
  ]);
  const used = new Set(inUse.map((u) => u.serviceId));
  const agency = { orgnr: n.agency.orgnr, kind: n.agency.kind, ministryOrgnr: n.agency.ministryOrgnr };
  const eligible = serviceRows
    .map((s) => ({ ...s, eligibility: eligibilityOf(agency, s), inUse: used.has(s.id) }))
    .filter((s): s is typeof s & { eligibility: 'yes' | 'unknown' } => s.eligibility !== 'no')
    .sort((a, b) => Number(a.inUse) - Number(b.inUse) || (a.eligibility === b.eligibility ? 0 : a.eligibility === 'yes' ? -1 : 1) || norwegianCollator.compare(a.name.nb, b.name.nb));
  const county = n.agency.countyName;
  const nets = [...networkRows].sort((a, b) => Number(b.countyName === county) - Number(a.countyName === county) || b.memberCount - a.memberCount);
  const ranked = rankSimilarNeeds(matchNeedOf(n, thresholds), candidates.map((c) => matchNeedOf(c, thresholds)), limit);
  const rows = await listNeeds(db, { scope: { all: true }, ids: ranked.map((m) => m.need.id) });
  const similar = ranked.map((m) => ({ need: rows.find((r) => r.id === m.need.id)!, score: m.score, reasons: m.reasons }));
  return { services: eligible, networks: nets, similar };
}

export type NeedMatches = Awaited<ReturnType<typeof matchesFor>>;

/** Every open need with its agency's size class and area: the input for the aggregate table. */
export async function openNeedCells(db: Executor, thresholds: SizeThresholds) {
  const rows = await db
    .select({ areaSlug: needs.areaSlug, urgency: needs.urgency, agencyOrgnr: needs.agencyOrgnr, employees: agencies.employees })
    .from(needs)
    .innerJoin(agencies, eq(agencies.orgnr, needs.agencyOrgnr))
    .where(eq(needs.status, 'open'));
  return rows.map((r) => ({ areaSlug: r.areaSlug, urgency: r.urgency, agencyOrgnr: r.agencyOrgnr, sizeClass: sizeClassOf(r.employees, thresholds) }));
}

export async function areaList(db: Executor): Promise<{ slug: string; name: LocalizedText; sortOrder: number }[]> {
  return db.select({ slug: areas.slug, name: areas.name, sortOrder: areas.sortOrder }).from(areas).orderBy(asc(areas.sortOrder));
}
