import { Type } from 'typebox';
import { SIZE_CLASSES } from '../../domain/sizeClass.js';
import { currentQuestionnaire, QUESTIONNAIRE_SLUGS } from '../../db/seed/questionnaires.js';
import { requirePrincipal } from '../../auth/plugin.js';
import type { Language } from '../../domain/catalogue.js';
import { actorOf } from '../../server/actor.js';
import { HttpProblem } from '../../server/problem.js';
import type { App, AppDeps } from '../../server/types.js';
import { messages } from '../../web/i18n/index.js';
import { requireOrgnr } from '../agencies/orgnrInput.js';
import { getAgency } from '../myAgency/queries.js';
import { Lang, problem, security, signedInSlugRead } from '../shared/schema.js';
import { providerBySlug } from '../shared/queries.js';
import { orNotFound } from '../shared/routes.js';
import { asOfFrom } from '../stats/asOf.js';
import { nonUseReport } from '../stats/nonUse.js';
import { setNonUseFollowUp } from './commands.js';
import { mayFollowUpNonUse, mayReadAgencyNonUse, type NonUseReader } from './policy.js';
import { presentNonUse } from './present.js';
import { listNonUse } from './queries.js';
import { FollowUpBody, NonUseList, NonUseSchema, NonUseStatsSchema, StatsNonUseQuery } from './schema.js';

/**
 * Voluntary non-use of services (issue 17, item 1): the agency's own (for it and its ministry), the provider's
 * follow-up list with internal notes, the follow-up itself, and the public statistics with the small-group rule.
 */
export async function registerNonUseApi(api: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  api.addSchema(NonUseSchema);
  api.addSchema(NonUseStatsSchema);
  const definition = async () => (await currentQuestionnaire(db, QUESTIONNAIRE_SLUGS.service_opt_out))?.definition;
  /** The standing non-use a filter selects, as this reader sees it (the provider with its follow-up). */
  const list = async (where: Parameters<typeof listNonUse>[1], reader: NonUseReader, lang: Language) => {
    const def = await definition();
    const items = (await listNonUse(db, where)).map((r) => presentNonUse(r, reader, def, lang));
    return { items, total: items.length };
  };

  api.get(
    '/agencies/:orgnr/non-use',
    {
      schema: {
        tags: ['usage'],
        summary: 'The services an agency has said it does not use, with its reasons',
        description: "For the agency's editors, its ministry's viewers and administrators. Standing non-use only (withdrawn ones are left out). The provider's follow-up is never shown here.",
        security,
        params: Type.Object({ orgnr: Type.String({ maxLength: 100 }) }),
        querystring: Type.Object({ lang: Lang }),
        response: { 200: NonUseList, 400: problem, 401: problem, 403: problem, 404: problem },
      },
    },
    async (req) => {
      const t = messages[req.lang];
      const orgnr = requireOrgnr(req.params.orgnr, req.lang, 'orgnr');
      const principal = requirePrincipal(req);
      const a = await orNotFound(getAgency(db, orgnr), t.errors.unknownAgency(orgnr));
      if (!mayReadAgencyNonUse(principal, a)) throw new HttpProblem(403, t.access.forbidden);
      return list({ agencyOrgnr: orgnr }, 'agency', req.lang);
    },
  );

  api.get(
    '/providers/:slug/non-use',
    signedInSlugRead('usage', "The provider's follow-up list: agencies that do not use its services, with follow-up and internal notes", "For the provider's editors and administrators.", NonUseList),
    async (req) => {
      const t = messages[req.lang];
      const principal = requirePrincipal(req);
      const p = await orNotFound(providerBySlug(db, req.params.slug), t.errors.unknownProvider(req.params.slug));
      if (!mayFollowUpNonUse(principal, p.id)) throw new HttpProblem(403, t.access.notYourProvider);
      return list({ providerId: p.id }, 'provider', req.lang);
    },
  );

  api.put(
    '/non-use/:id/follow-up',
    {
      schema: {
        tags: ['usage'],
        summary: "The provider's follow-up of an agency's non-use",
        description: 'to_contact → contacted → resolved, with an internal note the agency and its ministry never see. For the provider of the service and administrators.',
        security,
        params: Type.Object({ id: Type.String({ maxLength: 60 }) }),
        body: FollowUpBody,
        response: { 200: { $ref: 'NonUse#' }, 400: problem, 401: problem, 403: problem, 404: problem },
      },
    },
    async (req) => {
      const actor = actorOf(req, deps);
      await setNonUseFollowUp(db, actor, req.params.id, req.body, req.lang);
      const [row] = await listNonUse(db, { id: req.params.id });
      return presentNonUse(row!, 'provider', await definition(), req.lang);
    },
  );

  api.get(
    '/stats/non-use',
    {
      schema: {
        tags: ['statistics'],
        summary: 'Non-use of services: counts by reason (and how many gave none), size class, ministry area and service',
        description:
          'Each standing non-use (one agency, one service) counts once. The reason is optional: `withoutReason` says how many gave none. The small-group rule applies: a figure about fewer than 5 is null, and so is any other cell of the same breakdown that would let it be worked out. `asOf` reads the register as it stood at the end of that day. The same figures as /statistikk/ikke-bruk.',
        querystring: StatsNonUseQuery,
        response: { 200: { $ref: 'StatsNonUse#' }, 400: problem },
      },
    },
    async (req) => {
      const t = messages[req.lang];
      const asOf = asOfFrom(req.query.asOf, req.lang);
      const r = await nonUseReport(db, deps.config.sizeThresholds, asOf);
      const s = r.stats;
      return {
        asOf,
        note: t.nonUse.how,
        total: s.total,
        agencies: s.agencies,
        withoutReason: s.withoutReason,
        reasons: s.reasons.map((c) => ({ code: c.key, label: r.reasonLabel(c.key, req.lang), count: c.count })),
        bySize: SIZE_CLASSES.flatMap((sizeClass) => s.bySize.filter((c) => c.key === sizeClass).map((c) => ({ sizeClass, count: c.count }))),
        byMinistry: s.byMinistry.map((c) => ({ ministry: c.key ? { orgnr: c.key, name: r.ministryName(c.key, req.lang) } : null, count: c.count })),
        byService: s.byService.map((x) => ({ service: { slug: x.serviceSlug, name: r.serviceName(x.serviceSlug, req.lang) }, total: x.total, withoutReason: x.withoutReason })),
      };
    },
  );
}
