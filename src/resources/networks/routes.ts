import { Type } from 'typebox';
import type { Language } from '../../domain/catalogue.js';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import { requireOrgnr } from '../agencies/orgnrInput.js';
import { actorOf } from '../../server/actor.js';
import { postCreate } from '../shared/routes.js';
import { localizer } from '../shared/present.js';
import { problem, security, oneItemSchema } from '../shared/schema.js';
import { createNetwork, joinNetwork, leaveNetwork, updateNetwork } from './commands.js';
import { presentNetwork } from './present.js';
import { getNetwork, listNetworks, type NetworkDetail } from './queries.js';
import { MemberParams, NetworkBody, NetworkDetailSchema, NetworkListQuery, NetworkSchema, NetworkSlugParams, parseNetworkInput } from './schema.js';

export async function registerNetworkApi(api: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const { publicUrl } = deps.config;
  api.addSchema(NetworkSchema);
  api.addSchema(NetworkDetailSchema);

  const detail = (n: NetworkDetail, lang: Language) => ({
    ...presentNetwork(n, lang, publicUrl),
    memberList: n.members.map((m) => ({ orgnr: m.orgnr, name: localizer(lang).text(m.name), since: m.since.toISOString() })),
  });
  const load = async (slug: string, lang: Language) => {
    const n = await getNetwork(db, slug);
    if (!n) throw new HttpProblem(404, messages[lang].network.errors.unknown(slug));
    return n;
  };

  api.get(
    '/networks',
    {
      schema: {
        tags: ['networks'],
        summary: 'Networks and collaborations between agencies',
        description: 'Public. Professional networks, co-location, regional and sector collaborations and Statens hus, by name.',
        querystring: NetworkListQuery,
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Network')), total: Type.Integer() }), 400: problem },
      },
    },
    async (req) => {
      const member = req.query.member ? requireOrgnr(req.query.member, req.lang, 'member') : undefined;
      const items = (await listNetworks(db, { ...req.query, member })).map((n) => presentNetwork(n, req.lang, publicUrl));
      return { items, total: items.length };
    },
  );

  api.get(
    '/networks/:slug',
    {
      schema: oneItemSchema({
        tags: ['networks'],
        summary: 'One network with its current members',
        params: NetworkSlugParams,
        response: 'NetworkDetail',
      }),
    },
    async (req) => detail(await load(req.params.slug, req.lang), req.lang),
  );

  postCreate(
    api,
    '/networks',
    {
      tags: ['networks'],
      summary: 'Create a network',
      description: "For a provider's editors (the provider facilitates it) and administrators (who may leave it without a facilitator). Answers 201.",
      body: NetworkBody,
      item: 'NetworkDetail',
    },
    (req, body) => createNetwork(db, actorOf(req, deps), parseNetworkInput(body, req.lang), req.lang),
    async (slug, lang) => detail(await load(slug, lang), lang),
  );

  api.put(
    '/networks/:slug',
    {
      schema: {
        tags: ['networks'],
        summary: 'Change a network',
        description: "For the facilitator's editors and administrators. The address (slug) stays.",
        security,
        params: NetworkSlugParams,
        body: NetworkBody,
        response: { 200: { $ref: 'NetworkDetail#' }, 400: problem, 401: problem, 403: problem, 404: problem },
      },
    },
    async (req) => {
      const actor = actorOf(req, deps);
      const slug = await updateNetwork(db, actor, req.params.slug, parseNetworkInput(req.body as Record<string, unknown>, req.lang), req.lang);
      return detail(await load(slug, req.lang), req.lang);
    },
  );

  const MembershipResult = Type.Object({ member: Type.Boolean(), outcome: Type.String() });
  api.put(
    '/networks/:slug/members/:orgnr',
    {
      schema: {
        tags: ['networks'],
        summary: 'An agency joins a network',
        description: "For the agency's editors (and administrators). Joining again changes nothing (200).",
        security,
        params: MemberParams,
        response: { 200: MembershipResult, 201: MembershipResult, 400: problem, 401: problem, 403: problem, 404: problem, 409: problem },
      },
    },
    async (req, reply) => {
      const orgnr = requireOrgnr(req.params.orgnr, req.lang, 'orgnr');
      const outcome = await joinNetwork(db, actorOf(req, deps), req.params.slug, orgnr, req.lang);
      reply.code(outcome === 'joined' ? 201 : 200);
      return { member: true, outcome };
    },
  );

  api.delete(
    '/networks/:slug/members/:orgnr',
    {
      schema: {
        tags: ['networks'],
        summary: 'An agency leaves a network',
        description: "For the agency's editors, the facilitator's editors and administrators. The membership is kept as history.",
        security,
        params: MemberParams,
        response: { 200: MembershipResult, 400: problem, 401: problem, 403: problem, 404: problem },
      },
    },
    async (req) => {
      const orgnr = requireOrgnr(req.params.orgnr, req.lang, 'orgnr');
      const outcome = await leaveNetwork(db, actorOf(req, deps), req.params.slug, orgnr, req.lang);
      return { member: false, outcome };
    },
  );
}
