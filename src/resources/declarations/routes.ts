import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Language } from '../../domain/catalogue.js';
import type { Principal } from '../../domain/principal.js';
import { actorOf } from '../../server/actor.js';
import { HttpProblem } from '../../server/problem.js';
import type { App, AppDeps } from '../../server/types.js';
import { messages } from '../../web/i18n/index.js';
import { requireOrgnr } from '../agencies/orgnrInput.js';
import { mayProcurement } from '../procurements/policy.js';
import { requireProcurement } from '../procurements/queries.js';
import { ProcurementIdParams } from '../procurements/schema.js';
import { problem, security } from '../shared/schema.js';
import { setFollowUp, submitDeclaration, withdrawDeclaration } from './commands.js';
import { declarationFilter } from './policy.js';
import { declarationReader, presentDeclaration } from './present.js';
import { listDeclarations } from './queries.js';
import { DeclarationBody, DeclarationParams, DeclarationSchema, FollowUpBody } from './schema.js';

/**
 * The agencies' declarations (opt-outs and accessions) of a procurement, under /procurements/:id/declarations:
 * read them as the provider, the agency or its ministry; submit, withdraw and follow them up.
 */
export async function registerDeclarationApi(api: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const thresholds = deps.config.sizeThresholds;
  api.addSchema(DeclarationSchema);

  const load = (id: string, lang: Language) => requireProcurement(db, id, lang);
  /** Who acts, for which agency, on which procurement: how every write of a declaration starts (401, 400, 404). */
  const writeTarget = async (req: FastifyRequest & { params: { id: string; orgnr: string } }) => ({
    actor: actorOf(req, deps),
    orgnr: requireOrgnr(req.params.orgnr, req.lang, 'orgnr'),
    p: await load(req.params.id, req.lang),
  });

  api.get(
    '/procurements/:id/declarations',
    {
      schema: {
        tags: ['procurements'],
        summary: 'Declarations (opt-outs or accessions) of a procurement',
        description:
          "The provider and administrators see all; an agency editor sees their agencies'; a ministry viewer the agencies under the ministry. Withdrawn declarations are included with withdrawnAt set.",
        security,
        params: ProcurementIdParams,
        querystring: Type.Object({ lang: Type.Optional(Type.String()) }),
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Declaration')), total: Type.Integer() }), 401: problem, 403: problem, 404: problem },
      },
    },
    async (req) => {
      const p = await load(req.params.id, req.lang);
      if (!req.principal) throw new HttpProblem(401, messages[req.lang].access.signInRequired);
      const filter = declarationFilter(req.principal, p.providerId);
      const reader = declarationReader(req.principal, p.providerId);
      if (!filter || !reader) throw new HttpProblem(403, messages[req.lang].access.forbidden);
      const items = (await listDeclarations(db, p.id, filter)).map((d) => presentDeclaration(d, reader, req.lang, thresholds));
      return { items, total: items.length };
    },
  );

  const declarationResponse = { 200: { $ref: 'Declaration#' }, 201: { $ref: 'Declaration#' }, 400: problem, 401: problem, 403: problem, 404: problem, 409: problem };
  /** The declaration just written, as its writer may see it (the agency without the provider's follow-up). */
  const one = async (p: { id: string; providerId: string }, orgnr: string, principal: Principal, lang: Language) => {
    const rows = await listDeclarations(db, p.id, { all: false, agencyOrgnrs: [orgnr], ministryOrgnrs: [] });
    return presentDeclaration(rows[0]!, declarationReader(principal, p.providerId) ?? 'agency', lang, thresholds);
  };

  api.put(
    '/procurements/:id/declarations/:orgnr',
    {
      schema: {
        tags: ['procurements'],
        summary: "Submit or change an agency's declaration",
        description:
          'An opt-out for a mandatory agreement, an accession for a voluntary one; answers are checked against the questionnaire. Only while the window is open (409 otherwise). Repeating the same submission changes nothing (200). 201 when created.',
        security,
        params: DeclarationParams,
        body: DeclarationBody,
        response: declarationResponse,
      },
    },
    async (req, reply) => {
      const { actor, orgnr, p } = await writeTarget(req);
      const r = await submitDeclaration(db, actor, p.id, orgnr, req.body.answers, req.lang);
      reply.code(r.outcome === 'created' ? 201 : 200);
      // The declaration as it was written, not read again (each read waits its turn in a busy event loop).
      return presentDeclaration(r.listed, declarationReader(actor.principal, p.providerId) ?? 'agency', req.lang, thresholds);
    },
  );

  api.delete(
    '/procurements/:id/declarations/:orgnr',
    {
      schema: {
        tags: ['procurements'],
        summary: 'Withdraw a declaration before the deadline',
        security,
        params: DeclarationParams,
        response: declarationResponse,
      },
    },
    async (req) => {
      const { actor, orgnr, p } = await writeTarget(req);
      await withdrawDeclaration(db, actor, p.id, orgnr, req.lang);
      return one(p, orgnr, actor.principal, req.lang);
    },
  );

  api.put(
    '/procurements/:id/declarations/:orgnr/follow-up',
    {
      schema: {
        tags: ['procurements'],
        summary: "The provider's follow-up of an opt-out",
        description: 'to_contact → contacted → resolved, with a note. For the provider running the procurement and administrators.',
        security,
        params: DeclarationParams,
        body: FollowUpBody,
        response: declarationResponse,
      },
    },
    async (req) => {
      const { actor, orgnr, p } = await writeTarget(req);
      if (!mayProcurement(actor.principal, 'follow_up', p)) throw new HttpProblem(403, messages[req.lang].access.notYourProvider);
      await setFollowUp(db, actor, p.id, orgnr, { state: req.body.state, note: req.body.note }, req.lang);
      return one(p, orgnr, actor.principal, req.lang);
    },
  );
}
