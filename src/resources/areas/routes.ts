import { Type } from 'typebox';
import type { App, AppDeps } from '../../server/types.js';
import { messages } from '../../web/i18n/index.js';
import { localizer, pageUrl } from '../shared/present.js';
import { Lang, problem, SlugParams, oneItemSchema } from '../shared/schema.js';
import { orNotFound } from '../shared/routes.js';
import { presentAreaDetail } from './present.js';
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
    { schema: oneItemSchema({ tags: ['areas'], summary: 'One service area, with its services by delivery model and its providers', params: SlugParams, response: 'AreaDetail' }) },
    async (req) => presentAreaDetail(await orNotFound(getAreaDetail(db, req.params.slug, req.lang), messages[req.lang].errors.unknownArea(req.params.slug)), req.lang, deps.config.publicUrl),
  );
}
