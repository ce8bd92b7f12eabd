import { Type } from 'typebox';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { localizer, pageUrl } from '../shared/present.js';
import { rdfResponse, sendServiceRdfIfAsked } from '../opendata/routes.js';
import { messages } from '../../web/i18n/index.js';
import { effectiveSort, facetLabel, filtersFrom } from './catalogue.js';
import { CATALOGUE_FACETS, getServiceDetail, searchCatalogue } from './queries.js';
import { problem } from '../shared/schema.js';
import { currentSlugFor } from './history.js';
import { presentServiceDetail } from './present.js';
import { Lang, ServiceDetailSchema, ServiceList, ServiceListItem, ServiceListQuery, SlugParams } from './schema.js';

export async function registerServiceApi(api: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  api.addSchema(ServiceListItem);
  api.addSchema(ServiceDetailSchema);

  api.get(
    '/services',
    {
      schema: {
        tags: ['services'],
        summary: 'Search the catalogue of shared services',
        description: 'Full-text search with facets. Facet counts are computed with the other facets applied.',
        querystring: ServiceListQuery,
        response: { 200: ServiceList, 400: problem },
      },
    },
    async (req) => {
      const lang = req.lang;
      const query = req.query;
      const filters = await filtersFrom(db, query, lang);
      const result = await searchCatalogue(db, {
        q: query.q,
        filters,
        sort: effectiveSort(query.sort, query.q),
        limit: query.limit,
        offset: query.offset,
        lang,
      });
      const { text, ref } = localizer(lang);
      return {
        items: result.items.map((i) => ({
          slug: i.slug,
          name: text(i.name),
          summary: text(i.summary),
          kind: i.kind,
          provider: ref(i.provider),
          area: ref(i.area),
          parent: i.parent ? ref(i.parent) : null,
          model: i.model,
          targetGroup: i.targetGroup,
          obligation: i.obligation,
          financing: i.financing,
          status: i.status,
          updatedAt: i.updatedAt.toISOString(),
          url: pageUrl(deps.config.publicUrl, lang, `/tjenester/${i.slug}`),
        })),
        total: result.total,
        limit: query.limit,
        offset: query.offset,
        fuzzy: result.fuzzy,
        facets: Object.fromEntries(
          CATALOGUE_FACETS.map((f) => [
            f,
            result.facets[f].map((v) => ({ value: v.value, label: facetLabel(f, v, lang), count: v.count, selected: v.selected })),
          ]),
        ),
      };
    },
  );

  api.get(
    '/services/:slug',
    {
      schema: {
        tags: ['services'],
        summary: 'One shared service',
        description: 'JSON by default. With Accept: text/turtle or application/ld+json, the service as CPSV-AP-NO RDF (as /services/{slug}.ttl and .jsonld).',
        params: SlugParams,
        querystring: Type.Object({ lang: Lang }),
        response: {
          200: { description: 'The service', content: { 'application/json': { schema: { $ref: 'ServiceDetail#' } }, ...rdfResponse().content } },
          404: problem,
        },
      },
    },
    async (req, reply) => {
      if (await sendServiceRdfIfAsked(req, reply, deps, req.params.slug)) return reply;
      const lang = req.lang;
      const d = await getServiceDetail(db, req.params.slug);
      if (!d) {
        // A renamed service: the old address answers 301 to the new one.
        const current = await currentSlugFor(db, req.params.slug);
        if (current) return reply.redirect(req.url.replace(`/services/${req.params.slug}`, `/services/${current}`), 301);
        throw new HttpProblem(404, messages[lang].errors.unknownService(req.params.slug));
      }
      return presentServiceDetail(d, lang, deps.config.publicUrl);
    },
  );
}
