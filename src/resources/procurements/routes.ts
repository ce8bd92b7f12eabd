import { Type } from 'typebox';
import type { Language } from '../../domain/catalogue.js';
import { declarationKindFor, declarationWindow } from '../../domain/procurementLifecycle.js';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import { actorOf } from '../../server/actor.js';
import { listDeclarations } from '../declarations/queries.js';
import { localizer, pageUrl } from '../shared/present.js';
import { problem, security } from '../shared/schema.js';
import { createProcurement, transitionProcurement } from './commands.js';
import { procurementDetail, listProcurements, type ProcurementDetail, type ProcurementListRow } from './queries.js';
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

  const present = (p: ProcurementListRow | ProcurementDetail, lang: Language, declarations: number) => {
    const { text, ref } = localizer(lang);
    return {
      id: p.id,
      title: text(p.title),
      category: p.category,
      description: text(p.description),
      provider: ref(p.provider),
      obligation: p.obligation,
      declarationKind: declarationKindFor(p.obligation),
      eligibility: p.eligibility,
      status: p.status,
      window: declarationWindow(p, now()),
      plannedAnnouncementOn: p.plannedAnnouncementOn,
      estimatedValueNok: p.estimatedValueNok,
      consultationOpensAt: p.consultationOpensAt?.toISOString() ?? null,
      consultationDeadline: p.consultationDeadline?.toISOString() ?? null,
      service: p.service ? ref(p.service) : null,
      questionnaire: { slug: p.questionnaire.slug, version: p.questionnaire.version },
      declarations,
      url: pageUrl(deps.config.publicUrl, lang, `/anskaffelser/${p.id}`),
    };
  };

  const presentDetail = (p: ProcurementDetail, lang: Language, declarations: number) => ({
    ...present(p, lang, declarations),
    eligibleAgencies: p.eligibleCount,
    milestones: p.milestones.map((m) => ({ action: m.action, from: m.fromStatus, to: m.toStatus, at: m.at.toISOString(), by: m.byName, note: m.note })),
  });

  const load = async (id: string, lang: Language) => {
    const p = await procurementDetail(db, id);
    if (!p) throw new HttpProblem(404, messages[lang].procurement.errors.unknown);
    return p;
  };

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
      const items = rows.map((r) => present(r, req.lang, r.declarationCount));
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
      return presentDetail(p, req.lang, rows.filter((r) => !r.withdrawnAt).length);
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
      return presentDetail(p, req.lang, 0);
    },
  );

  api.post(
    '/procurements/:id/transitions',
    {
      schema: {
        tags: ['procurements'],
        summary: 'Move a procurement one step in its lifecycle',
        description:
          'planned → consultation (open_consultation, with a deadline at least an hour ahead; every eligible agency is notified by e-mail) → announced (only after the deadline) → awarded → active → expired; cancel from any state that is not final. An illegal step is a 409 that says why.',
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
