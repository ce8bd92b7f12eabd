import { eq } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { agencies, subscriptions } from '../../db/schema/index.js';
import type { Language } from '../../domain/catalogue.js';
import { formatOrgnr } from '../../domain/orgnr.js';
import { capacityForAgency, capacityForProvider, editsAgency, isAdmin } from '../../domain/principal.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import type { Actor } from '../../domain/actor.js';
import { recordAudit } from '../../db/audit.js';
import { standingRowForUpdate } from '../shared/standingRow.js';
import { mayUsage } from './policy.js';
import { serviceWithTiers } from './queries.js';
import { osloToday } from '../../domain/osloTime.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkDate(raw: string | undefined, field: string, lang: Language, fallback: string): string {
  const s = (raw ?? '').trim() || fallback;
  if (!ISO_DATE.test(s) || Number.isNaN(Date.parse(s)) || new Date(s + 'T00:00:00Z').toISOString().slice(0, 10) !== s) {
    const message = messages[lang].usage.errors.date;
    throw new HttpProblem(400, message, { errors: [{ field, message }] });
  }
  return s;
}

async function prepare(db: Database, actor: Actor, orgnr: string, serviceSlug: string, lang: Language) {
  const t = messages[lang];
  const [agency] = await db.select({ orgnr: agencies.orgnr }).from(agencies).where(eq(agencies.orgnr, orgnr));
  if (!agency) throw new HttpProblem(404, t.errors.unknownAgency(formatOrgnr(orgnr)));
  const service = await serviceWithTiers(db, serviceSlug);
  if (!service) throw new HttpProblem(404, t.errors.unknownService(serviceSlug), { errors: [{ field: 'service', message: t.errors.unknownService(serviceSlug) }] });
  if (!mayUsage(actor.principal, 'write', { agencyOrgnr: orgnr, providerId: service.providerId })) throw new HttpProblem(403, t.access.notYourAgency(formatOrgnr(orgnr)));
  const capacity =
    editsAgency(actor.principal, orgnr) || isAdmin(actor.principal) ? capacityForAgency(actor.principal, orgnr) : { ...capacityForProvider(actor.principal, service.providerId), agencyOrgnr: orgnr };
  return { service, capacity };
}

const snap = (r: typeof subscriptions.$inferSelect | undefined) => (r ? { tierId: r.tierId, startedOn: r.startedOn, endedOn: r.endedOn, endReason: r.endReason } : null);

/**
 * usageRegistrar: registers that an agency uses a service (in a tier, since a date), or changes its tier — which
 * ends the current row the day before and starts a new one, so history is kept. Registering the same again does
 * nothing. One transaction, one audit event.
 */
export async function registerUsage(
  db: Database,
  actor: Actor,
  orgnr: string,
  input: { service: string; tier?: string | undefined; since?: string | undefined },
  lang: Language,
): Promise<'created' | 'changed' | 'unchanged'> {
  const t = messages[lang];
  const { service, capacity } = await prepare(db, actor, orgnr, input.service, lang);
  let tierId: string | null = null;
  if (input.tier) {
    const tier = service.tiers.find((x) => x.slug === input.tier);
    if (!tier) throw new HttpProblem(400, t.usage.errors.unknownTier(input.tier), { errors: [{ field: 'tier', message: t.usage.errors.unknownTier(input.tier) }] });
    tierId = tier.id;
  }
  const since = checkDate(input.since, 'since', lang, osloToday(actor.now));
  return db.transaction(async (tx) => {
    const open = await standingRowForUpdate(tx, subscriptions, subscriptions.endedOn, eq(subscriptions.agencyOrgnr, orgnr), eq(subscriptions.serviceId, service.id));
    if (open && open.tierId === tierId) return 'unchanged' as const;
    if (open) {
      if (open.startedOn && since <= open.startedOn) throw new HttpProblem(409, t.usage.errors.changeBeforeStart(open.startedOn), { errors: [{ field: 'since', message: t.usage.errors.changeBeforeStart(open.startedOn) }] });
      const dayBefore = new Date(Date.parse(since + 'T00:00:00Z') - 86400_000).toISOString().slice(0, 10);
      await tx.update(subscriptions).set({ endedOn: dayBefore < (open.startedOn ?? dayBefore) ? open.startedOn : dayBefore, endReason: 'tier_change' }).where(eq(subscriptions.id, open.id));
    }
    const [row] = await tx
      .insert(subscriptions)
      .values({ agencyOrgnr: orgnr, serviceId: service.id, tierId, startedOn: since, factSource: 'agency', createdBy: actor.principal.name, createdAt: actor.now })
      .returning();
    await recordAudit(tx, actor, capacity, {
      action: open ? 'usage.change_tier' : 'usage.register',
      entityType: 'subscription',
      entityId: row!.id,
      before: snap(open),
      after: { service: service.slug, ...snap(row) },
    });
    return open ? ('changed' as const) : ('created' as const);
  });
}

/** usageEnder: ends an agency's current use of a service on a date (kept as history). Ending twice is a 404. */
export async function endUsage(db: Database, actor: Actor, orgnr: string, serviceSlug: string, input: { endedOn?: string | undefined; reason?: string | undefined }, lang: Language): Promise<void> {
  const t = messages[lang];
  const { service, capacity } = await prepare(db, actor, orgnr, serviceSlug, lang);
  const endedOn = checkDate(input.endedOn, 'endedOn', lang, osloToday(actor.now));
  await db.transaction(async (tx) => {
    const open = await standingRowForUpdate(tx, subscriptions, subscriptions.endedOn, eq(subscriptions.agencyOrgnr, orgnr), eq(subscriptions.serviceId, service.id));
    if (!open) throw new HttpProblem(404, t.usage.errors.notInUse);
    if (open.startedOn && endedOn < open.startedOn) throw new HttpProblem(400, t.usage.errors.endBeforeStart(open.startedOn), { errors: [{ field: 'endedOn', message: t.usage.errors.endBeforeStart(open.startedOn) }] });
    const [row] = await tx.update(subscriptions).set({ endedOn, endReason: input.reason?.trim().slice(0, 200) || 'left' }).where(eq(subscriptions.id, open.id)).returning();
    await recordAudit(tx, actor, capacity, { action: 'usage.end', entityType: 'subscription', entityId: open.id, before: snap(open), after: { service: service.slug, ...snap(row) } });
  });
}
