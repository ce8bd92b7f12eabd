import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/database.js';
import { cachedRead } from '../../db/readCache.js';
import { agencies, areas, networkAreas, networkMembers, networks, providers, services } from '../../db/schema/index.js';
import type { LocalizedText } from '../../domain/catalogue.js';
import type { NetworkKind } from '../../domain/collaboration.js';
import { norwegianCollator } from '../../web/i18n/index.js';
import { standingRowForUpdate } from '../shared/standingRow.js';

const ministry = alias(agencies, 'ministry');

export interface NetworkRow {
  id: string;
  slug: string;
  kind: NetworkKind;
  name: LocalizedText;
  description: LocalizedText;
  countyName: string | null;
  municipalityNumber: string | null;
  municipalityName: string | null;
  meetingPlace: string | null;
  contactName: string | null;
  contactEmail: string | null;
  factSource: string;
  sourceRef: string | null;
  updatedAt: Date;
  facilitator: { id: string; slug: string; name: LocalizedText } | null;
  ministry: { orgnr: string; name: LocalizedText } | null;
  service: { slug: string; name: LocalizedText } | null;
  areas: { slug: string; name: LocalizedText; sortOrder: number }[];
  memberCount: number;
  memberOrgnrs: string[];
}

/**
 * Every network with its areas, facilitator and current members (organisation numbers), sorted by name. Cached per
 * catalogue version: networks, their areas and members bump it (migration 0008).
 */
export function allNetworks(db: Executor): Promise<NetworkRow[]> {
  return cachedRead(db, 'networks:all', async () => {
    const [rows, areaRows, memberRows] = await Promise.all([
      db
        .select({
          n: networks,
          facilitator: { id: providers.id, slug: providers.slug, name: providers.name },
          ministry: { orgnr: ministry.orgnr, name: ministry.name },
          service: { slug: services.slug, name: services.name },
        })
        .from(networks)
        .leftJoin(providers, eq(providers.id, networks.facilitatorProviderId))
        .leftJoin(ministry, eq(ministry.orgnr, networks.ministryOrgnr))
        .leftJoin(services, eq(services.id, networks.serviceId)),
      db
        .select({ networkId: networkAreas.networkId, slug: areas.slug, name: areas.name, sortOrder: areas.sortOrder })
        .from(networkAreas)
        .innerJoin(areas, eq(areas.slug, networkAreas.areaSlug))
        .orderBy(asc(areas.sortOrder)),
      db.select({ networkId: networkMembers.networkId, orgnr: networkMembers.agencyOrgnr }).from(networkMembers).where(isNull(networkMembers.leftAt)),
    ]);
    return rows
      .map(({ n, facilitator, ministry: m, service }) => {
        const members = memberRows.filter((x) => x.networkId === n.id).map((x) => x.orgnr);
        return {
          id: n.id,
          slug: n.slug,
          kind: n.kind,
          name: n.name,
          description: n.description,
          countyName: n.countyName,
          municipalityNumber: n.municipalityNumber,
          municipalityName: n.municipalityName,
          meetingPlace: n.meetingPlace,
          contactName: n.contactName,
          contactEmail: n.contactEmail,
          factSource: n.factSource,
          sourceRef: n.sourceRef,
          updatedAt: n.updatedAt,
          facilitator: facilitator?.id ? facilitator : null,
          ministry: m?.orgnr ? m : null,
          service: service?.slug ? service : null,
          areas: areaRows.filter((a) => a.networkId === n.id).map(({ networkId: _, ...a }) => a),
          memberCount: members.length,
          memberOrgnrs: members,
        };
      })
      .sort((a, b) => norwegianCollator.compare(a.name.nb, b.name.nb));
  });
}

export interface NetworkFilter {
  kind?: NetworkKind | undefined;
  area?: string | undefined;
  county?: string | undefined;
  member?: string | undefined;
}

export async function listNetworks(db: Executor, f: NetworkFilter = {}): Promise<NetworkRow[]> {
  return (await allNetworks(db)).filter(
    (n) =>
      (!f.kind || n.kind === f.kind) &&
      (!f.area || n.areas.some((a) => a.slug === f.area)) &&
      (!f.county || n.countyName === f.county) &&
      (!f.member || n.memberOrgnrs.includes(f.member)),
  );
}

export async function getNetwork(db: Executor, slug: string) {
  const n = (await allNetworks(db)).find((x) => x.slug === slug);
  if (!n) return undefined;
  const members = await cachedRead(db, `network:${slug}:members`, () =>
    db
      .select({ orgnr: agencies.orgnr, name: agencies.name, since: networkMembers.joinedAt })
      .from(networkMembers)
      .innerJoin(agencies, eq(agencies.orgnr, networkMembers.agencyOrgnr))
      .where(and(eq(networkMembers.networkId, n.id), isNull(networkMembers.leftAt))),
  );
  return { ...n, members: [...members].sort((a, b) => norwegianCollator.compare(a.name.nb, b.name.nb)) };
}

export type NetworkDetail = NonNullable<Awaited<ReturnType<typeof getNetwork>>>;

/** The current membership row of an agency in a network, locked for the change. */
export async function currentMembership(tx: Executor, networkId: string, orgnr: string) {
  return standingRowForUpdate(tx, networkMembers, networkMembers.leftAt, eq(networkMembers.networkId, networkId), eq(networkMembers.agencyOrgnr, orgnr));
}

/** Areas by slug that exist (to check a form's choices). */
export async function knownAreas(db: Executor, slugs: string[]): Promise<string[]> {
  if (slugs.length === 0) return [];
  return (await db.select({ slug: areas.slug }).from(areas).where(inArray(areas.slug, slugs))).map((r) => r.slug);
}

/** A free slug from a name: the name's slug, or with -2, -3 … when taken. */
export async function freeNetworkSlug(db: Executor, base: string): Promise<string> {
  const taken = new Set(
    (await db.select({ slug: networks.slug }).from(networks).where(sql`${networks.slug} = ${base} or ${networks.slug} like ${base + '-%'}`)).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** The services that are networks, as choices for a network's form. */
export function networkServiceOptions(db: Executor): Promise<{ slug: string; name: LocalizedText }[]> {
  return db.select({ slug: services.slug, name: services.name }).from(services).where(eq(services.model, 'network'));
}
