import { Type } from 'typebox';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import { groupInOrder, localizer, pageUrl } from '../shared/present.js';
import { Lang, problem, SlugParams } from '../shared/schema.js';
import { getAreaDetail, listAreas } from './queries.js';
import { AreaDetailSchema, AreaList, AreaListItem } from './schema.js';

export async function registerAreaApi(api: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  api.addSchema(AreaListItem);
  api.addSchema(AreaDetailSchema);
  const url = (lang: Parameters<typeof pageUrl>[1], path: string) => pageUrl(deps.config.publicUrl, lang, path);

  api.get(
    '/areas',
    {
      schema: {
        tags: ['areas'],
        summary: 'List the service areas',
        description: 'In the order the portal shows them, with the number of services in each.',
        querystring: Type.Object({ lang: Lang }),
        response: { 200: AreaList, 400: problem },
      },
    },
    async (req) => {
      const { text } = localizer(req.lang);
      const all = await listAreas(db);
      return {
        items: all.map((a) => ({
          slug: a.slug,
          name: text(a.name),
          description: text(a.description),
          serviceCount: Number(a.count),
          gapArea: a.gapArea,
          url: url(req.lang, `/omrader/${a.slug}`),
        })),
        total: all.length,
      };
    },
  );

  api.get(
    '/areas/:slug',
    {
      schema: {
        tags: ['areas'],
        summary: 'One service area, with its services by delivery model and its providers',
        params: SlugParams,
        querystring: Type.Object({ lang: Lang }),
        response: { 200: { $ref: 'AreaDetail#' }, 400: problem, 404: problem },
      },
    },
    async (req) => {
      const lang = req.lang;
      const d = await getAreaDetail(db, req.params.slug, lang);
      if (!d) throw new HttpProblem(404, messages[lang].errors.unknownArea(req.params.slug));
      const { text, ref } = localizer(lang);
      const a = d.area;
      return {
        slug: a.slug,
        name: text(a.name),
        description: text(a.description),
        serviceCount: d.services.length,
        gapArea: a.gapArea,
        url: url(lang, `/omrader/${a.slug}`),
        servicesByModel: groupInOrder(d.services, (s) => s.model, (s) => s.model).map((g) => ({
          model: g.head,
          services: g.items.map((s) => ({ slug: s.slug, name: text(s.name), status: s.status, kind: s.kind, provider: ref(s.provider) })),
        })),
        providers: d.providers.map((p) => ({ slug: p.slug, name: text(p.name), shortName: p.shortName, serviceCount: p.serviceCount })),
        catalogueUrl: url(lang, `/tjenester?area=${encodeURIComponent(a.slug)}`),
      };
    },
  );
}
