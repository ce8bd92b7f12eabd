import { eq } from 'drizzle-orm';
import type { Database, Executor } from '../../db/database.js';
import { agencies, networkAreas, networkMembers, networks, providers, services } from '../../db/schema/index.js';
import { type Language, slugify } from '../../domain/catalogue.js';
import { formatOrgnr } from '../../domain/orgnr.js';
import { capacityForAgency, capacityForProvider, editsAgency, isAdmin, providerScopes } from '../../domain/principal.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import type { Actor } from '../../domain/actor.js';
import { recordAudit } from '../../db/audit.js';
import { recordEvent } from '../../db/events.js';
import { fieldProblem } from '../shared/input.js';
import { mayNetwork } from './policy.js';
import { currentMembership, freeNetworkSlug, knownAreas } from './queries.js';
import type { NetworkInput } from './schema.js';

/** The ids behind a network's references (facilitator, areas, ministry, catalogue entry); a 400 naming the field. */
async function resolve(db: Executor, actor: Actor, input: NetworkInput, lang: Language) {
  const t = messages[lang];
  let facilitatorProviderId: string | null = null;
  const mine = providerScopes(actor.principal);
  if (input.facilitator) {
    const [p] = await db.select({ id: providers.id }).from(providers).where(eq(providers.slug, input.facilitator));
    if (!p) throw fieldProblem('facilitator', t.errors.unknownProvider(input.facilitator));
    facilitatorProviderId = p.id;
  } else if (!isAdmin(actor.principal) && mine.length === 1) {
    facilitatorProviderId = mine[0]!;
  }
  const known = await knownAreas(db, input.areas);
  const unknown = input.areas.find((a) => !known.includes(a));
  if (unknown) throw fieldProblem('areas', t.errors.unknownArea(unknown));
  let ministryOrgnr: string | null = null;
  if (input.ministry) {
    const [m] = await db.select({ orgnr: agencies.orgnr, kind: agencies.kind }).from(agencies).where(eq(agencies.orgnr, input.ministry.replace(/\s/g, '')));
    if (!m || m.kind !== 'ministry') throw fieldProblem('ministry', t.errors.unknownMinistry(input.ministry));
    ministryOrgnr = m.orgnr;
  }
  let serviceId: string | null = null;
  if (input.service) {
    const [s] = await db.select({ id: services.id }).from(services).where(eq(services.slug, input.service));
    if (!s) throw fieldProblem('service', t.errors.unknownService(input.service));
    serviceId = s.id;
  }
  return {
    values: {
      kind: input.kind,
      name: input.name,
      description: input.description,
      facilitatorProviderId,
      ministryOrgnr,
      countyName: input.countyName,
      municipalityNumber: input.municipalityNumber,
      municipalityName: input.municipalityName,
      meetingPlace: input.meetingPlace,
      contactName: input.contactName,
      contactEmail: input.contactEmail,
      serviceId,
    },
    areas: input.areas,
  };
}

const snapshot = (n: typeof networks.$inferSelect, areas: string[]) => ({
  slug: n.slug,
  kind: n.kind,
  name: n.name,
  facilitatorProviderId: n.facilitatorProviderId,
  countyName: n.countyName,
  municipalityNumber: n.municipalityNumber,
  meetingPlace: n.meetingPlace,
  contactEmail: n.contactEmail,
  areas,
});

/** The fields whose values differ, for the members' notice that the network changed (none: no notice). */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const norm = (v: unknown) => JSON.stringify(Array.isArray(v) ? [...v].sort() : v);
  return Object.keys(after).filter((k) => norm(before[k]) !== norm(after[k]));
}

/** The capacity a network change is made in: the facilitator's editor, or an administrator. */
const capacityFor = (actor: Actor, facilitatorProviderId: string | null) =>
  facilitatorProviderId ? capacityForProvider(actor.principal, facilitatorProviderId) : ({ role: 'admin' } as const);

/** networkCreator: a new network with its areas, facilitated by the actor's provider (or by no one, for DFØ). */
export async function createNetwork(db: Database, actor: Actor, input: NetworkInput, lang: Language): Promise<string> {
  const t = messages[lang];
  const { values, areas } = await resolve(db, actor, input, lang);
  if (!values.facilitatorProviderId && !isAdmin(actor.principal)) throw fieldProblem('facilitator', t.network.errors.facilitator);
  if (!mayNetwork(actor.principal, 'create', { facilitatorProviderId: values.facilitatorProviderId })) throw new HttpProblem(403, t.access.notYourProvider);
  return db.transaction(async (tx) => {
    const slug = await freeNetworkSlug(tx, slugify(input.name.nb) || 'nettverk');
    const [row] = await tx.insert(networks).values({ ...values, slug, createdAt: actor.now, updatedAt: actor.now }).returning();
    await tx.insert(networkAreas).values(areas.map((areaSlug) => ({ networkId: row!.id, areaSlug })));
    await recordAudit(tx, actor, capacityFor(actor, values.facilitatorProviderId), { action: 'network.create', entityType: 'network', entityId: row!.id, after: snapshot(row!, areas) });
    return row!.slug;
  });
}

/** networkUpdater: changes a network's description, areas, place and contact (not its address). */
export async function updateNetwork(db: Database, actor: Actor, slug: string, input: NetworkInput, lang: Language): Promise<string> {
  const t = messages[lang];
  const [existing] = await db.select().from(networks).where(eq(networks.slug, slug));
  if (!existing) throw new HttpProblem(404, t.network.errors.unknown(slug));
  if (!mayNetwork(actor.principal, 'edit', { facilitatorProviderId: existing.facilitatorProviderId })) throw new HttpProblem(403, t.access.notYourProvider);
  const { values, areas } = await resolve(db, actor, input, lang);
  // Only an administrator may hand a network to another facilitator or leave it without one.
  if (!isAdmin(actor.principal) && values.facilitatorProviderId !== existing.facilitatorProviderId) {
    if (!input.facilitator) values.facilitatorProviderId = existing.facilitatorProviderId;
    else if (!mayNetwork(actor.principal, 'edit', { facilitatorProviderId: values.facilitatorProviderId })) throw new HttpProblem(403, t.access.notYourProvider);
  }
  return db.transaction(async (tx) => {
    const before = (await tx.select({ areaSlug: networkAreas.areaSlug }).from(networkAreas).where(eq(networkAreas.networkId, existing.id))).map((r) => r.areaSlug);
    const [row] = await tx.update(networks).set({ ...values, updatedAt: actor.now }).where(eq(networks.id, existing.id)).returning();
    await tx.delete(networkAreas).where(eq(networkAreas.networkId, existing.id));
    await tx.insert(networkAreas).values(areas.map((areaSlug) => ({ networkId: existing.id, areaSlug })));
    await recordAudit(tx, actor, capacityFor(actor, row!.facilitatorProviderId), {
      action: 'network.update',
      entityType: 'network',
      entityId: existing.id,
      before: snapshot(existing, before),
      after: snapshot(row!, areas),
    });
    const changed = changedFields({ ...snapshot(existing, before), description: existing.description }, { ...snapshot(row!, areas), description: row!.description });
    if (changed.length) {
      await recordEvent(tx, actor, { kind: 'network.changed', subjectType: 'network', subjectId: existing.id, params: { title: row!.name, detail: changed.join(', '), path: `/nettverk/${row!.slug}` } });
    }
    return row!.slug;
  });
}

async function loadForMembership(db: Executor, slug: string, orgnr: string, lang: Language) {
  const t = messages[lang];
  const [n] = await db.select({ id: networks.id, facilitatorProviderId: networks.facilitatorProviderId, name: networks.name }).from(networks).where(eq(networks.slug, slug));
  if (!n) throw new HttpProblem(404, t.network.errors.unknown(slug));
  const [a] = await db.select({ orgnr: agencies.orgnr, kind: agencies.kind, deletedOn: agencies.deletedOn }).from(agencies).where(eq(agencies.orgnr, orgnr));
  if (!a) throw new HttpProblem(404, t.errors.unknownAgency(formatOrgnr(orgnr)));
  return { n, a };
}

/** networkJoiner: an agency joins a network. Joining again while a member changes nothing. */
export async function joinNetwork(db: Database, actor: Actor, slug: string, orgnr: string, lang: Language): Promise<'joined' | 'unchanged'> {
  const t = messages[lang];
  const { n, a } = await loadForMembership(db, slug, orgnr, lang);
  if (!mayNetwork(actor.principal, 'join', { facilitatorProviderId: n.facilitatorProviderId, agencyOrgnr: orgnr })) throw new HttpProblem(403, t.access.notYourAgency(formatOrgnr(orgnr)));
  if (a.deletedOn) throw new HttpProblem(409, t.network.errors.deletedAgency);
  return db.transaction(async (tx) => {
    if (await currentMembership(tx, n.id, orgnr)) return 'unchanged' as const;
    const [row] = await tx.insert(networkMembers).values({ networkId: n.id, agencyOrgnr: orgnr, joinedAt: actor.now, joinedBy: actor.principal.name }).onConflictDoNothing().returning();
    if (!row) return 'unchanged' as const;
    await recordAudit(tx, actor, capacityForAgency(actor.principal, orgnr), { action: 'network.join', entityType: 'network', entityId: n.id, after: { agency: orgnr } });
    const [agency] = await tx.select({ name: agencies.name }).from(agencies).where(eq(agencies.orgnr, orgnr));
    await recordEvent(tx, actor, {
      kind: 'network.member_joined',
      subjectType: 'network',
      subjectId: n.id,
      params: { title: n.name, agency: agency?.name ?? orgnr, agencyOrgnr: orgnr, path: `/nettverk/${slug}` },
    });
    return 'joined' as const;
  });
}

/** networkLeaver: an agency leaves (or the facilitator takes it off the list); the row is kept with leftAt. */
export async function leaveNetwork(db: Database, actor: Actor, slug: string, orgnr: string, lang: Language): Promise<'left' | 'unchanged'> {
  const t = messages[lang];
  const { n } = await loadForMembership(db, slug, orgnr, lang);
  if (!mayNetwork(actor.principal, 'leave', { facilitatorProviderId: n.facilitatorProviderId, agencyOrgnr: orgnr })) throw new HttpProblem(403, t.access.notYourAgency(formatOrgnr(orgnr)));
  return db.transaction(async (tx) => {
    const current = await currentMembership(tx, n.id, orgnr);
    if (!current) return 'unchanged' as const;
    await tx.update(networkMembers).set({ leftAt: actor.now, leftBy: actor.principal.name }).where(eq(networkMembers.id, current.id));
    const capacity = editsAgency(actor.principal, orgnr) || isAdmin(actor.principal) ? capacityForAgency(actor.principal, orgnr) : { ...capacityFor(actor, n.facilitatorProviderId), agencyOrgnr: orgnr };
    await recordAudit(tx, actor, capacity, { action: 'network.leave', entityType: 'network', entityId: n.id, before: { agency: orgnr, joinedAt: current.joinedAt.toISOString() } });
    return 'left' as const;
  });
}
