import { Type } from 'typebox';
import type { Language } from '../../domain/catalogue.js';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import { groupInOrder, localizer, pageUrl } from '../shared/present.js';
import { Lang, problem, SlugParams } from '../shared/schema.js';
import { getProviderDetail, listProviders, type ProviderSummary } from './queries.js';
import { ProviderDetailSchema, ProviderList, ProviderListItem, ProviderListQuery } from './schema.js';

export async function registerProviderApi(api: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  /** The fields a provider has both in the list and on its own. */
  const present = (p: Omit<ProviderSummary, 'description'>, lang: Language) => {
    const { text, ref, org } = localizer(lang);
    return {
      slug: p.slug,
      name: text(p.name),
      shortName: p.shortName,
      model: p.model,
      ministry: p.ministry ? org(p.ministry) : null,
      parent: p.parent ? ref(p.parent) : null,
      serviceCount: p.serviceCount,
      url: pageUrl(deps.config.publicUrl, lang, `/leverandorer/${p.slug}`),
    };
  };
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
        items: all.slice(offset, offset + limit).map((p) => present(p, req.lang)),
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
        response: { 200: { $ref: 'ProviderDetail#' }, 400: problem, 404: problem },
      },
    },
    async (req) => {
      const lang = req.lang;
      const d = await getProviderDetail(db, req.params.slug, lang);
      if (!d) throw new HttpProblem(404, messages[lang].errors.unknownProvider(req.params.slug));
      const { text, ref, org } = localizer(lang);
      const p = d.provider;
      return {
        ...present({ ...p, ministry: d.ministry, parent: d.parent, serviceCount: d.services.length }, lang),
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
