import { Type } from 'typebox';
import { formatOrgnr } from '../../domain/orgnr.js';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import { requireOrgnr } from '../agencies/orgnrInput.js';
import { actorOf } from '../../server/actor.js';
import { localizer } from '../shared/present.js';
import { Lang, problem, security } from '../shared/schema.js';
import { agencies } from '../../db/schema/index.js';
import { eq } from 'drizzle-orm';
import { endUsage, registerUsage } from './commands.js';
import { listUsage, type UsageRow } from './queries.js';
import { UsageDeleteBody, UsageParams, UsagePutBody, UsageRowSchema, UsageServiceParams } from './schema.js';

export async function registerUsageApi(api: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  api.addSchema(UsageRowSchema);
  const present = (r: UsageRow, lang: Parameters<typeof localizer>[0]) => {
    const { ref } = localizer(lang);
    return {
      id: r.id,
      service: ref(r.service),
      provider: ref(r.provider),
      tier: r.tier?.slug ? ref(r.tier as { slug: string; name: { nb: string } }) : null,
      startedOn: r.startedOn,
      endedOn: r.endedOn,
      endReason: r.endReason,
      current: r.endedOn === null,
      factSource: r.factSource,
    };
  };
  const list = async (orgnr: string, lang: Parameters<typeof localizer>[0]) => {
    const [a] = await db.select({ orgnr: agencies.orgnr }).from(agencies).where(eq(agencies.orgnr, orgnr));
    if (!a) throw new HttpProblem(404, messages[lang].errors.unknownAgency(formatOrgnr(orgnr)));
    const items = (await listUsage(db, orgnr)).map((r) => present(r, lang));
    return { items, total: items.length };
  };
  const ListSchema = Type.Object({ items: Type.Array(Type.Ref('UsageRow')), total: Type.Integer() });

  api.get(
    '/agencies/:orgnr/subscriptions',
    {
      schema: {
        tags: ['usage'],
        summary: "An agency's usage register, with history",
        description: 'Public, like the agency page. Every row: current ones have endedOn null; a tier change ended one row and started the next.',
        params: UsageParams,
        querystring: Type.Object({ lang: Lang }),
        response: { 200: ListSchema, 400: problem, 404: problem },
      },
    },
    async (req) => list(requireOrgnr(req.params.orgnr, req.lang, 'orgnr'), req.lang),
  );

  api.put(
    '/agencies/:orgnr/subscriptions/:service',
    {
      schema: {
        tags: ['usage'],
        summary: 'Register use of a service, or change its tier',
        description:
          "For the agency's editors, the provider of the service (its system, with a bearer token) and administrators. A tier change ends the current row the day before `since` and starts a new one. The same again changes nothing.",
        security,
        params: UsageServiceParams,
        body: UsagePutBody,
        response: { 200: ListSchema, 201: ListSchema, 400: problem, 401: problem, 403: problem, 404: problem, 409: problem },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req, deps);
      const orgnr = requireOrgnr(req.params.orgnr, req.lang, 'orgnr');
      const r = await registerUsage(db, actor, orgnr, { service: req.params.service, tier: req.body.tier, since: req.body.since }, req.lang);
      reply.code(r === 'unchanged' ? 200 : 201);
      return list(orgnr, req.lang);
    },
  );

  api.delete(
    '/agencies/:orgnr/subscriptions/:service',
    {
      schema: {
        tags: ['usage'],
        summary: 'End the use of a service',
        description: 'The row is kept with its end date; nothing is deleted.',
        security,
        params: UsageServiceParams,
        body: Type.Optional(UsageDeleteBody),
        response: { 200: ListSchema, 400: problem, 401: problem, 403: problem, 404: problem },
      },
    },
    async (req) => {
      const actor = actorOf(req, deps);
      const orgnr = requireOrgnr(req.params.orgnr, req.lang, 'orgnr');
      await endUsage(db, actor, orgnr, req.params.service, { endedOn: req.body?.endedOn, reason: req.body?.reason }, req.lang);
      return list(orgnr, req.lang);
    },
  );
}
