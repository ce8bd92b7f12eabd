import { Type } from 'typebox';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import { requireOrgnr } from '../agencies/orgnrInput.js';
import { localizer } from '../shared/present.js';
import { Lang, problem } from '../shared/schema.js';
import { agencyCoverage, recommendationsFor } from '../stats/served.js';
import { presentService } from '../stats/routes.js';
import { RecommendationResponse } from '../stats/schema.js';
import { osloToday } from '../../domain/osloTime.js';
import { OrgnrParams } from '../agencies/schema.js';
import { byArea, ministryNameOf, reasonText, similarText } from './present.js';
import { loadRecommendationAgency } from './queries.js';

export async function registerRecommendationApi(api: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const th = deps.config.sizeThresholds;
  api.addSchema(RecommendationResponse);
  api.get(
    '/agencies/:orgnr/recommendations',
    {
      schema: {
        tags: ['agencies', 'statistics'],
        summary: '"Hva kan vi bruke?": services the agency may use and does not, ranked by use among similar agencies, with why',
        description:
          'Similar agencies: the others in the same ministry area and of the same size class. Services open to the agency (by target group) and in operation or pilot, grouped by area; services whose eligibility is unknown (group schemes, agreements) only when a similar agency uses them. Also the agency\'s coverage per area and planned services it will be able to use. An invalid organisation number is a 400, an unknown one a 404.',
        params: OrgnrParams,
        querystring: Type.Object({ lang: Lang }),
        response: { 200: { $ref: 'AgencyRecommendations#' }, 400: problem, 404: problem },
      },
    },
    async (req) => {
      const lang = req.lang;
      const t = messages[lang];
      const orgnr = requireOrgnr(req.params.orgnr, lang, 'orgnr');
      const agency = await loadRecommendationAgency(db, orgnr, th);
      if (!agency) throw new HttpProblem(404, t.errors.unknownAgency(orgnr));
      const today = osloToday();
      const [r, coverage] = await Promise.all([recommendationsFor(db, th, today, agency, lang), agencyCoverage(db, orgnr, th, today)]);
      const { text, ref, org } = localizer(lang);
      const ctx = { sizeClass: r.sizeClass, ministryName: ministryNameOf(agency.ministry, lang) };
      return {
        asOf: today,
        agency: { orgnr, name: text(agency.name), sizeClass: r.sizeClass, ministry: agency.ministry ? org(agency.ministry) : null },
        usesCount: r.usesCount,
        similar: similarText(t, ctx),
        coverage: coverage.map((c) => ({ area: ref(c.area), ...c.coverage })),
        areas: byArea(r.recommendations).map((g) => ({
          area: ref(g.head),
          items: g.items.map((x) => ({
            service: presentService(x.service, lang),
            eligibility: x.eligibility,
            score: x.score,
            similar: x.similar,
            sameMinistry: x.sameMinistry,
            sameSize: x.sameSize,
            mandatory: x.mandatory,
            reasons: x.reasons.map((reason) => ({ ...reason, text: reasonText(t, reason, ctx) })),
          })),
        })),
        planned: r.planned.map((s) => ({ slug: s.slug, name: text(s.name), provider: { slug: s.provider.slug, name: s.provider.shortName ?? text(s.provider.name) }, area: ref(s.area), plannedOn: s.plannedOn })),
      };
    },
  );
}
