import { eq } from 'drizzle-orm';
import type { Database, Executor } from '../../db/database.js';
import { agencies, areas, needs, networks, services } from '../../db/schema/index.js';
import type { Language } from '../../domain/catalogue.js';
import { ministryAreaOf } from '../../domain/eligibility.js';
import { formatOrgnr } from '../../domain/orgnr.js';
import { capacityForAgency } from '../../domain/principal.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import type { Actor } from '../../domain/actor.js';
import { recordAudit } from '../../db/audit.js';
import { fieldProblem } from '../shared/input.js';
import { mayNeed } from './policy.js';
import { scheduleNeedMatch } from '../../mail/notify.js';
import type { NeedInput, NeedStatusInput } from './schema.js';

const snapshot = (n: typeof needs.$inferSelect) => ({
  area: n.areaSlug,
  title: n.title,
  urgency: n.urgency,
  visibility: n.visibility,
  status: n.status,
  resolution: n.resolution,
  metByServiceId: n.metByServiceId,
  metByNetworkId: n.metByNetworkId,
});

async function checkArea(db: Executor, slug: string, lang: Language) {
  const [a] = await db.select({ slug: areas.slug }).from(areas).where(eq(areas.slug, slug));
  if (!a) throw fieldProblem('area', messages[lang].errors.unknownArea(slug));
}

/** A need others can now see as open in an area they did not see it in before: the moment to look for matches. */
function becameShared(before: { visibility: string; status: string; areaSlug: string }, after: { visibility: string; status: string; areaSlug: string }): boolean {
  const shown = (n: typeof before) => n.visibility === 'agencies' && n.status === 'open';
  return shown(after) && (!shown(before) || before.areaSlug !== after.areaSlug);
}

/** needRegistrar: an agency registers a need. */
export async function registerNeed(db: Database, actor: Actor, orgnr: string, input: NeedInput, lang: Language): Promise<string> {
  const t = messages[lang];
  const [agency] = await db.select({ orgnr: agencies.orgnr, kind: agencies.kind, ministryOrgnr: agencies.ministryOrgnr }).from(agencies).where(eq(agencies.orgnr, orgnr));
  if (!agency) throw new HttpProblem(404, t.errors.unknownAgency(formatOrgnr(orgnr)));
  if (!mayNeed(actor.principal, 'register', { agencyOrgnr: orgnr, agencyMinistryOrgnr: ministryAreaOf(agency), visibility: input.visibility })) {
    throw new HttpProblem(403, t.access.notYourAgency(formatOrgnr(orgnr)));
  }
  await checkArea(db, input.area, lang);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(needs)
      .values({
        agencyOrgnr: orgnr,
        areaSlug: input.area,
        title: input.title,
        description: input.description,
        urgency: input.urgency,
        visibility: input.visibility,
        contactName: input.contactName ?? actor.principal.name,
        contactEmail: input.contactEmail ?? actor.principal.email ?? null,
        createdBy: actor.principal.name,
        createdAt: actor.now,
        updatedAt: actor.now,
      })
      .returning();
    await recordAudit(tx, actor, capacityForAgency(actor.principal, orgnr), { action: 'need.register', entityType: 'need', entityId: row!.id, after: snapshot(row!) });
    // A shared need tells agencies like this one with the same open need (a private one tells no one).
    if (row!.visibility === 'agencies') await scheduleNeedMatch(tx, row!.id, actor.now);
    return row!.id;
  });
}

/** The need (locked for the change) and the right to edit it: 404, then 403. */
async function loadForEdit(tx: Executor, actor: Actor, id: string, lang: Language) {
  const t = messages[lang];
  const [row] = /^[0-9a-f-]{36}$/i.test(id)
    ? await tx
        .select({ need: needs, agency: { orgnr: agencies.orgnr, kind: agencies.kind, ministryOrgnr: agencies.ministryOrgnr } })
        .from(needs)
        .innerJoin(agencies, eq(agencies.orgnr, needs.agencyOrgnr))
        .where(eq(needs.id, id))
        .for('update', { of: needs })
    : [];
  if (!row) throw new HttpProblem(404, t.need.errors.unknown);
  if (!mayNeed(actor.principal, 'edit', { agencyOrgnr: row.agency.orgnr, agencyMinistryOrgnr: ministryAreaOf(row.agency), visibility: row.need.visibility })) {
    throw new HttpProblem(403, t.access.notYourAgency(formatOrgnr(row.agency.orgnr)));
  }
  return row.need;
}

/** needUpdater: changes what a need says, its urgency and who may see it. */
export async function updateNeed(db: Database, actor: Actor, id: string, input: NeedInput, lang: Language): Promise<void> {
  await checkArea(db, input.area, lang);
  await db.transaction(async (tx) => {
    const before = await loadForEdit(tx, actor, id, lang);
    const [row] = await tx
      .update(needs)
      .set({ areaSlug: input.area, title: input.title, description: input.description, urgency: input.urgency, visibility: input.visibility, contactName: input.contactName, contactEmail: input.contactEmail, updatedAt: actor.now })
      .where(eq(needs.id, id))
      .returning();
    await recordAudit(tx, actor, capacityForAgency(actor.principal, before.agencyOrgnr), { action: 'need.update', entityType: 'need', entityId: id, before: snapshot(before), after: snapshot(row!) });
    if (becameShared(before, row!)) await scheduleNeedMatch(tx, id, actor.now);
  });
}

/**
 * needCloser: marks a need met (by a service, a network or otherwise, in words), withdrawn, or open again. Setting
 * the status it already has, with the same words, changes nothing.
 */
export async function setNeedStatus(db: Database, actor: Actor, id: string, input: NeedStatusInput, lang: Language): Promise<'changed' | 'unchanged'> {
  const t = messages[lang];
  let metByServiceId: string | null = null;
  let metByNetworkId: string | null = null;
  if (input.status === 'met' && input.service) {
    const [s] = await db.select({ id: services.id }).from(services).where(eq(services.slug, input.service));
    if (!s) throw fieldProblem('service', t.errors.unknownService(input.service));
    metByServiceId = s.id;
  }
  if (input.status === 'met' && input.network) {
    const [n] = await db.select({ id: networks.id }).from(networks).where(eq(networks.slug, input.network));
    if (!n) throw fieldProblem('network', t.network.errors.unknown(input.network));
    metByNetworkId = n.id;
  }
  return db.transaction(async (tx) => {
    const before = await loadForEdit(tx, actor, id, lang);
    const resolution = input.status === 'open' ? null : input.resolution;
    if (before.status === input.status && before.resolution === resolution && before.metByServiceId === metByServiceId && before.metByNetworkId === metByNetworkId) return 'unchanged' as const;
    const [row] = await tx
      .update(needs)
      .set({ status: input.status, resolution, metByServiceId, metByNetworkId, closedAt: input.status === 'open' ? null : (before.closedAt ?? actor.now), updatedAt: actor.now })
      .where(eq(needs.id, id))
      .returning();
    await recordAudit(tx, actor, capacityForAgency(actor.principal, before.agencyOrgnr), { action: `need.${input.status === 'open' ? 'reopen' : input.status}`, entityType: 'need', entityId: id, before: snapshot(before), after: snapshot(row!) });
    if (becameShared(before, row!)) await scheduleNeedMatch(tx, id, actor.now);
    return 'changed' as const;
  });
}
