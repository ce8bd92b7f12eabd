import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import { problem, oneItemSchema } from '../shared/schema.js';
import { ministryFilter, requireOrgnr } from './orgnrInput.js';
import { presentAgency, presentAgencyDetail } from './present.js';
import { getAgencyDetail, searchAgencies } from './queries.js';
import { AgencyDetailSchema, AgencyList, AgencyListItem, AgencyListQuery, OrgnrParams } from './schema.js';

export async function registerAgencyApi(api: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const thresholds = deps.config.sizeThresholds;
  api.addSchema(AgencyListItem);
  api.addSchema(AgencyDetailSchema);

  api.get(
    '/agencies',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Search the agencies',
        description:
          'By name or organisation number prefix, ministry, kind and size class. Sorted by name (Norwegian collation). An invalid or unknown ministry is a 400 that says why.',
        querystring: AgencyListQuery,
        response: { 200: AgencyList, 400: problem },
      },
    },
    async (req) => {
      const { q, kind, size, limit, offset } = req.query;
      const lang = req.lang;
      const ministry = await ministryFilter(db, req.query.ministry, lang);
      const all = await searchAgencies(db, { q, ministry, kinds: kind, sizes: size, thresholds, lang });
      return {
        items: all.slice(offset, offset + limit).map((a) => presentAgency(a, lang, deps.config.publicUrl)),
        total: all.length,
        limit,
        offset,
      };
    },
  );

  api.get(
    '/agencies/:orgnr',
    {
      schema: oneItemSchema({
        tags: ['agencies'],
        summary: 'One agency, with the shared services it uses and, for a ministry, its subordinate agencies',
        description: 'An invalid organisation number is a 400 that says why (missing, not digits, length, check digit); a valid unknown one is a 404.',
        params: OrgnrParams,
        response: 'AgencyDetail',
      }),
    },
    async (req) => {
      const lang = req.lang;
      const orgnr = requireOrgnr(req.params.orgnr, lang, 'orgnr');
      const d = await getAgencyDetail(db, orgnr, thresholds, lang);
      if (!d) throw new HttpProblem(404, messages[lang].errors.unknownAgency(orgnr));
      return presentAgencyDetail(d, lang, deps.config.publicUrl, thresholds);
    },
  );
}
