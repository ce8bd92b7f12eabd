import { Type } from 'typebox';
import type { Language } from '../../domain/catalogue.js';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import { requireOrgnr } from '../agencies/orgnrInput.js';
import { actorOf } from '../../server/actor.js';
import { localizer } from '../shared/present.js';
import { problem, security } from '../shared/schema.js';
import { answerIdea, commentIdea, proposeIdea, unvoteIdea, voteIdea } from './commands.js';
import { presentIdea } from './present.js';
import { getIdea, type IdeaDetail, listIdeas } from './queries.js';
import { CommentBody, IdeaBody, IdeaDetailSchema, IdeaIdParams, IdeaListQuery, IdeaSchema, IdeaStatusBody, parseComment, parseIdeaInput, parseIdeaStatus, VoteParams } from './schema.js';

export async function registerIdeaApi(api: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const { publicUrl } = deps.config;
  api.addSchema(IdeaSchema);
  api.addSchema(IdeaDetailSchema);
  const detail = (i: IdeaDetail, lang: Language) => {
    const { text, org } = localizer(lang);
    const t = messages[lang];
    return {
      ...presentIdea(i, lang, publicUrl),
      voters: i.voters.map(org),
      commentList: i.commentList.map((c) => ({
        author: c.agency ? { kind: 'agency' as const, name: text(c.agency.name) } : c.provider ? { kind: 'provider' as const, name: text(c.provider.name) } : { kind: 'dfo' as const, name: t.idea.dfo },
        body: c.body,
        at: c.at.toISOString(),
      })),
      history: i.history.map((h) => ({ from: h.fromStatus, to: h.toStatus, note: h.note, at: h.at.toISOString(), by: h.byName })),
    };
  };
  const load = async (id: string, lang: Language) => {
    const i = await getIdea(db, id);
    if (!i) throw new HttpProblem(404, messages[lang].idea.errors.unknown);
    return i;
  };
  const ideaResponse = { 200: { $ref: 'IdeaDetail#' }, 201: { $ref: 'IdeaDetail#' }, 400: problem, 401: problem, 403: problem, 404: problem, 409: problem };

  api.get(
    '/ideas',
    {
      schema: {
        tags: ['ideas'],
        summary: 'Ideas and improvement proposals',
        description: 'Public. Most supported first, or newest; filter by status, kind, service or provider.',
        querystring: IdeaListQuery,
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Idea')), total: Type.Integer() }), 400: problem },
      },
    },
    async (req) => {
      const items = (await listIdeas(db, req.query)).map((i) => presentIdea(i, req.lang, publicUrl));
      return { items, total: items.length };
    },
  );

  api.get(
    '/ideas/:id',
    { schema: { tags: ['ideas'], summary: 'One idea with its supporters, comments and answers', params: IdeaIdParams, querystring: Type.Object({ lang: Type.Optional(Type.String()) }), response: { 200: { $ref: 'IdeaDetail#' }, 404: problem } } },
    async (req) => detail(await load(req.params.id, req.lang), req.lang),
  );

  api.post(
    '/ideas',
    {
      schema: {
        tags: ['ideas'],
        summary: 'Propose an idea',
        description: "For the agency's editors. An improvement names a service (its provider answers); a new service or agreement may name the provider asked, otherwise DFØ answers. The proposing agency's vote counts from the start. Answers 201.",
        security,
        body: IdeaBody,
        response: ideaResponse,
      },
    },
    async (req, reply) => {
      const orgnr = requireOrgnr(req.body.agency, req.lang, 'agency');
      const id = await proposeIdea(db, actorOf(req, deps), orgnr, parseIdeaInput(req.body as Record<string, unknown>, req.lang), req.lang);
      reply.code(201).header('location', `/api/v1/ideas/${id}`);
      return detail(await load(id, req.lang), req.lang);
    },
  );

  api.put(
    '/ideas/:id/votes/:orgnr',
    {
      schema: { tags: ['ideas'], summary: 'An agency supports an idea', description: 'One vote per agency: voting again changes nothing (200; 201 the first time). Not once the idea is done or declined (409).', security, params: VoteParams, response: ideaResponse },
    },
    async (req, reply) => {
      const orgnr = requireOrgnr(req.params.orgnr, req.lang, 'orgnr');
      const outcome = await voteIdea(db, actorOf(req, deps), req.params.id, orgnr, req.lang);
      reply.code(outcome === 'voted' ? 201 : 200);
      return detail(await load(req.params.id, req.lang), req.lang);
    },
  );

  api.delete(
    '/ideas/:id/votes/:orgnr',
    { schema: { tags: ['ideas'], summary: "Take an agency's vote back", security, params: VoteParams, response: ideaResponse } },
    async (req) => {
      const orgnr = requireOrgnr(req.params.orgnr, req.lang, 'orgnr');
      await unvoteIdea(db, actorOf(req, deps), req.params.id, orgnr, req.lang);
      return detail(await load(req.params.id, req.lang), req.lang);
    },
  );

  api.post(
    '/ideas/:id/comments',
    {
      schema: {
        tags: ['ideas'],
        summary: 'Comment on an idea',
        description: 'Signed by the agency or provider named (you must be its editor); an administrator without either signs for DFØ. Only while the idea is open.',
        security,
        params: IdeaIdParams,
        body: CommentBody,
        response: ideaResponse,
      },
    },
    async (req, reply) => {
      const agency = req.body.agency ? requireOrgnr(req.body.agency, req.lang, 'agency') : undefined;
      await commentIdea(db, actorOf(req, deps), req.params.id, { agency, provider: req.body.provider }, parseComment(req.body as Record<string, unknown>, req.lang), req.lang);
      reply.code(201);
      return detail(await load(req.params.id, req.lang), req.lang);
    },
  );

  api.post(
    '/ideas/:id/status',
    {
      schema: {
        tags: ['ideas'],
        summary: 'Answer an idea and set its status',
        description:
          'For the provider the idea is addressed to (and administrators). received → under_consideration → planned → done; declined (with a reason) from any of the first three, and back to under_consideration; done is final. The same status with a note is an answer without a change. An illegal move is a 409 that says why.',
        security,
        params: IdeaIdParams,
        body: IdeaStatusBody,
        response: ideaResponse,
      },
    },
    async (req) => {
      await answerIdea(db, actorOf(req, deps), req.params.id, parseIdeaStatus(req.body as Record<string, unknown>, req.lang), req.lang);
      return detail(await load(req.params.id, req.lang), req.lang);
    },
  );
}
