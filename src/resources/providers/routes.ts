import { Type } from 'typebox';
import type { App } from '../../server/app.js';
import { HttpProblem } from '../../server/problem.js';
import type { AppDeps } from '../../server/types.js';
import { messages } from '../../web/i18n/index.js';
import { groupInOrder, localizer, pageUrl } from '../shared/present.js';
import { Lang, problem, SlugParams } from '../shared/schema.js';
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
      const { text, ref, org } = localizer(req.lang);
      const all = await listProviders(db, { models: req.query.model, lang: req.lang });
      return {
        items: all.slice(offset, offset + limit).map((p) => ({
          slug: p.slug,
          name: text(p.name),
          shortName: p.shortName,
          model: p.model,
          ministry: p.ministry ? org(p.ministry) : null,
          parent: p.parent ? ref(p.parent) : null,
          serviceCount: p.serviceCount,
          url: pageUrl(deps.config.publicUrl, req.lang, `/leverandorer/${p.slug}`),
        })),
        total: all.length,
        limit,
        offset,
      };
    },
  );

  api.get(
    '/providers/:slug',
    {
      schema: {
        tags: ['providers'],
        summary: 'One provider, with its units and its services by area',
        params: SlugParams,
        querystring: Type.Object({ lang: Lang }),
        response: { 200: { $ref: 'ProviderDetail#' }, 404: problem },
      },
    },
    async (req) => {
      const lang = req.lang;
      const d = await getProviderDetail(db, req.params.slug, lang);
      if (!d) throw new HttpProblem(404, messages[lang].errors.unknownProvider(req.params.slug));
      const { text, ref, org } = localizer(lang);
      const p = d.provider;
      return {
        slug: p.slug,
        name: text(p.name),
        shortName: p.shortName,
        model: p.model,
        ministry: d.ministry ? org(d.ministry) : null,
        parent: d.parent ? ref(d.parent) : null,
        serviceCount: d.services.length,
        url: pageUrl(deps.config.publicUrl, lang, `/leverandorer/${p.slug}`),
        description: text(p.description),
        organisation: d.organisation ? org(d.organisation) : null,
        website: p.website,
        contact: p.contact,
        units: d.units.map(ref),
        servicesByArea: groupInOrder(d.services, (s) => s.area.slug, (s) => s.area).map((g) => ({
          area: ref(g.head),
          services: g.items.map((s) => ({ slug: s.slug, name: text(s.name), status: s.status, kind: s.kind })),
        })),
        factSource: p.factSource,
        sourceRef: p.sourceRef,
      };
    },
  );
}
