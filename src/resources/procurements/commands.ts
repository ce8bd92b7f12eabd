import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { procurementMilestones, procurements, providers, services } from '../../db/schema/index.js';
import { currentQuestionnaire, QUESTIONNAIRE_SLUGS } from '../../db/seed/questionnaires.js';
import type { Language } from '../../domain/catalogue.js';
import { capacityForProvider } from '../../domain/principal.js';
import { declarationKindFor, type ProcurementAction, transition } from '../../domain/procurementLifecycle.js';
import { enqueueMails } from '../../mail/outbox.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import type { Actor } from '../../domain/actor.js';
import { recordAudit } from '../../db/audit.js';
import { consultationMail } from './mail.js';
import { earlyDecision } from '../earlyInvolvement/queries.js';
import { mayProcurement } from './policy.js';
import { procurementKinds } from '../../domain/eligibility.js';
import { recordEvent } from '../../db/events.js';
import { consultationReach } from '../reach/queries.js';
import type { EventKind } from '../../domain/notify.js';
import { scheduleDeadlineReminders } from '../../mail/notify.js';

/** The lifecycle steps people are told of (src/mail/notify.ts says whom). */
const PROCUREMENT_EVENTS: Partial<Record<ProcurementAction, EventKind>> = {
  open_consultation: 'procurement.consultation',
  announce: 'procurement.announced',
  award: 'procurement.awarded',
  cancel: 'procurement.cancelled',
};
import type { ProcurementInput } from './schema.js';

const snapshot = (p: typeof procurements.$inferSelect) => ({
  status: p.status,
  title: p.title,
  category: p.category,
  obligation: p.obligation,
  eligibility: p.eligibility,
  plannedAnnouncementOn: p.plannedAnnouncementOn,
  estimatedValueNok: p.estimatedValueNok,
  consultationOpensAt: p.consultationOpensAt?.toISOString() ?? null,
  consultationDeadline: p.consultationDeadline?.toISOString() ?? null,
});

/** procurementCreator: a planned procurement for a provider, its first milestone and audit event, in one transaction. */
export async function createProcurement(
  db: Database,
  actor: Actor,
  providerSlug: string,
  input: ProcurementInput,
  serviceSlug: string | undefined,
  lang: Language,
): Promise<string> {
  const t = messages[lang];
  const [provider] = await db.select({ id: providers.id }).from(providers).where(eq(providers.slug, providerSlug));
  if (!provider) throw new HttpProblem(404, t.errors.unknownProvider(providerSlug), { errors: [{ field: 'provider', message: t.errors.unknownProvider(providerSlug) }] });
  if (!mayProcurement(actor.principal, 'create', { providerId: provider.id })) throw new HttpProblem(403, t.access.notYourProvider);
  let serviceId: string | null = null;
  if (serviceSlug) {
    const [s] = await db.select({ id: services.id }).from(services).where(eq(services.slug, serviceSlug));
    if (!s) throw new HttpProblem(404, t.errors.unknownService(serviceSlug), { errors: [{ field: 'service', message: t.errors.unknownService(serviceSlug) }] });
    serviceId = s.id;
  }
  const questionnaire = await currentQuestionnaire(db, QUESTIONNAIRE_SLUGS[declarationKindFor(input.obligation)]);
  if (!questionnaire) throw new Error('questionnaires are not loaded');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(procurements)
      .values({ ...input, providerId: provider.id, serviceId, questionnaireId: questionnaire.id, status: 'planned', createdAt: actor.now, updatedAt: actor.now })
      .returning();
    await tx.insert(procurementMilestones).values({
      procurementId: row!.id,
      action: 'create',
      fromStatus: null,
      toStatus: 'planned',
      at: actor.now,
      byUserId: actor.principal.kind === 'user' ? actor.principal.id : null,
      byName: actor.principal.name,
    });
    await recordAudit(tx, actor, capacityForProvider(actor.principal, provider.id), {
      action: 'procurement.create',
      entityType: 'procurement',
      entityId: row!.id,
      after: snapshot(row!),
    });
    return row!.id;
  });
}

export interface TransitionInput {
  action: ProcurementAction;
  deadline?: Date | undefined;
  opensAt?: Date | undefined;
  note?: string | undefined;
}

/**
 * procurementTransitioner: moves a procurement one step in its lifecycle, guarded by the state machine, with a
 * dated milestone and an audit event; opening the consultation also writes a notice to every eligible agency
 * into the mail outbox. All in one transaction; a concurrent change of state is a 409, never a double step.
 */
export async function transitionProcurement(
  db: Database,
  actor: Actor,
  id: string,
  input: TransitionInput,
  lang: Language,
  publicUrl: string,
): Promise<{ mails: number }> {
  const t = messages[lang];
  return db.transaction(async (tx) => {
    const [p] = await tx.select().from(procurements).where(eq(procurements.id, id)).for('update');
    if (!p) throw new HttpProblem(404, t.procurement.errors.unknown);
    if (!mayProcurement(actor.principal, 'transition', p)) throw new HttpProblem(403, t.access.notYourProvider);
    const result = transition(p.status, input.action, {
      now: actor.now,
      deadline: input.deadline,
      opensAt: input.opensAt,
      currentDeadline: p.consultationDeadline,
      earlyDecision: input.action === 'open_consultation' ? await earlyDecision(tx, p.id) : null,
    });
    if (!result.ok) {
      const status = result.reason === 'deadline_missing' || result.reason === 'deadline_in_past' || result.reason === 'opens_after_deadline' ? 400 : 409;
      const message = t.procurement.refusal[result.reason](t.terms.procurementState[p.status], t.procurement.action[input.action]);
      throw new HttpProblem(status, message, status === 400 ? { errors: [{ field: result.reason === 'opens_after_deadline' ? 'opensAt' : 'deadline', message }] } : {});
    }
    const window = input.action === 'open_consultation' ? { consultationOpensAt: input.opensAt ?? actor.now, consultationDeadline: input.deadline! } : {};
    const [after] = await tx
      .update(procurements)
      .set({ status: result.to, updatedAt: actor.now, ...window })
      .where(and(eq(procurements.id, id), eq(procurements.status, p.status)))
      .returning();
    if (!after) throw new HttpProblem(409, t.procurement.errors.changedMeanwhile);
    await tx.insert(procurementMilestones).values({
      procurementId: id,
      action: input.action,
      fromStatus: p.status,
      toStatus: result.to,
      at: actor.now,
      byUserId: actor.principal.kind === 'user' ? actor.principal.id : null,
      byName: actor.principal.name,
      note: input.note?.trim() || null,
    });
    await recordAudit(tx, actor, capacityForProvider(actor.principal, p.providerId), {
      action: `procurement.${input.action}`,
      entityType: 'procurement',
      entityId: id,
      before: snapshot(p),
      after: snapshot(after),
    });
    const eventKind = PROCUREMENT_EVENTS[input.action];
    if (eventKind) {
      await recordEvent(tx, actor, {
        kind: eventKind,
        subjectType: 'procurement',
        subjectId: id,
        params: {
          title: after.title,
          providerId: after.providerId,
          eligibleKinds: procurementKinds(after.eligibility),
          deadline: after.consultationDeadline?.toISOString() ?? null,
          path: `/anskaffelser/${id}`,
        },
      });
    }
    if (input.action === 'open_consultation') await scheduleDeadlineReminders(tx, id, after.consultationDeadline!, actor.now);
    let mails = 0;
    if (input.action === 'open_consultation') {
      const [provider] = await tx.select({ name: providers.name }).from(providers).where(eq(providers.id, p.providerId));
      // The same query as the provider's preview of reach (src/resources/reach/queries.ts): the page shows what was sent.
      const list = (await consultationReach(tx, p.eligibility)).filter((a) => a.emails.length > 0);
      await enqueueMails(
        tx,
        list.map((a) => ({
          recipients: a.emails,
          kind: 'consultation_opened',
          entityId: id,
          ...consultationMail({ procurement: after, providerName: provider!.name, agencyName: a.name, orgnr: a.orgnr, publicUrl }),
        })),
      );
      mails = list.length;
    }
    return { mails };
  });
}
