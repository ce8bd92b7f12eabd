import { Type } from 'typebox';
import { currentEarlyStep, EARLY_MILESTONE_KINDS, type EarlyMilestoneKind } from '../../domain/earlyInvolvement.js';
import { osloDate } from '../../domain/osloTime.js';
import { actorOf } from '../../server/actor.js';
import { HttpProblem } from '../../server/problem.js';
import type { App, AppDeps } from '../../server/types.js';
import { messages } from '../../web/i18n/index.js';
import { procurementDetail } from '../procurements/queries.js';
import { ProcurementIdParams } from '../procurements/schema.js';
import { pageUrl } from '../shared/present.js';
import { publicRead } from '../shared/routes.js';
import { enumOf, nullable, problem, security } from '../shared/schema.js';
import { recordEarlyMilestone, startNeedsSurvey } from './commands.js';
import { earlyInvolvement, earlyStateOf } from './queries.js';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'yyyy-mm-dd' });

const EarlyInvolvementSchema = Type.Object(
  {
    step: enumOf(['needs_survey', 'council_recommendation', 'decision', 'done'] as const, 'The first step not yet done.'),
    needsSurvey: nullable(
      Type.Object({ id: Type.String(), opensOn: Day, closesOn: Day, responses: Type.Integer(), eligible: Type.Integer({ description: 'Every agency the procurement is for, users or not.' }), url: Type.String() }),
    ),
    milestones: Type.Array(
      Type.Object({
        kind: enumOf(EARLY_MILESTONE_KINDS),
        decidedOn: Day,
        outcome: Type.String(),
        summary: nullable(Type.String()),
        document: Type.Object({ title: Type.String(), url: nullable(Type.String()), reference: nullable(Type.String()) }),
        recordedAt: Type.String({ format: 'date-time' }),
      }),
    ),
  },
  { $id: 'EarlyInvolvement' },
);

/**
 * Early involvement before a procurement (issue 17, item 2; the report's 2.1.4, 3.1 and 3.2): the needs survey to
 * every eligible agency, Statens innkjøpsråd's recommendation and DFØ's decision, with their documents.
 */
export async function registerEarlyInvolvementApi(api: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const now = () => (deps.clock ?? (() => new Date()))();
  api.addSchema(EarlyInvolvementSchema);

  const present = async (id: string, lang: 'nb' | 'nn' | 'en') => {
    const p = await procurementDetail(db, id);
    if (!p) throw new HttpProblem(404, messages[lang].procurement.errors.unknown);
    const e = await earlyInvolvement(db, p.id);
    return {
      step: currentEarlyStep(earlyStateOf(p.status, e), osloDate(now())),
      needsSurvey: e.needsSurvey ? { ...e.needsSurvey, url: pageUrl(deps.config.publicUrl, lang, `/undersokelser/${e.needsSurvey.id}`) } : null,
      milestones: e.milestones.map((m) => ({
        kind: m.kind,
        decidedOn: m.decidedOn,
        outcome: m.outcome,
        summary: m.summary,
        document: { title: m.documentTitle, url: m.documentUrl, reference: m.documentRef },
        recordedAt: m.recordedAt.toISOString(),
      })),
    };
  };

  api.get(
    '/procurements/:id/early-involvement',
    publicRead(
      {
        tags: ['procurements'],
        summary: 'Early involvement before a procurement',
        description: 'Public: the needs survey (with how many of the eligible agencies answered), the council’s recommendation and DFØ’s decision with their documents.',
        params: ProcurementIdParams,
      },
      'EarlyInvolvement',
    ),
    async (req) => present(req.params.id, req.lang),
  );

  api.post(
    '/procurements/:id/needs-survey',
    {
      schema: {
        tags: ['procurements'],
        summary: 'Start the needs survey before a procurement',
        description: 'For the provider running the procurement and administrators, while it is planned; one per procurement (409 otherwise). It goes to every agency the procurement is for.',
        security,
        params: ProcurementIdParams,
        body: Type.Object({ opensOn: Type.String({ maxLength: 20 }), closesOn: Type.String({ maxLength: 20 }) }),
        response: { 201: { $ref: 'EarlyInvolvement#' }, 400: problem, 401: problem, 403: problem, 404: problem, 409: problem },
      },
    },
    async (req, reply) => {
      await startNeedsSurvey(db, actorOf(req, deps), req.params.id, req.body, req.lang);
      reply.code(201);
      return present(req.params.id, req.lang);
    },
  );

  api.post(
    '/procurements/:id/early-milestones',
    {
      schema: {
        tags: ['procurements'],
        summary: 'Record the council’s recommendation or DFØ’s decision',
        description:
          'council_recommendation (recommended | not_recommended): the provider running the procurement or administrators, after the needs survey has closed. decision (proceed | stop): DFØ’s administrators, after the recommendation. Both while the procurement is planned, once each, with a document (title and a URL or a reference). A stop decision keeps the procurement from consultation.',
        security,
        params: ProcurementIdParams,
        body: Type.Object({
          kind: enumOf(EARLY_MILESTONE_KINDS),
          decidedOn: Type.String({ maxLength: 20 }),
          outcome: Type.String({ maxLength: 40 }),
          summary: Type.Optional(Type.String({ maxLength: 2000 })),
          documentTitle: Type.String({ maxLength: 300 }),
          documentUrl: Type.Optional(Type.String({ maxLength: 1000 })),
          documentRef: Type.Optional(Type.String({ maxLength: 200 })),
        }),
        response: { 201: { $ref: 'EarlyInvolvement#' }, 400: problem, 401: problem, 403: problem, 404: problem, 409: problem },
      },
    },
    async (req, reply) => {
      await recordEarlyMilestone(db, actorOf(req, deps), req.params.id, { ...req.body, kind: req.body.kind as EarlyMilestoneKind }, req.lang);
      reply.code(201);
      return present(req.params.id, req.lang);
    },
  );
}
