import { eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { providers } from '../../db/schema/index.js';
import { Type } from 'typebox';
import type { Language } from '../../domain/catalogue.js';
import { actorOf } from '../../server/actor.js';
import { HttpProblem } from '../../server/problem.js';
import type { App, AppDeps } from '../../server/types.js';
import { messages } from '../../web/i18n/index.js';
import { problem, security } from '../shared/schema.js';
import {
  createService,
  discardDraft,
  draftAction,
  draftEtag,
  findEditable,
  getDraft,
  reinstateService,
  retireService,
  type ReviewAction,
  revisionFromIfMatch,
  saveDraft,
  setReviewRequired,
} from './commands.js';
import {
  DraftResponse,
  NewServiceBody,
  ReviewBody,
  schemaErrors,
  ServiceDocumentSchema,
  VersionDetail,
  VersionList,
  VersionParams,
} from './editSchema.js';
import { serviceVersion, serviceVersionList } from './history.js';
import { mayCreateSomeService, mayService, type ServiceEditAction } from './policy.js';
import { presentDraft, presentVersionSummary, publishedBy } from './present.js';
import { SlugParams } from './schema.js';
import { Lang } from '../shared/schema.js';

/**
 * The catalogue's editing API (issue 12): drafts with ETags, publishing, review, retire/reinstate, new services,
 * versions. Provider editors (and their systems' client-credentials tokens) act for their own provider, DFØ's
 * administrators for all. Who may act is decided before the body is looked at; a bad body is a 400 naming each
 * field (unknown fields included: they are refused, not dropped).
 */
export async function registerServiceEditingApi(api: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  api.addSchema(ServiceDocumentSchema);
  api.addSchema(DraftResponse);
  const t = (lang: Language) => messages[lang].serviceEditing;
  const asSent = new WeakMap<FastifyRequest, unknown>();

  /** Before validation: the caller may do `action` on the service at :slug (403/404 otherwise), then the body is checked. */
  const guard = (action: ServiceEditAction, body?: 'document' | 'new') => async (req: FastifyRequest) => {
    const lang = req.lang;
    const actor = actorOf(req, deps);
    if (body === 'new') {
      const b = req.body as { provider?: unknown } | undefined;
      const providerSlug = typeof b?.provider === 'string' ? b.provider : undefined;
      const [provider] = providerSlug ? await db.select({ id: providers.id }).from(providers).where(eq(providers.slug, providerSlug)) : [];
      if (!mayCreateSomeService(actor.principal) || (provider && !mayService(actor.principal, 'create', { providerId: provider.id }))) throw new HttpProblem(403, t(lang).errors.notYours);
      asSent.set(req, structuredClone(req.body));
      const errors = schemaErrors(NewServiceBody, b, lang).filter((e) => !e.field.startsWith('document'));
      const docErrors = b && typeof b === 'object' && 'document' in b ? schemaErrors(ServiceDocumentSchema, (b as { document: unknown }).document, lang).map((e) => ({ ...e, field: `document.${e.field}` })) : [];
      const all = [...errors, ...docErrors];
      if (all.length) throw new HttpProblem(400, all.map((e) => `${e.field}: ${e.message}`).join(' '), { errors: all });
      return;
    }
    const editable = await findEditable(db, (req.params as { slug: string }).slug, lang);
    if (!mayService(actor.principal, action, editable)) throw new HttpProblem(403, action === 'review' ? t(lang).errors.reviewerOnly : t(lang).errors.notYours);
    if (body === 'document') {
      const errors = schemaErrors(ServiceDocumentSchema, req.body, lang);
      if (errors.length) throw new HttpProblem(400, errors.map((e) => `${e.field}: ${e.message}`).join(' '), { errors });
      // Keep the body as sent: Fastify's validation coerces (a null uptime would become 0).
      asSent.set(req, structuredClone(req.body));
    }
  };

  const sendDraft = (reply: FastifyReply, status: number, d: Awaited<ReturnType<typeof getDraft>>['draft'], editable: Parameters<typeof presentDraft>[1]) =>
    reply.code(status).header('etag', draftEtag(d.revision)).send(presentDraft(d, editable));

  const ifMatchHeader = Type.Object({ 'if-match': Type.Optional(Type.String({ description: 'The draft’s ETag, as GET or PUT returned it.' })) });
  const tags = ['catalogue editing'];

  api.get(
    '/services/:slug/draft',
    {
      preValidation: guard('read_draft'),
      schema: { tags, summary: 'The draft of a service', description: 'Seen only by the provider’s editors and DFØ. ETag is the revision.', security, params: SlugParams, querystring: Type.Object({ lang: Lang }), response: { 200: { $ref: 'ServiceDraft#' }, 401: problem, 403: problem, 404: problem } },
    },
    async (req, reply) => {
      const { editable, draft } = await getDraft(db, actorOf(req, deps), req.params.slug, req.lang);
      return sendDraft(reply, 200, draft, editable);
    },
  );

  api.put(
    '/services/:slug/draft',
    {
      preValidation: guard('edit', 'document'),
      schema: {
        tags,
        summary: 'Save the whole draft',
        description: 'Creates the draft from the body when the service has none (201). With a draft in place, If-Match must carry its ETag: a stale one is 412, a missing one 428.',
        security,
        params: SlugParams,
        querystring: Type.Object({ lang: Lang }),
        headers: ifMatchHeader,
        body: { $ref: 'ServiceDocument#' },
        response: { 200: { $ref: 'ServiceDraft#' }, 201: { $ref: 'ServiceDraft#' }, 400: problem, 401: problem, 403: problem, 404: problem, 409: problem, 412: problem, 428: problem },
      },
    },
    async (req, reply) => {
      const lang = req.lang;
      const ifMatch = req.headers['if-match'];
      const revision = revisionFromIfMatch(ifMatch);
      if (ifMatch && revision === undefined) throw new HttpProblem(412, t(lang).errors.stale(0, ifMatch));
      const before = await findEditable(db, req.params.slug, lang);
      const draft = await saveDraft(db, actorOf(req, deps), req.params.slug, asSent.get(req) ?? req.body, revision, lang);
      return sendDraft(reply, before.draft ? 200 : 201, draft, before);
    },
  );

  api.delete(
    '/services/:slug/draft',
    {
      preValidation: guard('edit'),
      schema: { tags, summary: 'Discard the draft', security, params: SlugParams, querystring: Type.Object({ lang: Lang }), response: { 204: Type.Null(), 401: problem, 403: problem, 404: problem } },
    },
    async (req, reply) => {
      await discardDraft(db, actorOf(req, deps), req.params.slug, req.lang);
      return reply.code(204).send(null);
    },
  );

  const Published = Type.Object({ slug: Type.String(), version: Type.Integer(), url: Type.String() });
  const Moved = Type.Object({ slug: Type.String(), state: Type.String() });
  api.post(
    '/services/:slug/publish',
    {
      preValidation: guard('publish'),
      schema: {
        tags,
        summary: 'Publish the draft',
        description: 'The draft becomes the new published version in one transaction. Providers that require review submit instead (409 here); DFØ approves.',
        security,
        params: SlugParams,
        querystring: Type.Object({ lang: Lang }),
        headers: ifMatchHeader,
        response: { 200: Published, 401: problem, 403: problem, 404: problem, 409: problem, 412: problem },
      },
    },
    async (req) => {
      const result = await draftAction(db, actorOf(req, deps), req.params.slug, 'publish', { ifMatch: revisionFromIfMatch(req.headers['if-match']) }, req.lang);
      return { slug: result.slug, version: result.version!, url: `${deps.config.publicUrl}/tjenester/${result.slug}` };
    },
  );

  const reviewSteps: { action: Exclude<ReviewAction, 'publish'>; policy: ServiceEditAction; summary: string }[] = [
    { action: 'submit', policy: 'edit', summary: 'Submit the draft for approval (providers that require review)' },
    { action: 'withdraw', policy: 'edit', summary: 'Withdraw the draft from approval' },
    { action: 'approve', policy: 'review', summary: 'Approve and publish the draft (DFØ; not the draft’s last author)' },
    { action: 'return', policy: 'review', summary: 'Return the draft to its editors with a comment (DFØ)' },
  ];
  for (const step of reviewSteps) {
    api.post(
      `/services/:slug/draft/${step.action}`,
      {
        preValidation: guard(step.policy),
        schema: {
          tags,
          summary: step.summary,
          security,
          params: SlugParams,
          querystring: Type.Object({ lang: Lang }),
          ...(step.action === 'return' ? { body: ReviewBody } : {}),
          response: { 200: step.action === 'approve' ? Published : Moved, 400: problem, 401: problem, 403: problem, 404: problem, 409: problem },
        },
      },
      async (req) => {
        const comment = (req.body as { comment?: string } | undefined)?.comment;
        const result = await draftAction(db, actorOf(req, deps), req.params.slug, step.action, { comment }, req.lang);
        if (step.action === 'approve') return { slug: result.slug, version: result.version!, url: `${deps.config.publicUrl}/tjenester/${result.slug}` };
        return { slug: result.slug, state: step.action === 'submit' ? 'in_review' : step.action === 'return' ? 'returned' : 'draft' };
      },
    );
  }

  api.post(
    '/services',
    {
      preValidation: guard('create', 'new'),
      schema: {
        tags,
        summary: 'A new service, as a draft',
        description: 'The service exists only as a draft (seen by the provider’s editors and DFØ) until it is first published.',
        security,
        querystring: Type.Object({ lang: Lang }),
        body: NewServiceBody,
        response: { 201: { $ref: 'ServiceDraft#' }, 400: problem, 401: problem, 403: problem },
      },
    },
    async (req, reply) => {
      const sent = (asSent.get(req) ?? req.body) as typeof req.body;
      const draft = await createService(db, actorOf(req, deps), sent.provider, sent.document, req.lang);
      const editable = await findEditable(db, draft.slug, req.lang);
      reply.header('location', `/api/v1/services/${draft.slug}/draft`);
      return sendDraft(reply, 201, draft, editable);
    },
  );

  const Retired = Type.Object({ slug: Type.String(), retired: Type.Boolean() });
  for (const action of ['retire', 'reinstate'] as const) {
    api.post(
      `/services/:slug/${action}`,
      {
        preValidation: guard(action),
        schema: {
          tags,
          summary: action === 'retire' ? 'Retire a service (its page stays, marked, out of default search)' : 'Reinstate a retired service',
          security,
          params: SlugParams,
          querystring: Type.Object({ lang: Lang }),
          response: { 200: Retired, 401: problem, 403: problem, 404: problem, 409: problem },
        },
      },
      async (req) => {
        await (action === 'retire' ? retireService : reinstateService)(db, actorOf(req, deps), req.params.slug, req.lang);
        return { slug: req.params.slug, retired: action === 'retire' };
      },
    );
  }

  api.put(
    '/providers/:slug/review-required',
    {
      schema: {
        tags,
        summary: 'Turn review of a provider’s drafts on or off (DFØ)',
        security,
        params: SlugParams,
        querystring: Type.Object({ lang: Lang }),
        body: Type.Object({ reviewRequired: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Type.Object({ provider: Type.String(), reviewRequired: Type.Boolean() }), 400: problem, 401: problem, 403: problem, 404: problem },
      },
    },
    async (req) => {
      await setReviewRequired(db, actorOf(req, deps), req.params.slug, req.body.reviewRequired, req.lang);
      return { provider: req.params.slug, reviewRequired: req.body.reviewRequired };
    },
  );

  api.get(
    '/services/:slug/versions',
    {
      schema: { tags, summary: 'The published versions of a service', description: 'Newest first, with who published each and which fields changed.', params: SlugParams, querystring: Type.Object({ lang: Lang }), response: { 200: VersionList, 404: problem } },
    },
    async (req) => {
      const list = await serviceVersionList(db, req.params.slug);
      if (!list) throw new HttpProblem(404, t(req.lang).errors.unknownService(req.params.slug));
      return { service: req.params.slug, current: list.current, items: list.versions.map((v) => presentVersionSummary(v, req.params.slug, deps.config.publicUrl, t(req.lang).history.baseline)) };
    },
  );

  api.get(
    '/services/:slug/versions/:n',
    {
      schema: { tags, summary: 'One published version, and its changes field by field', params: VersionParams, querystring: Type.Object({ lang: Lang }), response: { 200: VersionDetail, 400: problem, 404: problem } },
    },
    async (req) => {
      const v = await serviceVersion(db, req.params.slug, req.params.n);
      if (!v) throw new HttpProblem(404, t(req.lang).history.unknownVersion(req.params.n));
      return {
        number: v.row.number,
        publishedAt: v.row.publishedAt.toISOString(),
        publishedBy: publishedBy(v.row, t(req.lang).history.baseline),
        changedFields: v.row.changedFields,
        changes: v.changes,
        document: v.document,
      };
    },
  );
}
