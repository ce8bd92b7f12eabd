import { and, eq } from 'drizzle-orm';
import type { Database, Executor } from '../../db/database.js';
import { gainIndicators, gainMeasurements, services } from '../../db/schema/index.js';
import type { Language } from '../../domain/catalogue.js';
import { capacityForProvider } from '../../domain/principal.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import type { Actor } from '../../domain/actor.js';
import { recordAudit } from '../../db/audit.js';
import { mayGain } from './policy.js';
import { type IndicatorInput, parseMeasurement } from './schema.js';

/** The service (404) and the right to record its gains (403). */
export async function serviceForGains(db: Executor, actor: Actor, slug: string, lang: Language) {
  const t = messages[lang];
  const [s] = await db.select({ id: services.id, slug: services.slug, providerId: services.providerId }).from(services).where(eq(services.slug, slug));
  if (!s) throw new HttpProblem(404, t.errors.unknownService(slug));
  if (!mayGain(actor.principal, 'edit', s)) throw new HttpProblem(403, t.access.notYourProvider);
  return s;
}

async function indicatorOf(tx: Executor, serviceId: string, id: string, lang: Language) {
  const [row] = /^[0-9a-f-]{36}$/i.test(id) ? await tx.select().from(gainIndicators).where(and(eq(gainIndicators.id, id), eq(gainIndicators.serviceId, serviceId))).for('update') : [];
  if (!row) throw new HttpProblem(404, messages[lang].gain.errors.unknown);
  return row;
}

const snapshot = (i: typeof gainIndicators.$inferSelect) => ({ name: i.name, unit: i.unit, betterWhen: i.betterWhen, baselineValue: i.baselineValue, baselinePeriod: i.baselinePeriod, source: i.source, method: i.method });

/** gainIndicatorCreator: a baseline for a service (what it cost or took before), to measure results against. */
export async function createIndicator(db: Database, actor: Actor, slug: string, input: IndicatorInput, lang: Language): Promise<string> {
  const s = await serviceForGains(db, actor, slug, lang);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(gainIndicators).values({ ...input, serviceId: s.id, createdAt: actor.now, updatedAt: actor.now }).returning();
    await recordAudit(tx, actor, capacityForProvider(actor.principal, s.providerId), { action: 'gain.create', entityType: 'gain_indicator', entityId: row!.id, after: { service: slug, ...snapshot(row!) } });
    return row!.id;
  });
}

/** gainIndicatorUpdater: corrects an indicator's baseline, unit, source or method. */
export async function updateIndicator(db: Database, actor: Actor, slug: string, id: string, input: IndicatorInput, lang: Language): Promise<void> {
  const s = await serviceForGains(db, actor, slug, lang);
  await db.transaction(async (tx) => {
    const before = await indicatorOf(tx, s.id, id, lang);
    const [row] = await tx.update(gainIndicators).set({ ...input, updatedAt: actor.now }).where(eq(gainIndicators.id, id)).returning();
    await recordAudit(tx, actor, capacityForProvider(actor.principal, s.providerId), { action: 'gain.update', entityType: 'gain_indicator', entityId: id, before: snapshot(before), after: snapshot(row!) });
  });
}

/**
 * gainRecorder: the result for a period, in the indicator's unit. One per period: recording a period again corrects
 * it (the audit event keeps the old value); the same value again changes nothing.
 */
export async function recordMeasurement(db: Database, actor: Actor, slug: string, id: string, period: string, raw: Record<string, unknown>, lang: Language): Promise<'created' | 'changed' | 'unchanged'> {
  const s = await serviceForGains(db, actor, slug, lang);
  return db.transaction(async (tx) => {
    const indicator = await indicatorOf(tx, s.id, id, lang);
    const m = parseMeasurement(raw, period, indicator.baselinePeriod, lang);
    const [existing] = await tx.select().from(gainMeasurements).where(and(eq(gainMeasurements.indicatorId, id), eq(gainMeasurements.period, m.period)));
    if (existing && existing.value === m.value && existing.note === m.note) return 'unchanged' as const;
    if (existing) await tx.update(gainMeasurements).set({ value: m.value, note: m.note, recordedAt: actor.now, recordedBy: actor.principal.name }).where(eq(gainMeasurements.id, existing.id));
    else await tx.insert(gainMeasurements).values({ indicatorId: id, period: m.period, value: m.value, note: m.note, recordedAt: actor.now, recordedBy: actor.principal.name });
    await recordAudit(tx, actor, capacityForProvider(actor.principal, s.providerId), {
      action: existing ? 'gain.correct' : 'gain.record',
      entityType: 'gain_indicator',
      entityId: id,
      before: existing ? { period: existing.period, value: existing.value, note: existing.note } : null,
      after: m,
    });
    return existing ? ('changed' as const) : ('created' as const);
  });
}

/** gainEraser: removes a period's result entered by mistake (the audit event keeps it). */
export async function removeMeasurement(db: Database, actor: Actor, slug: string, id: string, period: string, lang: Language): Promise<void> {
  const s = await serviceForGains(db, actor, slug, lang);
  await db.transaction(async (tx) => {
    await indicatorOf(tx, s.id, id, lang);
    const gone = await tx.delete(gainMeasurements).where(and(eq(gainMeasurements.indicatorId, id), eq(gainMeasurements.period, period))).returning();
    if (gone.length === 0) throw new HttpProblem(404, messages[lang].gain.errors.noMeasurement(period));
    await recordAudit(tx, actor, capacityForProvider(actor.principal, s.providerId), { action: 'gain.remove', entityType: 'gain_indicator', entityId: id, before: { period, value: gone[0]!.value, note: gone[0]!.note } });
  });
}
