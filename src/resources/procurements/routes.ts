import { Type } from 'typebox';
import type { Language } from '../../domain/catalogue.js';
import type { App, AppDeps } from '../../server/types.js';
import { actorOf } from '../../server/actor.js';
import { listDeclarations } from '../declarations/queries.js';
import { problem, security } from '../shared/schema.js';
import { createProcurement, transitionProcurement } from './commands.js';
import { presentProcurement, presentProcurementDetail } from './present.js';
import { requireProcurement, listProcurements } from './queries.js';
import {
  parseInstant,
  parseProcurementInput,
  ProcurementCreateBody,
  ProcurementDetailSchema,
  ProcurementIdParams,
  ProcurementListQuery,
  ProcurementSchema,
  TransitionBody,
} from './schema.js';

export async function registerProcurementApi(api: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const now = () => (deps.clock ?? (() => new Date()))();
  api.addSchema(ProcurementSchema);
  api.addSchema(ProcurementDetailSchema);

  const at = (declarations: number) => ({ publicUrl: deps.config.publicUrl, now: now(), declarations });
  const load = (id: string, lang: Language) => requireProcurement(db, id, lang);

  api.get(
    '/procurements',
    {
      schema: {
        tags: ['procurements'],
        summary: 'Procurements of framework agreements',
        description: 'Public. Newest change first. Filter by lifecycle state.',
        querystring: ProcurementListQuery,
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Procurement')), total: Type.Integer() }), 400: problem },
      },
    },
    async (req) => {
      const rows = await listProcurements(db, { status: req.query.status });
      const items = rows.map((r) => presentProcurement(r, req.lang, at(r.declarationCount)));
      return { items, total: items.length };
    },
  );

  api.get(
    '/procurements/:id',
    {
      schema: {
        tags: ['procurements'],
        summary: 'One procurement with its dated milestones',
        params: ProcurementIdParams,
        querystring: Type.Object({ lang: Type.Optional(Type.String()) }),
        response: { 200: { $ref: 'ProcurementDetail#' }, 404: problem },
      },
    },
    async (req) => {
      const p = await load(req.params.id, req.lang);
      const rows = await listDeclarations(db, p.id, { all: true });
      return presentProcurementDetail(p, req.lang, at(rows.filter((r) => !r.withdrawnAt).length));
    },
  );

  api.post(
    '/procurements',
    {
      schema: {
        tags: ['procurements'],
        summary: 'Create a planned procurement',
        description: 'For the editors of the provider (or administrators). Answers 201 with the procurement.',
        security,
        body: ProcurementCreateBody,
        response: { 201: { $ref: 'ProcurementDetail#' }, 400: problem, 401: problem, 403: problem, 404: problem },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req, deps);
      const input = parseProcurementInput(req.body as Record<string, unknown>, req.lang);
      const id = await createProcurement(db, actor, req.body.provider, input, req.body.service, req.lang);
      const p = await load(id, req.lang);
      reply.code(201).header('location', `/api/v1/procurements/${id}`);
      return presentProcurementDetail(p, req.lang, at(0));
    },
  );

  api.post(
    '/procurements/:id/transitions',
    {
      schema: {
        tags: ['procurements'],
        summary: 'Move a procurement one step in its lifecycle',
        description:
          'planned → consultation (open_consultation, with a deadline at least an hour ahead; every eligible agency with an active editor or a contact address is notified by e-mail, `notified` says how many; see /procurements/{id}/reach) → announced (only after the deadline) → awarded → active → expired; cancel from any state that is not final. An illegal step is a 409 that says why.',
        security,
        params: ProcurementIdParams,
        body: TransitionBody,
        response: { 200: Type.Object({ status: Type.String(), notified: Type.Integer() }), 400: problem, 401: problem, 403: problem, 404: problem, 409: problem },
      },
    },
    async (req) => {
      const actor = actorOf(req, deps);
      const b = req.body;
      const result = await transitionProcurement(
        db,
        actor,
        (await load(req.params.id, req.lang)).id,
        { action: b.action, deadline: parseInstant(b.deadline, 'deadline', req.lang), opensAt: parseInstant(b.opensAt, 'opensAt', req.lang), note: b.note },
        req.lang,
        deps.config.publicUrl,
      );
      deps.outbox?.kick();
      const p = await load(req.params.id, req.lang);
      return { status: p.status, notified: result.mails };
    },
  );
}
