import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../db/audit.js';
import type { Database } from '../../db/database.js';
import { serviceOptOuts, services } from '../../db/schema/index.js';
import type { Actor } from '../../domain/actor.js';
import type { Language } from '../../domain/catalogue.js';
import { capacityForProvider } from '../../domain/principal.js';
import { FOLLOW_UP_STATES, type FollowUpState } from '../../domain/procurementLifecycle.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import { mayFollowUpNonUse } from './policy.js';

const snapshot = (r: { followUp: FollowUpState | null; followUpNote: string | null }) => ({ state: r.followUp, note: r.followUpNote });

/**
 * nonUseFollower: the provider's follow-up of an agency's standing non-use of one of its services (to_contact →
 * contacted → resolved, any order), with an internal note. The row is locked, checked and changed with its audit
 * event in one transaction; the same state and note again changes nothing.
 */
export async function setNonUseFollowUp(db: Database, actor: Actor, id: string, input: { state: string; note?: string | undefined }, lang: Language): Promise<void> {
  const t = messages[lang];
  if (!(FOLLOW_UP_STATES as readonly string[]).includes(input.state)) throw new HttpProblem(400, t.nonUse.errors.state, { errors: [{ field: 'state', message: t.nonUse.errors.state }] });
  if ((input.note ?? '').length > 2000) throw new HttpProblem(400, t.nonUse.errors.noteTooLong, { errors: [{ field: 'note', message: t.nonUse.errors.noteTooLong }] });
  const state = input.state as FollowUpState;
  const note = input.note?.trim() || null;
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new HttpProblem(404, t.nonUse.errors.unknown);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: serviceOptOuts.id, followUp: serviceOptOuts.followUp, followUpNote: serviceOptOuts.followUpNote, providerId: services.providerId })
      .from(serviceOptOuts)
      .innerJoin(services, eq(services.id, serviceOptOuts.serviceId))
      .where(and(eq(serviceOptOuts.id, id), isNull(serviceOptOuts.withdrawnAt)))
      .for('update', { of: serviceOptOuts });
    if (!row) throw new HttpProblem(404, t.nonUse.errors.unknown);
    if (!mayFollowUpNonUse(actor.principal, row.providerId)) throw new HttpProblem(403, t.access.notYourProvider);
    if (row.followUp === state && row.followUpNote === note) return;
    await tx.update(serviceOptOuts).set({ followUp: state, followUpNote: note, followUpAt: actor.now, followUpBy: actor.principal.name }).where(eq(serviceOptOuts.id, id));
    await recordAudit(tx, actor, capacityForProvider(actor.principal, row.providerId), {
      action: 'service_opt_out.follow_up',
      entityType: 'service_opt_out',
      entityId: id,
      before: snapshot(row),
      after: { state, note },
    });
  });
}
