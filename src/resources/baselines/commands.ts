import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../db/audit.js';
import type { Database, Executor } from '../../db/database.js';
import { agencies, agencyBaselines, services, subscriptions } from '../../db/schema/index.js';
import type { Actor } from '../../domain/actor.js';
import { aggregateBaselines, type BaselineProblem, checkMeasured, type MeasuredPeriod } from '../../domain/agencyBaseline.js';
import type { Language } from '../../domain/catalogue.js';
import { formatOrgnr } from '../../domain/orgnr.js';
import { capacityForAgency, editsAgency, isAdmin, type Principal } from '../../domain/principal.js';
import { sizeClassOf, type SizeThresholds } from '../../domain/sizeClass.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';

/** An agency's editors (and DFØ's administrators) record and read the agency's own figures; the sums are public. */
export const mayBaseline = (p: Principal | undefined, orgnr: string): boolean => isAdmin(p) || editsAgency(p, orgnr);

function problems(list: BaselineProblem[], lang: Language) {
  const t = messages[lang].baseline.errors;
  const errors = list.map((x) => ({ field: x.field, message: (t[x.field] as Record<string, string>)[x.code]! }));
  if (errors.length) throw new HttpProblem(400, errors.map((e) => e.message).join(' '), { errors });
}

async function serviceAndAgency(db: Executor, actor: Actor, slug: string, orgnr: string, lang: Language) {
  const t = messages[lang];
  const [s] = await db.select({ id: services.id, slug: services.slug }).from(services).where(eq(services.slug, slug));
  if (!s) throw new HttpProblem(404, t.errors.unknownService(slug));
  const [a] = await db.select({ orgnr: agencies.orgnr }).from(agencies).where(eq(agencies.orgnr, orgnr));
  if (!a) throw new HttpProblem(404, t.errors.unknownAgency(formatOrgnr(orgnr)));
  if (!mayBaseline(actor.principal, orgnr)) throw new HttpProblem(403, t.access.notYourAgency(formatOrgnr(orgnr)));
  return s;
}

/**
 * baselineRecorder: the agency's baseline on the task the service takes over, while it uses (or is joining) the
 * service. Changing it later keeps its result, which must then still come after it. Row and audit event together.
 */
export async function recordBaseline(db: Database, actor: Actor, slug: string, orgnr: string, input: MeasuredPeriod & { note?: string | undefined }, lang: Language): Promise<'created' | 'changed'> {
  const t = messages[lang];
  const s = await serviceAndAgency(db, actor, slug, orgnr, lang);
  problems(checkMeasured(input), lang);
  return db.transaction(async (tx) => {
    const [uses] = await tx.select({ id: subscriptions.id }).from(subscriptions).where(and(eq(subscriptions.serviceId, s.id), eq(subscriptions.agencyOrgnr, orgnr), isNull(subscriptions.endedOn)));
    if (!uses) throw new HttpProblem(409, t.baseline.notUser);
    const [existing] = await tx.select().from(agencyBaselines).where(and(eq(agencyBaselines.serviceId, s.id), eq(agencyBaselines.agencyOrgnr, orgnr))).for('update');
    if (existing?.result && existing.resultPeriod) problems(checkMeasured({ period: existing.resultPeriod, measures: existing.result }, input), lang);
    const values = { baselinePeriod: input.period, baseline: input.measures, baselineNote: input.note?.trim() || null, baselineRecordedAt: actor.now, baselineRecordedBy: actor.principal.name };
    const [row] = existing
      ? await tx.update(agencyBaselines).set(values).where(eq(agencyBaselines.id, existing.id)).returning({ id: agencyBaselines.id })
      : await tx.insert(agencyBaselines).values({ ...values, serviceId: s.id, agencyOrgnr: orgnr }).returning({ id: agencyBaselines.id });
    await recordAudit(tx, actor, capacityForAgency(actor.principal, orgnr), {
      action: 'baseline.record',
      entityType: 'agency_baseline',
      entityId: row!.id,
      before: existing ? { period: existing.baselinePeriod, measures: existing.baseline } : undefined,
      after: { service: s.slug, period: input.period, measures: input.measures },
    });
    return existing ? 'changed' : 'created';
  });
}

/** resultRecorder: the agency's result against its baseline (409 without one), in the same measures. */
export async function recordResult(db: Database, actor: Actor, slug: string, orgnr: string, input: MeasuredPeriod & { note?: string | undefined }, lang: Language): Promise<void> {
  const t = messages[lang];
  const s = await serviceAndAgency(db, actor, slug, orgnr, lang);
  await db.transaction(async (tx) => {
    const [existing] = await tx.select().from(agencyBaselines).where(and(eq(agencyBaselines.serviceId, s.id), eq(agencyBaselines.agencyOrgnr, orgnr))).for('update');
    if (!existing) throw new HttpProblem(409, t.baseline.noBaseline);
    problems(checkMeasured(input, { period: existing.baselinePeriod, measures: existing.baseline }), lang);
    await tx
      .update(agencyBaselines)
      .set({ resultPeriod: input.period, result: input.measures, resultNote: input.note?.trim() || null, resultRecordedAt: actor.now, resultRecordedBy: actor.principal.name })
      .where(eq(agencyBaselines.id, existing.id));
    await recordAudit(tx, actor, capacityForAgency(actor.principal, orgnr), {
      action: 'baseline.result',
      entityType: 'agency_baseline',
      entityId: existing.id,
      before: existing.result ? { period: existing.resultPeriod, measures: existing.result } : undefined,
      after: { service: s.slug, period: input.period, measures: input.measures },
    });
  });
}

/** One agency's own figures for a service (for its editors). */
export async function baselineOf(db: Executor, serviceId: string, orgnr: string) {
  const [row] = await db.select().from(agencyBaselines).where(and(eq(agencyBaselines.serviceId, serviceId), eq(agencyBaselines.agencyOrgnr, orgnr)));
  return row;
}

/** A service's baselines and results summed over agencies, by size class, with the small-group rule. */
export async function serviceBaselines(db: Executor, serviceId: string, thresholds: SizeThresholds) {
  const rows = await db
    .select({ baseline: agencyBaselines.baseline, result: agencyBaselines.result, employees: agencies.employees })
    .from(agencyBaselines)
    .innerJoin(agencies, eq(agencies.orgnr, agencyBaselines.agencyOrgnr))
    .where(eq(agencyBaselines.serviceId, serviceId));
  return aggregateBaselines(rows.map((r) => ({ sizeClass: sizeClassOf(r.employees, thresholds), baseline: r.baseline, result: r.result })));
}
