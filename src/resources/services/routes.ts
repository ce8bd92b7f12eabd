import { Type } from 'typebox';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { localizer, pageUrl } from '../shared/present.js';
import { rdfResponse, sendServiceRdfIfAsked } from '../opendata/routes.js';
import { messages } from '../../web/i18n/index.js';
import { effectiveSort, facetLabel, filtersFrom } from './catalogue.js';
import { CATALOGUE_FACETS, getServiceDetail, searchCatalogue } from './queries.js';
import { problem } from '../shared/schema.js';
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
      const { text } = localizer(lang);
      return {
        items: result.items.map((i) => ({
          slug: i.slug,
          name: text(i.name),
          summary: text(i.summary),
          kind: i.kind,
          provider: { slug: i.provider.slug, name: text(i.provider.name) },
          area: { slug: i.area.slug, name: text(i.area.name) },
          parent: i.parent ? { slug: i.parent.slug, name: text(i.parent.name) } : null,
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
      if (!d) throw new HttpProblem(404, messages[lang].errors.unknownService(req.params.slug));
      const { text, orNull } = localizer(lang);
      const s = d.service;
      const usersByTier = new Map(d.tierUsage.map((u) => [u.tierId, u.count]));
      return {
        slug: s.slug,
        name: text(s.name),
        summary: text(s.summary),
        description: text(s.description),
        kind: s.kind,
        provider: { slug: d.provider.slug, name: text(d.provider.name) },
        area: { slug: d.area.slug, name: text(d.area.name) },
        parent: d.parent ? { slug: d.parent.slug, name: text(d.parent.name) } : null,
        subServices: d.children.map((c) => ({ slug: c.slug, name: text(c.name) })),
        related: d.related.map((c) => ({ slug: c.slug, name: text(c.name) })),
        model: s.model,
        targetGroup: s.targetGroup,
        targetDescription: orNull(s.targetDescription),
        targetMinistry: d.targetMinistry ? { orgnr: d.targetMinistry.orgnr, name: text(d.targetMinistry.name) } : null,
        obligation: s.obligation,
        financing: s.financing,
        financingNote: orNull(s.financingNote),
        status: s.status,
        launchedOn: s.launchedOn,
        plannedOn: s.plannedOn,
        phasedOutOn: s.phasedOutOn,
        tiers: d.tiers.map((t) => ({
          slug: t.slug,
          name: text(t.name),
          description: orNull(t.description),
          kind: t.kind,
          current: t.current,
          users: usersByTier.get(t.id) ?? 0,
        })),
        serviceLevels: {
          uptimePercent: s.serviceLevels.uptimePercent ?? null,
          supportHours: orNull(s.serviceLevels.supportHours),
          responseTime: orNull(s.serviceLevels.responseTime),
        },
        supportChannels: s.supportChannels,
        howToJoin: {
          steps: s.howToJoin.steps.map(text),
          contact: s.howToJoin.contact ?? null,
          links: s.howToJoin.links.map((l) => ({ label: text(l.label), url: l.url })),
        },
        website: s.website,
        users: { registered: d.registeredUsers, reported: s.reportedUsers, reportedYear: s.reportedUsersYear },
        factSource: s.factSource,
        sourceRef: s.sourceRef,
        updatedAt: s.updatedAt.toISOString(),
        url: pageUrl(deps.config.publicUrl, lang, `/tjenester/${s.slug}`),
      };
    },
  );
}
