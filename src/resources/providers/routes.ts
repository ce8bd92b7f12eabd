import type { App, AppDeps } from '../../server/types.js';
import { messages } from '../../web/i18n/index.js';
import { orNotFound } from '../shared/routes.js';
import { problem, SlugParams, oneItemSchema } from '../shared/schema.js';
import { presentProvider, presentProviderDetail } from './present.js';
import { getProviderDetail, listProviders } from './queries.js';
import { ProviderDetailSchema, ProviderList, ProviderListItem, ProviderListQuery } from './schema.js';

export async function registerProviderApi(api: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  api.addSchema(ProviderListItem);
  api.addSchema(ProviderDetailSchema);

  api.get(
    '/providers',
    {
      schema: {
        tags: ['providers'],
        summary: 'List the providers of shared services',
        description: 'Sorted by name (Norwegian collation), with the number of services each provides.',
        querystring: ProviderListQuery,
        response: { 200: ProviderList, 400: problem },
      },
    },
    async (req) => {
      const { limit, offset } = req.query;
      const all = await listProviders(db, { models: req.query.model, lang: req.lang });
      return {
        items: all.slice(offset, offset + limit).map((p) => presentProvider(p, req.lang, deps.config.publicUrl)),
        total: all.length,
        limit,
        offset,
      };
    },
  );

  api.get(
    '/providers/:slug',
    { schema: oneItemSchema({ tags: ['providers'], summary: 'One provider, with its units and its services by area', params: SlugParams, response: 'ProviderDetail' }) },
    async (req) => presentProviderDetail(await orNotFound(getProviderDetail(db, req.params.slug, req.lang), messages[req.lang].errors.unknownProvider(req.params.slug)), req.lang, deps.config.publicUrl),
  );
}
