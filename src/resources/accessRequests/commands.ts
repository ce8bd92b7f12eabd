import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../db/audit.js';
import type { Database } from '../../db/database.js';
import { accessRequests, agencies } from '../../db/schema/index.js';
import { ACCESS_ANSWERS, type AccessAnswer, answerAccessRequest, mayAskForAccess, OPEN_STATES } from '../../domain/accessRequest.js';
import type { Actor } from '../../domain/actor.js';
import type { Language } from '../../domain/catalogue.js';
import { eligibilityOf } from '../../domain/eligibility.js';
import { capacityForAgency, capacityForProvider } from '../../domain/principal.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import { mayAnswerAccess, mayAskAccess } from './policy.js';
import { serviceForAccess } from './queries.js';

const field = (status: number, name: string, message: string) => new HttpProblem(status, message, { errors: [{ field: name, message }] });

/**
 * accessAsker: an agency outside a sector or group service's target group asks its provider for access, with its
 * need. One open request per agency and service (409 otherwise); request and audit event in one transaction.
 */
export async function askForAccess(db: Database, actor: Actor, slug: string, input: { agency: string; need: string }, lang: Language): Promise<string> {
  const t = messages[lang];
  const service = await serviceForAccess(db, slug);
  if (!service) throw field(404, 'service', t.errors.unknownService(slug));
  const [agency] = await db.select().from(agencies).where(eq(agencies.orgnr, input.agency));
  if (!agency) throw field(404, 'agency', t.errors.unknownAgency(input.agency));
  if (!mayAskAccess(actor.principal, agency.orgnr)) throw new HttpProblem(403, t.access.forbidden);
  const need = input.need.trim();
  if (!need || need.length > 2000) throw field(400, 'need', t.accessRequest.errors.need);
  if (!mayAskForAccess(service, eligibilityOf(agency, service))) throw field(409, 'service', t.accessRequest.errors.notAskable);
  return db.transaction(async (tx) => {
    const open = await tx
      .select({ id: accessRequests.id })
      .from(accessRequests)
      .where(and(eq(accessRequests.serviceId, service.id), eq(accessRequests.agencyOrgnr, agency.orgnr), inArray(accessRequests.state, [...OPEN_STATES])))
      .for('update');
    if (open.length) throw field(409, 'service', t.accessRequest.errors.open);
    const [row] = await tx.insert(accessRequests).values({ serviceId: service.id, agencyOrgnr: agency.orgnr, need, requestedAt: actor.now, requestedBy: actor.principal.name }).returning();
    await recordAudit(tx, actor, capacityForAgency(actor.principal, agency.orgnr), { action: 'access_request.ask', entityType: 'access_request', entityId: row!.id, after: { service: slug, need } });
    return row!.id;
  });
}

/** accessAnswerer: the provider grants, declines (with a reason) or wait-lists a request; row locked, audited. */
export async function answerAccess(db: Database, actor: Actor, slug: string, id: string, input: { state: string; reason?: string | undefined }, lang: Language): Promise<void> {
  const t = messages[lang];
  const e = t.accessRequest.errors;
  const service = await serviceForAccess(db, slug);
  if (!service) throw field(404, 'service', t.errors.unknownService(slug));
  if (!mayAnswerAccess(actor.principal, service.providerId)) throw new HttpProblem(403, t.access.notYourProvider);
  if (!(ACCESS_ANSWERS as readonly string[]).includes(input.state)) throw field(400, 'state', e.answer);
  if ((input.reason ?? '').length > 2000) throw field(400, 'reason', e.need);
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new HttpProblem(404, e.unknown);
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(accessRequests).where(and(eq(accessRequests.id, id), eq(accessRequests.serviceId, service.id))).for('update');
    if (!row) throw new HttpProblem(404, e.unknown);
    const r = answerAccessRequest(row.state, input.state as AccessAnswer, input.reason);
    if (!r.ok) throw r.reason === 'reason_required' ? field(400, 'reason', e.reasonRequired) : field(409, 'state', r.reason === 'same_state' ? e.sameState : e.alreadyAnswered);
    const note = input.reason?.trim() || null;
    await tx.update(accessRequests).set({ state: r.to, answerNote: note, answeredAt: actor.now, answeredBy: actor.principal.name }).where(eq(accessRequests.id, id));
    await recordAudit(tx, actor, capacityForProvider(actor.principal, service.providerId), {
      action: 'access_request.answer',
      entityType: 'access_request',
      entityId: id,
      before: { state: row.state },
      after: { state: r.to, note },
    });
  });
}
