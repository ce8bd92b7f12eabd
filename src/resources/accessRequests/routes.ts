import { Type } from 'typebox';
import { ACCESS_REQUEST_STATES } from '../../domain/accessRequest.js';
import { agencyScopes } from '../../domain/principal.js';
import { actorOf } from '../../server/actor.js';
import { HttpProblem } from '../../server/problem.js';
import type { App, AppDeps } from '../../server/types.js';
import { messages } from '../../web/i18n/index.js';
import { enumOf, Lang, nullable, OrgRef, problem, security, signedInSlugRead, SlugParams } from '../shared/schema.js';
import { answerAccess, askForAccess } from './commands.js';
import { mayAnswerAccess } from './policy.js';
import { accessDemand, type AccessRequestRow, listAccessRequests, serviceForAccess } from './queries.js';
import { AsOfProperty, asOfFrom } from '../stats/asOf.js';
import { type Language, pickText } from '../../domain/catalogue.js';

const AccessRequestSchema = Type.Object(
  {
    id: Type.String(),
    agency: OrgRef,
    need: Type.String(),
    state: enumOf(ACCESS_REQUEST_STATES),
    answer: nullable(Type.String({ description: 'The reason for a decline, or a note with another answer.' })),
    requestedAt: Type.String({ format: 'date-time' }),
    answeredAt: nullable(Type.String({ format: 'date-time' })),
  },
  { $id: 'AccessRequest' },
);
const present = (r: AccessRequestRow, lang: Language) => ({
  id: r.id,
  agency: { orgnr: r.agency.orgnr, name: pickText(r.agency.name, lang).text },
  need: r.need,
  state: r.state,
  answer: r.answerNote,
  requestedAt: r.requestedAt.toISOString(),
  answeredAt: r.answeredAt?.toISOString() ?? null,
});

/**
 * Asking for access to a sector or group service (issue 17, item 3; Difi rec. 4, the report's 5.5 model 3):
 * list and ask under /services/{slug}/access-requests, the provider's answer, and the demand in the aggregate.
 */
export async function registerAccessRequestApi(api: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  api.addSchema(AccessRequestSchema);
  const List = Type.Object({ items: Type.Array(Type.Ref('AccessRequest')), total: Type.Integer() });

  api.get(
    '/services/:slug/access-requests',
    signedInSlugRead('services', 'Requests for access to a sector or group service from agencies outside its target group', "The provider of the service and administrators see all; an agency's editors see their agencies' requests.", List),
    async (req) => {
      const t = messages[req.lang];
      if (!req.principal) throw new HttpProblem(401, t.access.signInRequired);
      const service = await serviceForAccess(db, req.params.slug);
      if (!service) throw new HttpProblem(404, t.errors.unknownService(req.params.slug));
      const all = mayAnswerAccess(req.principal, service.providerId);
      const own = agencyScopes(req.principal);
      if (!all && own.length === 0) throw new HttpProblem(403, t.access.forbidden);
      const items = (await listAccessRequests(db, service.id, all ? undefined : own)).map((r) => present(r, req.lang));
      return { items, total: items.length };
    },
  );

  api.post(
    '/services/:slug/access-requests',
    {
      schema: {
        tags: ['services'],
        summary: 'Ask for access to a sector or group service, with the need',
        description: "For the agency's editors and administrators. Only for sector and group services the agency is not eligible for (409 otherwise), one open request per agency and service (409).",
        security,
        params: SlugParams,
        body: Type.Object({ agency: Type.String({ pattern: '^[0-9]{9}$' }), need: Type.String({ maxLength: 5000 }) }),
        response: { 201: { $ref: 'AccessRequest#' }, 400: problem, 401: problem, 403: problem, 404: problem, 409: problem },
      },
    },
    async (req, reply) => {
      const id = await askForAccess(db, actorOf(req, deps), req.params.slug, req.body, req.lang);
      const service = (await serviceForAccess(db, req.params.slug))!;
      const [row] = (await listAccessRequests(db, service.id)).filter((r) => r.id === id);
      reply.code(201);
      return present(row!, req.lang);
    },
  );

  api.put(
    '/services/:slug/access-requests/:id',
    {
      schema: {
        tags: ['services'],
        summary: "The provider's answer: granted, declined (with a reason) or waiting list",
        security,
        params: Type.Object({ slug: Type.String({ maxLength: 120 }), id: Type.String({ maxLength: 60 }) }),
        body: Type.Object({ state: Type.String({ maxLength: 40 }), reason: Type.Optional(Type.String({ maxLength: 5000 })) }),
        response: { 200: { $ref: 'AccessRequest#' }, 400: problem, 401: problem, 403: problem, 404: problem, 409: problem },
      },
    },
    async (req) => {
      await answerAccess(db, actorOf(req, deps), req.params.slug, req.params.id, req.body, req.lang);
      const service = (await serviceForAccess(db, req.params.slug))!;
      const [row] = (await listAccessRequests(db, service.id)).filter((r) => r.id === req.params.id);
      return present(row!, req.lang);
    },
  );

  api.get(
    '/stats/access-requests',
    {
      schema: {
        tags: ['statistics'],
        summary: 'Demand for access from outside the target groups: agencies per service and state',
        description:
          'For providers and DFØ to see the demand in the aggregate. Small-group rule: a figure about fewer than 5 agencies is null. With `asOf`, the requests made by the end of that day, each in the state it was in then (from the answers in the audit trail).',
        querystring: Type.Object({ lang: Lang, asOf: AsOfProperty }),
        response: {
          400: problem,
          200: Type.Object({
            asOf: Type.String({ description: 'The day the figures are for (Oslo time).' }),
            items: Type.Array(Type.Object({ service: Type.Object({ slug: Type.String(), name: Type.String() }), total: nullable(Type.Integer()), byState: Type.Record(Type.String(), nullable(Type.Integer())) })),
          }),
        },
      },
    },
    async (req) => {
      const asOf = asOfFrom(req.query.asOf, req.lang);
      return { asOf, items: (await accessDemand(db, asOf)).map((x) => ({ service: { slug: x.slug, name: pickText(x.name, req.lang).text }, total: x.total, byState: x.byState })) };
    },
  );
}
