import { and, eq } from 'drizzle-orm';
import type { Database, Executor } from '../../db/database.js';
import { agencies, areas, ideaComments, ideas, ideaStatusEvents, ideaVotes, providers, services } from '../../db/schema/index.js';
import type { Language } from '../../domain/catalogue.js';
import { checkIdeaMove, type IdeaStatus, ideaIsOpen } from '../../domain/ideaStatus.js';
import { formatOrgnr } from '../../domain/orgnr.js';
import { type Capacity, capacityForAgency, capacityForProvider } from '../../domain/principal.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import type { Actor } from '../../domain/actor.js';
import { recordAudit } from '../../db/audit.js';
import { recordEvent } from '../../db/events.js';
import { fieldProblem } from '../shared/input.js';
import { mayIdea } from './policy.js';
import type { IdeaInput } from './schema.js';

async function requireAgency(db: Executor, orgnr: string, lang: Language) {
  const [a] = await db.select({ orgnr: agencies.orgnr }).from(agencies).where(eq(agencies.orgnr, orgnr));
  if (!a) throw new HttpProblem(404, messages[lang].errors.unknownAgency(formatOrgnr(orgnr)));
}

/**
 * ideaProposer: an agency proposes an improvement to a service (addressed to its provider) or a new shared service
 * or agreement (to the provider it names, or to DFØ). The proposing agency's vote is counted from the start.
 */
export async function proposeIdea(db: Database, actor: Actor, orgnr: string, input: IdeaInput, lang: Language): Promise<string> {
  const t = messages[lang];
  await requireAgency(db, orgnr, lang);
  if (!mayIdea(actor.principal, 'propose', { providerId: null, agencyOrgnr: orgnr })) throw new HttpProblem(403, t.access.notYourAgency(formatOrgnr(orgnr)));
  let serviceId: string | null = null;
  let providerId: string | null = null;
  let areaSlug: string | null = null;
  if (input.service) {
    const [s] = await db.select({ id: services.id, providerId: services.providerId, areaSlug: services.areaSlug }).from(services).where(eq(services.slug, input.service));
    if (!s) throw fieldProblem('service', t.errors.unknownService(input.service));
    [serviceId, providerId, areaSlug] = [s.id, s.providerId, s.areaSlug];
  } else {
    if (input.provider) {
      const [p] = await db.select({ id: providers.id }).from(providers).where(eq(providers.slug, input.provider));
      if (!p) throw fieldProblem('provider', t.errors.unknownProvider(input.provider));
      providerId = p.id;
    }
    if (input.area) {
      const [a] = await db.select({ slug: areas.slug }).from(areas).where(eq(areas.slug, input.area));
      if (!a) throw fieldProblem('area', t.errors.unknownArea(input.area));
      areaSlug = a.slug;
    }
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(ideas)
      .values({ kind: input.kind, title: input.title, description: input.description, serviceId, providerId, areaSlug, agencyOrgnr: orgnr, proposedBy: actor.principal.name, statusChangedAt: actor.now, createdAt: actor.now, updatedAt: actor.now })
      .returning();
    await tx.insert(ideaStatusEvents).values({ ideaId: row!.id, fromStatus: null, toStatus: 'received', at: actor.now, byName: actor.principal.name });
    await tx.insert(ideaVotes).values({ ideaId: row!.id, agencyOrgnr: orgnr, votedAt: actor.now, votedBy: actor.principal.name });
    await recordAudit(tx, actor, capacityForAgency(actor.principal, orgnr), { action: 'idea.propose', entityType: 'idea', entityId: row!.id, after: { kind: input.kind, title: input.title, service: input.service ?? null, providerId, areaSlug } });
    return row!.id;
  });
}

/** The idea, locked so a status change and a vote cannot cross; 404 when there is none. */
async function lockIdea(tx: Executor, id: string, lang: Language) {
  const [idea] = /^[0-9a-f-]{36}$/i.test(id) ? await tx.select().from(ideas).where(eq(ideas.id, id)).for('update') : [];
  if (!idea) throw new HttpProblem(404, messages[lang].idea.errors.unknown);
  return idea;
}

/** The idea locked, the right to vote for the agency (403) and an idea still open (409). */
async function lockForVoting(tx: Executor, actor: Actor, id: string, orgnr: string, lang: Language) {
  const t = messages[lang];
  const idea = await lockIdea(tx, id, lang);
  if (!mayIdea(actor.principal, 'vote', { providerId: idea.providerId, agencyOrgnr: orgnr })) throw new HttpProblem(403, t.access.notYourAgency(formatOrgnr(orgnr)));
  if (!ideaIsOpen(idea.status)) throw new HttpProblem(409, t.idea.errors.closed);
  return idea;
}

/** ideaVoter: one vote per agency; voting again changes nothing. Only while the idea is open (409 otherwise). */
export async function voteIdea(db: Database, actor: Actor, id: string, orgnr: string, lang: Language): Promise<'voted' | 'unchanged'> {
  await requireAgency(db, orgnr, lang);
  return db.transaction(async (tx) => {
    await lockForVoting(tx, actor, id, orgnr, lang);
    const [row] = await tx.insert(ideaVotes).values({ ideaId: id, agencyOrgnr: orgnr, votedAt: actor.now, votedBy: actor.principal.name }).onConflictDoNothing().returning();
    if (!row) return 'unchanged' as const;
    await recordAudit(tx, actor, capacityForAgency(actor.principal, orgnr), { action: 'idea.vote', entityType: 'idea', entityId: id, after: { agency: orgnr } });
    return 'voted' as const;
  });
}

/** ideaUnvoter: takes an agency's vote back while the idea is open. Without a vote, nothing changes. */
export async function unvoteIdea(db: Database, actor: Actor, id: string, orgnr: string, lang: Language): Promise<'unvoted' | 'unchanged'> {
  await requireAgency(db, orgnr, lang);
  return db.transaction(async (tx) => {
    await lockForVoting(tx, actor, id, orgnr, lang);
    const gone = await tx.delete(ideaVotes).where(and(eq(ideaVotes.ideaId, id), eq(ideaVotes.agencyOrgnr, orgnr))).returning();
    if (gone.length === 0) return 'unchanged' as const;
    await recordAudit(tx, actor, capacityForAgency(actor.principal, orgnr), { action: 'idea.unvote', entityType: 'idea', entityId: id, before: { agency: orgnr } });
    return 'unvoted' as const;
  });
}

/**
 * ideaCommenter: a comment signed by an agency, a provider, or (an administrator with neither) DFØ. Only while the
 * idea is open.
 */
export async function commentIdea(db: Database, actor: Actor, id: string, as: { agency?: string | undefined; provider?: string | undefined }, body: string, lang: Language): Promise<void> {
  const t = messages[lang];
  let providerId: string | undefined;
  if (as.agency) await requireAgency(db, as.agency, lang);
  if (as.provider) {
    const [p] = await db.select({ id: providers.id }).from(providers).where(eq(providers.slug, as.provider));
    if (!p) throw fieldProblem('provider', t.errors.unknownProvider(as.provider));
    providerId = p.id;
  }
  await db.transaction(async (tx) => {
    const idea = await lockIdea(tx, id, lang);
    if (!mayIdea(actor.principal, 'comment', { providerId: idea.providerId, agencyOrgnr: as.agency, asProviderId: providerId })) throw new HttpProblem(403, t.access.forbidden);
    if (!as.agency && !providerId && !mayIdea(actor.principal, 'answer', { providerId: null })) throw new HttpProblem(403, t.access.forbidden);
    if (!ideaIsOpen(idea.status)) throw new HttpProblem(409, t.idea.errors.closed);
    const [row] = await tx.insert(ideaComments).values({ ideaId: id, agencyOrgnr: as.agency ?? null, providerId: providerId ?? null, authorName: actor.principal.name, body, createdAt: actor.now }).returning();
    const capacity: Capacity = as.agency ? capacityForAgency(actor.principal, as.agency) : providerId ? capacityForProvider(actor.principal, providerId) : { role: 'admin' };
    await recordAudit(tx, actor, capacity, { action: 'idea.comment', entityType: 'idea', entityId: id, after: { comment: row!.id, body } });
    await recordEvent(tx, actor, {
      kind: 'idea.comment',
      subjectType: 'idea',
      subjectId: id,
      params: { title: idea.title, providerId: idea.providerId, byAgency: as.agency ?? null, byProvider: providerId ?? null, path: `/ideer/${id}` },
    });
  });
}

/** ideaAnswerer: the provider (or DFØ) moves an idea on, with an answer; declining needs a reason. */
export async function answerIdea(db: Database, actor: Actor, id: string, input: { status: IdeaStatus; note: string }, lang: Language): Promise<'moved' | 'answered'> {
  const t = messages[lang];
  return db.transaction(async (tx) => {
    const idea = await lockIdea(tx, id, lang);
    if (!mayIdea(actor.principal, 'answer', { providerId: idea.providerId })) throw new HttpProblem(403, t.idea.errors.notYours);
    const move = checkIdeaMove(idea.status, input.status, input.note);
    if (!move.ok) {
      if (move.problem === 'reason_required' || move.problem === 'nothing_to_do') throw fieldProblem('note', t.idea.errors[move.problem]);
      throw new HttpProblem(409, t.idea.errors.notAllowed(t.idea.status[idea.status], t.idea.status[input.status]));
    }
    await tx.insert(ideaStatusEvents).values({ ideaId: id, fromStatus: idea.status, toStatus: input.status, note: input.note || null, at: actor.now, byName: actor.principal.name, providerId: idea.providerId });
    if (move.kind === 'move') await tx.update(ideas).set({ status: input.status, statusChangedAt: actor.now, updatedAt: actor.now }).where(eq(ideas.id, id));
    const capacity: Capacity = idea.providerId ? capacityForProvider(actor.principal, idea.providerId) : { role: 'admin' };
    await recordAudit(tx, actor, capacity, { action: move.kind === 'move' ? 'idea.status' : 'idea.answer', entityType: 'idea', entityId: id, before: { status: idea.status }, after: { status: input.status, note: input.note || null } });
    if (move.kind === 'move') {
      await recordEvent(tx, actor, {
        kind: 'idea.status',
        subjectType: 'idea',
        subjectId: id,
        params: {
          title: idea.title,
          status: { nb: messages.nb.idea.status[input.status], nn: messages.nn.idea.status[input.status], en: messages.en.idea.status[input.status] },
          serviceId: idea.serviceId,
          providerId: idea.providerId,
          path: `/ideer/${id}`,
        },
      });
    }
    return move.kind === 'move' ? ('moved' as const) : ('answered' as const);
  });
}
