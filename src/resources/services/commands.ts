import { and, asc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { recordAudit } from '../../db/audit.js';
import { recordServiceEvent } from '../../mail/notify.js';
import {
  agencies,
  areas,
  providers,
  serviceDrafts,
  servicePrices,
  serviceRelations,
  services,
  serviceSlugAliases,
  serviceVersions,
  subscriptions,
  tiers,
} from '../../db/schema/index.js';
import type { Actor } from '../../domain/actor.js';
import type { Language } from '../../domain/catalogue.js';
import { capacityForProvider } from '../../domain/principal.js';
import { documentProblems, normalizeDocument, type ServiceDocument } from '../../domain/serviceDocument.js';
import { changedFields, diffVersions, type DraftAction, draftTransition, operatingMoveAllowed, publicationTransition } from '../../domain/serviceLifecycle.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import { type FieldError, schemaErrors, ServiceDocumentSchema } from './editSchema.js';
import { mayService, type ServiceEditAction } from './policy.js';
import { changeSetting } from '../shared/setting.js';

/**
 * Commands that change the catalogue: drafts, publishing (with review where the provider requires it), retiring and
 * reinstating, new services. Each takes a database handle or a transaction (it opens its own transaction, a
 * savepoint inside a caller's) and an actor; each checks the policy, changes everything in one transaction and
 * writes an audit event there. Publishing writes the draft into the catalogue's tables: the statement triggers bump
 * the `catalogue` data version in the same transaction, so search, pages, statistics, the open-data export and
 * every cache show the change on the next request.
 */

export type DraftRow = typeof serviceDrafts.$inferSelect;

/** What an edit command finds behind a slug: the published service (if any) and its draft (if any). */
export interface Editable {
  providerId: string;
  providerSlug: string;
  reviewRequired: boolean;
  service: { id: string; slug: string; retiredAt: Date | null; version: number; updatedAt: Date } | null;
  draft: DraftRow | null;
}

const t = (lang: Language) => messages[lang].serviceEditing;

/** The service or new-service draft at a slug, or a 404. Renamed slugs are not followed here (pages redirect). */
export async function findEditable(db: Executor, slug: string, lang: Language): Promise<Editable> {
  const [s] = await db
    .select({ id: services.id, slug: services.slug, retiredAt: services.retiredAt, version: services.version, updatedAt: services.updatedAt, providerId: services.providerId })
    .from(services)
    .where(eq(services.slug, slug));
  const [draft] = s
    ? await db.select().from(serviceDrafts).where(eq(serviceDrafts.serviceId, s.id))
    : await db.select().from(serviceDrafts).where(and(isNull(serviceDrafts.serviceId), eq(serviceDrafts.slug, slug)));
  const providerId = s?.providerId ?? draft?.providerId;
  if (!providerId) throw new HttpProblem(404, t(lang).errors.unknownService(slug));
  const [p] = await db.select({ slug: providers.slug, reviewRequired: providers.reviewRequired }).from(providers).where(eq(providers.id, providerId));
  return {
    providerId,
    providerSlug: p!.slug,
    reviewRequired: p!.reviewRequired,
    service: s ? { id: s.id, slug: s.slug, retiredAt: s.retiredAt, version: s.version, updatedAt: s.updatedAt } : null,
    draft: draft ?? null,
  };
}

function authorise(actor: Actor, action: ServiceEditAction, e: { providerId: string }, lang: Language): void {
  if (mayService(actor.principal, action, e)) return;
  const errors = t(lang).errors;
  throw new HttpProblem(403, action === 'review' ? errors.reviewerOnly : action === 'set_review' ? errors.adminOnly : errors.notYours);
}

/**
 * The published version of a service as a document (what the edit form starts from). Its reads run one after the
 * other: publishing calls it with a transaction, and one connection takes one query at a time (node-postgres queues
 * concurrent ones with a deprecation warning, and pg 9 refuses them).
 */
export async function loadServiceDocument(db: Executor, serviceId: string): Promise<ServiceDocument> {
  const [s] = await db.select().from(services).where(eq(services.id, serviceId));
  if (!s) throw new Error(`no service ${serviceId}`);
  const tierRows = await db.select().from(tiers).where(eq(tiers.serviceId, serviceId)).orderBy(asc(tiers.sortOrder), asc(tiers.slug));
  const parent = s.parentServiceId ? await db.select({ slug: services.slug }).from(services).where(eq(services.id, s.parentServiceId)) : [];
  const related = await db
    .select({ slug: services.slug })
    .from(services)
    .where(
      inArray(
        services.id,
        sql`(select related_service_id from service_relations where service_id = ${serviceId} union select service_id from service_relations where related_service_id = ${serviceId})`,
      ),
    )
    .orderBy(asc(services.slug));
  const priceRows = await db.select().from(servicePrices).where(eq(servicePrices.serviceId, serviceId)).orderBy(asc(servicePrices.sortOrder));
  const levels = s.serviceLevels;
  const join = s.howToJoin;
  return normalizeDocument({
    slug: s.slug,
    kind: s.kind,
    name: s.name,
    summary: s.summary,
    description: s.description,
    area: s.areaSlug,
    model: s.model,
    obligation: s.obligation,
    targetGroup: s.targetGroup,
    targetDescription: s.targetDescription ?? null,
    targetMinistry: s.targetMinistryOrgnr,
    status: s.status,
    launchedOn: s.launchedOn,
    plannedOn: s.plannedOn,
    phasedOutOn: s.phasedOutOn,
    financing: s.financing,
    financingNote: s.financingNote ?? null,
    prices: priceRows.map((p) => ({ label: p.label ?? null, amount: Number(p.amount), unit: p.unit, note: p.note ?? null, validFrom: p.validFrom })),
    tiers: tierRows.map((r) => ({ slug: r.slug, name: r.name, description: r.description ?? null, kind: r.kind, current: r.current })),
    serviceLevels: { uptimePercent: levels.uptimePercent ?? null, supportHours: levels.supportHours ?? null, responseTime: levels.responseTime ?? null, other: levels.other ?? [] },
    supportChannels: s.supportChannels,
    howToJoin: {
      steps: join.steps ?? [],
      contact: join.contact ? { name: join.contact.name ?? null, email: join.contact.email ?? null, phone: join.contact.phone ?? null } : null,
      links: join.links ?? [],
    },
    website: s.website,
    reportedUsers: s.reportedUsers,
    reportedUsersYear: s.reportedUsersYear,
    reportedUsersNote: s.reportedUsersNote ?? null,
    parent: parent[0]?.slug ?? null,
    related: related.map((r) => r.slug),
    keywords: s.keywords,
    sourceNote: s.sourceRef,
  });
}

/** The document's references resolved to ids, or the fields that name something unknown (in the language). */
interface Resolved {
  parentId: string | null;
  relatedIds: string[];
}

async function resolveReferences(db: Executor, doc: ServiceDocument, serviceId: string | null, lang: Language): Promise<{ resolved: Resolved; errors: FieldError[] }> {
  const e = t(lang).errors;
  const priceMessages = { price_range: e.priceRange, price_decimals: e.priceDecimals, price_date: e.priceDate, price_duplicate: e.priceDuplicate };
  const errors: FieldError[] = documentProblems(doc).map((p) => ({
    field: p.field,
    message: p.rule === 'duplicate_tier' ? e.duplicateTier(p.value) : p.rule === 'self' ? e.selfReference : priceMessages[p.rule],
  }));
  const [area] = await db.select({ slug: areas.slug }).from(areas).where(eq(areas.slug, doc.area));
  if (!area) errors.push({ field: 'area', message: e.unknownArea(doc.area) });
  if (doc.targetMinistry) {
    const [m] = await db.select({ orgnr: agencies.orgnr }).from(agencies).where(and(eq(agencies.orgnr, doc.targetMinistry), eq(agencies.kind, 'ministry')));
    if (!m) errors.push({ field: 'targetMinistry', message: e.unknownMinistry(doc.targetMinistry) });
  }
  const slugs = [...new Set([...(doc.parent ? [doc.parent] : []), ...doc.related])];
  const found = slugs.length ? await db.select({ id: services.id, slug: services.slug, parentId: services.parentServiceId }).from(services).where(inArray(services.slug, slugs)) : [];
  const bySlug = new Map(found.map((f) => [f.slug, f]));
  let parentId: string | null = null;
  if (doc.parent) {
    const p = bySlug.get(doc.parent);
    if (!p) errors.push({ field: 'parent', message: e.unknownService(doc.parent) });
    else if (serviceId && p.id === serviceId) errors.push({ field: 'parent', message: e.selfReference });
    else if (serviceId && p.parentId === serviceId) errors.push({ field: 'parent', message: e.parentCycle });
    else parentId = p.id;
  }
  const relatedIds: string[] = [];
  for (const r of doc.related) {
    const x = bySlug.get(r);
    if (!x) errors.push({ field: 'related', message: e.unknownService(r) });
    else if (x.id === serviceId) errors.push({ field: 'related', message: e.selfReference });
    else relatedIds.push(x.id);
  }
  return { resolved: { parentId, relatedIds }, errors };
}

/** A slug is free for a service when no other service, former slug of another service or new draft has it. */
async function slugErrors(db: Executor, slug: string, serviceId: string | null, draftId: string | null, lang: Language): Promise<FieldError[]> {
  const [other] = await db.select({ id: services.id }).from(services).where(serviceId ? and(eq(services.slug, slug), ne(services.id, serviceId)) : eq(services.slug, slug));
  const [alias] = await db
    .select({ id: serviceSlugAliases.serviceId })
    .from(serviceSlugAliases)
    .where(serviceId ? and(eq(serviceSlugAliases.slug, slug), ne(serviceSlugAliases.serviceId, serviceId)) : eq(serviceSlugAliases.slug, slug));
  const [draft] = await db
    .select({ id: serviceDrafts.id })
    .from(serviceDrafts)
    .where(and(isNull(serviceDrafts.serviceId), eq(serviceDrafts.slug, slug), draftId ? ne(serviceDrafts.id, draftId) : sql`true`));
  return other || alias || draft ? [{ field: 'slug', message: t(lang).errors.slugTaken(slug) }] : [];
}

function badRequest(errors: FieldError[]): HttpProblem {
  return new HttpProblem(400, errors.map((x) => `${x.field}: ${x.message}`).join(' '), { errors });
}

/**
 * Validates a document as the API and the form receive it: the schema (unknown fields and bad values, by field),
 * then the references (area, ministry, parent, related, slug). Returns the normalized document or throws 400.
 */
export async function validateDocument(db: Executor, input: unknown, ctx: { serviceId: string | null; draftId: string | null; publishedStatus: ServiceDocument['status'] | null }, lang: Language): Promise<ServiceDocument> {
  const schemaProblems = schemaErrors(ServiceDocumentSchema, input, lang);
  if (schemaProblems.length) throw badRequest(schemaProblems);
  const doc = normalizeDocument(input as ServiceDocument);
  const { errors } = await resolveReferences(db, doc, ctx.serviceId, lang);
  errors.push(...(await slugErrors(db, doc.slug, ctx.serviceId, ctx.draftId, lang)));
  if (!operatingMoveAllowed(ctx.publishedStatus, doc.status)) {
    const status = messages[lang].vocab.status;
    errors.push({ field: 'status', message: t(lang).errors.operatingMove(status[ctx.publishedStatus!] ?? ctx.publishedStatus!, status[doc.status] ?? doc.status) });
  }
  if (errors.length) throw badRequest(errors);
  return doc;
}

/** The ETag of a draft revision, and the revision an If-Match names (undefined when absent or not ours). */
export const draftEtag = (revision: number) => `"r${revision}"`;
export function revisionFromIfMatch(header: string | undefined): number | undefined {
  const m = header?.trim().match(/^(?:W\/)?"r(\d+)"$/);
  return m ? Number(m[1]) : undefined;
}

const by = (actor: Actor) => ({ id: actor.principal.kind === 'user' ? actor.principal.id : `client:${actor.principal.id}`, name: actor.principal.name });

/** The draft, for those who may see it (its provider's editors and DFØ); 404 when the service has none. */
export async function getDraft(db: Executor, actor: Actor, slug: string, lang: Language): Promise<{ editable: Editable; draft: DraftRow }> {
  const editable = await findEditable(db, slug, lang);
  authorise(actor, 'read_draft', editable, lang);
  if (!editable.draft) throw new HttpProblem(404, t(lang).errors.noDraft);
  return { editable, draft: editable.draft };
}

/**
 * saveDraft: the whole draft (a PUT). Creates it from the published version when there is none. With a draft in
 * place, `ifMatch` must name its current revision: a stale one is a 412 (nothing saved), a missing one a 428.
 */
export async function saveDraft(db: Executor, actor: Actor, slug: string, input: unknown, ifMatch: number | undefined, lang: Language): Promise<DraftRow> {
  return db.transaction(async (tx) => {
    const editable = await findEditable(tx, slug, lang);
    authorise(actor, 'edit', editable, lang);
    const current = editable.draft;
    if (current) {
      const [locked] = await tx.select().from(serviceDrafts).where(eq(serviceDrafts.id, current.id)).for('update');
      if (ifMatch === undefined) throw new HttpProblem(428, t(lang).errors.ifMatchRequired);
      if (locked!.revision !== ifMatch) throw new HttpProblem(412, t(lang).errors.stale(locked!.revision, `r${ifMatch}`));
      const move = draftTransition(locked!.state, 'edit', { reviewRequired: editable.reviewRequired });
      if (!move.ok) throw refusal(move.reason, locked!.state, lang);
    }
    const publishedStatus = editable.service ? (await tx.select({ status: services.status }).from(services).where(eq(services.id, editable.service.id)))[0]!.status : null;
    const doc = await validateDocument(tx, input, { serviceId: editable.service?.id ?? null, draftId: current?.id ?? null, publishedStatus }, lang);
    const who = by(actor);
    let row: DraftRow;
    if (current) {
      [row] = (await tx
        .update(serviceDrafts)
        .set({ document: doc, slug: doc.slug, revision: sql`${serviceDrafts.revision} + 1`, updatedAt: actor.now, updatedById: who.id, updatedByName: who.name })
        .where(eq(serviceDrafts.id, current.id))
        .returning()) as [DraftRow];
    } else {
      [row] = (await tx
        .insert(serviceDrafts)
        .values({ serviceId: editable.service!.id, providerId: editable.providerId, slug: doc.slug, document: doc, createdAt: actor.now, updatedAt: actor.now, updatedById: who.id, updatedByName: who.name })
        .returning()) as [DraftRow];
    }
    await recordAudit(tx, actor, capacityForProvider(actor.principal, editable.providerId), {
      action: 'service.draft.save',
      entityType: 'service',
      entityId: editable.service?.id ?? row.id,
      before: current ? { revision: current.revision, slug: current.slug } : null,
      after: { revision: row.revision, slug: row.slug, changedFields: changedFields(diffVersions(current?.document as never ?? null, doc as never)) },
    });
    return row;
  });
}

/** createService: a new service, as a draft of the given provider, until it is first published. */
export async function createService(db: Executor, actor: Actor, providerSlug: string, input: unknown, lang: Language): Promise<DraftRow> {
  return db.transaction(async (tx) => {
    const [provider] = await tx.select({ id: providers.id }).from(providers).where(eq(providers.slug, providerSlug));
    if (!provider) throw badRequest([{ field: 'provider', message: t(lang).errors.unknownProvider(providerSlug) }]);
    authorise(actor, 'create', { providerId: provider.id }, lang);
    const doc = await validateDocument(tx, input, { serviceId: null, draftId: null, publishedStatus: null }, lang);
    const who = by(actor);
    const [row] = await tx
      .insert(serviceDrafts)
      .values({ serviceId: null, providerId: provider.id, slug: doc.slug, document: doc, createdAt: actor.now, updatedAt: actor.now, updatedById: who.id, updatedByName: who.name })
      .returning();
    await recordAudit(tx, actor, capacityForProvider(actor.principal, provider.id), {
      action: 'service.create',
      entityType: 'service_draft',
      entityId: row!.id,
      after: { slug: doc.slug, revision: row!.revision },
    });
    return row!;
  });
}

/** discardDraft: throws the draft away (a new service's draft too: the service then never existed). */
export async function discardDraft(db: Executor, actor: Actor, slug: string, lang: Language): Promise<void> {
  await db.transaction(async (tx) => {
    const editable = await findEditable(tx, slug, lang);
    authorise(actor, 'edit', editable, lang);
    if (!editable.draft) throw new HttpProblem(404, t(lang).errors.noDraft);
    await tx.delete(serviceDrafts).where(eq(serviceDrafts.id, editable.draft.id));
    await recordAudit(tx, actor, capacityForProvider(actor.principal, editable.providerId), {
      action: 'service.draft.discard',
      entityType: editable.service ? 'service' : 'service_draft',
      entityId: editable.service?.id ?? editable.draft.id,
      before: { revision: editable.draft.revision, slug: editable.draft.slug },
    });
  });
}

function refusal(reason: string, state: string, lang: Language): HttpProblem {
  const r = t(lang).errors.refusal;
  const stateName = t(lang).draftState[state] ?? state;
  const message = reason === 'wrong_state' ? r.wrong_state(stateName) : (r[reason as keyof typeof r] as string);
  return new HttpProblem(reason === 'comment_missing' ? 400 : 409, message, reason === 'comment_missing' ? { errors: [{ field: 'comment', message }] } : {});
}

export type ReviewAction = Exclude<DraftAction, 'edit'>;

/**
 * Moves a draft in its editorial lifecycle: submit for review, withdraw, return with a comment, approve or publish.
 * Approving and publishing make the draft the new published version (publishDraft). `ifMatch`, when given, must
 * be the draft's revision (so one publishes what one has seen).
 */
export async function draftAction(
  db: Executor,
  actor: Actor,
  slug: string,
  action: ReviewAction,
  options: { comment?: string | undefined; ifMatch?: number | undefined },
  lang: Language,
): Promise<{ slug: string; version?: number }> {
  return db.transaction(async (tx) => {
    const editable = await findEditable(tx, slug, lang);
    const isReview = action === 'approve' || action === 'return';
    authorise(actor, isReview ? 'review' : action === 'publish' ? 'publish' : 'edit', editable, lang);
    if (!editable.draft) throw new HttpProblem(404, t(lang).errors.noDraft);
    const [draft] = await tx.select().from(serviceDrafts).where(eq(serviceDrafts.id, editable.draft.id)).for('update');
    if (options.ifMatch !== undefined && draft!.revision !== options.ifMatch) throw new HttpProblem(412, t(lang).errors.stale(draft!.revision, `r${options.ifMatch}`));
    const move = draftTransition(draft!.state, action, {
      reviewRequired: editable.reviewRequired,
      comment: options.comment,
      actorIsAuthor: draft!.updatedById === by(actor).id,
    });
    if (!move.ok) throw refusal(move.reason, draft!.state, lang);
    const capacity = capacityForProvider(actor.principal, editable.providerId);
    if (move.to === 'published') {
      const version = await publishInTransaction(tx, actor, editable, draft!, lang);
      return { slug: draft!.document.slug, version };
    }
    await tx
      .update(serviceDrafts)
      .set({ state: move.to, reviewComment: action === 'return' ? options.comment!.trim() : action === 'submit' ? null : draft!.reviewComment })
      .where(eq(serviceDrafts.id, draft!.id));
    await recordAudit(tx, actor, capacity, {
      action: `service.draft.${action}`,
      entityType: editable.service ? 'service' : 'service_draft',
      entityId: editable.service?.id ?? draft!.id,
      before: { state: draft!.state },
      after: { state: move.to, ...(action === 'return' ? { comment: options.comment!.trim() } : {}) },
    });
    return { slug: draft!.slug };
  });
}

/** publishDraft: the draft becomes the new published version (for providers without review; DFØ approves otherwise). */
export function publishDraft(db: Executor, actor: Actor, slug: string, lang: Language, ifMatch?: number): Promise<{ slug: string; version?: number }> {
  return draftAction(db, actor, slug, 'publish', { ifMatch }, lang);
}

/**
 * Writes a draft into the catalogue's tables as the new published version, keeps the version (and, the first time a
 * seeded service is published, its seeded version as version 1), records a renamed slug, drops the draft and
 * writes the audit event. In the caller's transaction.
 */
async function publishInTransaction(tx: Executor, actor: Actor, editable: Editable, draft: DraftRow, lang: Language): Promise<number> {
  const publishedStatus = editable.service ? (await tx.select({ status: services.status }).from(services).where(eq(services.id, editable.service.id)))[0]!.status : null;
  // The references may have changed since the draft was saved (a related service renamed): check again.
  const doc = await validateDocument(tx, draft.document, { serviceId: editable.service?.id ?? null, draftId: draft.id, publishedStatus }, lang);
  const { resolved } = await resolveReferences(tx, doc, editable.service?.id ?? null, lang);
  const who = by(actor);
  let serviceId: string;
  let previous: ServiceDocument | null = null;
  let number: number;
  const [current] = editable.service ? await tx.select().from(services).where(eq(services.id, editable.service.id)).for('update') : [];
  // Fields an older client's document may lack keep their published values.
  const otherLevels = doc.serviceLevels.other ?? current?.serviceLevels.other ?? [];
  const columns = {
    slug: doc.slug,
    areaSlug: doc.area,
    parentServiceId: resolved.parentId,
    kind: doc.kind,
    name: doc.name,
    summary: doc.summary,
    description: doc.description,
    model: doc.model,
    targetGroup: doc.targetGroup,
    targetMinistryOrgnr: doc.targetMinistry,
    targetDescription: doc.targetDescription,
    obligation: doc.obligation,
    financing: doc.financing,
    financingNote: doc.financingNote,
    status: doc.status,
    launchedOn: doc.launchedOn,
    plannedOn: doc.plannedOn,
    phasedOutOn: doc.phasedOutOn,
    serviceLevels: {
      ...(otherLevels.length ? { other: otherLevels } : {}),
      ...(doc.serviceLevels.uptimePercent !== null ? { uptimePercent: doc.serviceLevels.uptimePercent } : {}),
      ...(doc.serviceLevels.supportHours ? { supportHours: doc.serviceLevels.supportHours } : {}),
      ...(doc.serviceLevels.responseTime ? { responseTime: doc.serviceLevels.responseTime } : {}),
    },
    supportChannels: doc.supportChannels,
    howToJoin: {
      steps: doc.howToJoin.steps,
      ...(doc.howToJoin.contact
        ? {
            contact: Object.fromEntries(Object.entries(doc.howToJoin.contact).filter(([, v]) => v)) as { name?: string; email?: string; phone?: string },
          }
        : {}),
      links: doc.howToJoin.links,
    },
    website: doc.website,
    reportedUsers: doc.reportedUsers,
    reportedUsersYear: doc.reportedUsersYear,
    reportedUsersNote: doc.reportedUsersNote !== undefined ? doc.reportedUsersNote : (current?.reportedUsersNote ?? null),
    keywords: doc.keywords,
    sourceRef: doc.sourceNote,
    factSource: 'provider' as const,
    updatedAt: actor.now,
  };
  if (current) {
    serviceId = current.id;
    previous = await loadServiceDocument(tx, serviceId);
    number = current.version + 1;
    if (current.version === 0) {
      // The seeded service was never published through the portal: keep what it was as version 1.
      await tx.insert(serviceVersions).values({ serviceId, number: 1, document: previous, changedFields: [], publishedAt: current.updatedAt, publishedById: null, publishedByName: '', note: 'baseline' });
      number = 2;
    }
    if (doc.slug !== current.slug) {
      await tx.delete(serviceSlugAliases).where(and(eq(serviceSlugAliases.slug, doc.slug), eq(serviceSlugAliases.serviceId, serviceId)));
      await tx.insert(serviceSlugAliases).values({ slug: current.slug, serviceId, createdAt: actor.now }).onConflictDoUpdate({ target: serviceSlugAliases.slug, set: { serviceId } });
    }
    await tx.update(services).set({ ...columns, version: number }).where(eq(services.id, serviceId));
  } else {
    number = 1;
    const [row] = await tx
      .insert(services)
      .values({ ...columns, providerId: editable.providerId, version: number, createdAt: actor.now })
      .returning({ id: services.id });
    serviceId = row!.id;
  }
  await writeTiers(tx, serviceId, doc, lang);
  if (doc.prices !== undefined) {
    // The prices as written, in their order; a document without them (older clients) keeps the published ones.
    await tx.delete(servicePrices).where(eq(servicePrices.serviceId, serviceId));
    if (doc.prices.length) await tx.insert(servicePrices).values(doc.prices.map((p, i) => ({ serviceId, sortOrder: i, ...p })));
  }
  await tx.delete(serviceRelations).where(or(eq(serviceRelations.serviceId, serviceId), eq(serviceRelations.relatedServiceId, serviceId)));
  if (resolved.relatedIds.length) await tx.insert(serviceRelations).values(resolved.relatedIds.map((r) => ({ serviceId, relatedServiceId: r }))).onConflictDoNothing();
  const published = await loadServiceDocument(tx, serviceId);
  const fields = changedFields(diffVersions(previous as never, published as never));
  await tx.insert(serviceVersions).values({ serviceId, number, document: published, changedFields: fields, publishedAt: actor.now, publishedById: who.id, publishedByName: who.name });
  await tx.delete(serviceDrafts).where(eq(serviceDrafts.id, draft.id));
  await recordAudit(tx, actor, capacityForProvider(actor.principal, editable.providerId), {
    action: editable.service ? 'service.publish' : 'service.publish_new',
    entityType: 'service',
    entityId: serviceId,
    before: current ? { version: current.version, slug: current.slug } : null,
    after: { version: number, slug: doc.slug, changedFields: fields, approvedDraftBy: draft.updatedByName },
  });
  await recordServiceEvent(tx, actor, {
    kind: current ? 'service.changed' : 'service.new',
    serviceId,
    slug: doc.slug,
    name: doc.name,
    areaSlug: doc.area,
    providerId: editable.providerId,
    changedFields: fields,
    fromVersion: number - 1,
    toVersion: number,
  });
  return number;
}

/** Tiers by their code: changed in place, added, or removed when no agency is registered on them. */
async function writeTiers(tx: Executor, serviceId: string, doc: ServiceDocument, lang: Language): Promise<void> {
  const existing = await tx.select({ id: tiers.id, slug: tiers.slug }).from(tiers).where(eq(tiers.serviceId, serviceId));
  const wanted = new Map(doc.tiers.map((tier, i) => [tier.slug, { ...tier, sortOrder: i }]));
  const removed = existing.filter((e) => !wanted.has(e.slug));
  if (removed.length) {
    const used = await tx.selectDistinct({ tierId: subscriptions.tierId }).from(subscriptions).where(inArray(subscriptions.tierId, removed.map((r) => r.id)));
    const usedSlugs = removed.filter((r) => used.some((u) => u.tierId === r.id)).map((r) => r.slug);
    if (usedSlugs.length) throw badRequest(usedSlugs.map((s) => ({ field: 'tiers', message: t(lang).errors.tierInUse(s) })));
    await tx.delete(tiers).where(inArray(tiers.id, removed.map((r) => r.id)));
  }
  for (const [slug, tier] of wanted) {
    const values = { name: tier.name, description: tier.description, kind: tier.kind, current: tier.current, sortOrder: tier.sortOrder };
    if (existing.some((e) => e.slug === slug)) await tx.update(tiers).set(values).where(and(eq(tiers.serviceId, serviceId), eq(tiers.slug, slug)));
    else await tx.insert(tiers).values({ serviceId, slug, ...values });
  }
}

/** retireService / reinstateService: the page stays (marked), out of default search; reinstating lists it again. */
export async function retireService(db: Executor, actor: Actor, slug: string, lang: Language): Promise<void> {
  await setRetired(db, actor, slug, 'retire', lang);
}

export async function reinstateService(db: Executor, actor: Actor, slug: string, lang: Language): Promise<void> {
  await setRetired(db, actor, slug, 'reinstate', lang);
}

async function setRetired(db: Executor, actor: Actor, slug: string, action: 'retire' | 'reinstate', lang: Language): Promise<void> {
  await db.transaction(async (tx) => {
    const editable = await findEditable(tx, slug, lang);
    if (!editable.service) throw new HttpProblem(404, t(lang).errors.unknownService(slug));
    authorise(actor, action, editable, lang);
    const [s] = await tx.select({ retiredAt: services.retiredAt }).from(services).where(eq(services.id, editable.service.id)).for('update');
    const move = publicationTransition(s!.retiredAt ? 'retired' : 'published', action);
    if (!move.ok) throw new HttpProblem(409, action === 'retire' ? t(lang).errors.alreadyRetired : t(lang).errors.notRetired);
    await tx
      .update(services)
      .set({ retiredAt: action === 'retire' ? actor.now : null, updatedAt: actor.now })
      .where(eq(services.id, editable.service.id));
    await recordAudit(tx, actor, capacityForProvider(actor.principal, editable.providerId), {
      action: `service.${action}`,
      entityType: 'service',
      entityId: editable.service.id,
      before: { retiredAt: s!.retiredAt?.toISOString() ?? null },
      after: { retiredAt: action === 'retire' ? actor.now.toISOString() : null },
    });
    if (action === 'retire') {
      const [svc] = await tx.select({ name: services.name, areaSlug: services.areaSlug }).from(services).where(eq(services.id, editable.service.id));
      await recordServiceEvent(tx, actor, { kind: 'service.retired', serviceId: editable.service.id, slug: editable.service.slug, name: svc!.name, areaSlug: svc!.areaSlug, providerId: editable.providerId });
    }
  });
}

/** setReviewRequired: DFØ turns review of a provider's drafts on or off. */
export async function setReviewRequired(db: Executor, actor: Actor, providerSlug: string, on: boolean, lang: Language): Promise<void> {
  await db.transaction(async (tx) => {
    const [p] = await tx.select({ id: providers.id, reviewRequired: providers.reviewRequired }).from(providers).where(eq(providers.slug, providerSlug));
    if (!p) throw new HttpProblem(404, t(lang).errors.unknownProvider(providerSlug));
    authorise(actor, 'set_review', { providerId: p.id }, lang);
    const row = { table: providers, where: eq(providers.id, p.id), action: 'provider.review_required', entityType: 'provider', entityId: p.id };
    await changeSetting(tx, actor, { role: 'admin', providerId: p.id }, row, 'reviewRequired', p.reviewRequired, on);
  });
}
