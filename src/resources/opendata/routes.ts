import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Executor } from '../../db/database.js';
import { cachedRead } from '../../db/readCache.js';
import type { Config } from '../../config.js';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import { buildCpsv } from './cpsv.js';
import { loadCatalogueSnapshot, serviceNeighbourhood } from './queries.js';
import { negotiateRdf, RDF_FORMATS, type RdfFormat, serialize } from './rdf.js';

const problem = { $ref: 'Problem#' };
const SlugParams = Type.Object({ slug: Type.String({ maxLength: 120 }) });

/** Response schemas for OpenAPI: RDF is a string in the media type asked for. */
export const rdfResponse = (format?: RdfFormat) => {
  const formats = format ? [format] : (['turtle', 'jsonld'] as const);
  return {
    description: 'CPSV-AP-NO 1.1 (cpsvno:Service, dcat:Catalog) as RDF.',
    content: Object.fromEntries(formats.map((f) => [RDF_FORMATS[f].mediaType, { schema: { type: 'string' } }])),
  };
};

/**
 * The whole catalogue as RDF, built once per catalogue data version (and format): building it reads and serialises
 * every service, so a client asking again and again must not make the server do it again and again.
 */
export async function catalogueRdf(db: Executor, config: Config, format: RdfFormat): Promise<string> {
  return cachedRead(db, `catalogueRdf:${format}:${config.publicUrl}:${config.catalogPublisher.orgnr}:${config.catalogPublisher.name}`, async () => {
    const snapshot = await loadCatalogueSnapshot(db, config.catalogPublisher);
    return serialize(buildCpsv(snapshot, { publicUrl: config.publicUrl, includeCatalog: true }), format);
  });
}

/** One service and the services it links to, or undefined when there is no such service. */
export async function serviceRdf(db: Executor, config: Config, slug: string, format: RdfFormat): Promise<string | undefined> {
  const slugs = await serviceNeighbourhood(db, slug);
  if (!slugs) return undefined;
  const snapshot = await loadCatalogueSnapshot(db, config.catalogPublisher, slugs);
  return serialize(buildCpsv(snapshot, { publicUrl: config.publicUrl, includeCatalog: false }), format);
}

function sendRdf(reply: FastifyReply, body: string, format: RdfFormat, negotiated: boolean): FastifyReply {
  if (negotiated) reply.header('vary', 'Accept');
  return reply
    .header('cache-control', 'public, max-age=300')
    .type(`${RDF_FORMATS[format].mediaType}; charset=utf-8`)
    .send(body);
}

/**
 * For the JSON route GET /services/:slug: answers with RDF when the client asked for Turtle or JSON-LD, and
 * returns false otherwise (the JSON handler goes on).
 */
export async function sendServiceRdfIfAsked(req: FastifyRequest, reply: FastifyReply, deps: AppDeps, slug: string): Promise<boolean> {
  const format = negotiateRdf(req.headers.accept);
  reply.header('vary', 'Accept');
  if (!format) return false;
  const body = await serviceRdf(deps.database.db, deps.config, slug, format);
  if (body === undefined) throw new HttpProblem(404, messages[req.lang].errors.unknownService(slug));
  sendRdf(reply, body, format, true);
  return true;
}

export async function registerOpenDataApi(api: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const { config } = deps;

  api.get(
    '/catalog',
    {
      schema: {
        tags: ['open data'],
        summary: 'The whole catalogue as CPSV-AP-NO RDF',
        description:
          'A dcat:Catalog with every service as cpsvno:Service, providers as owners and competent authorities, contact points, channels, costs and participations (the agencies that use each service). Content negotiation: Accept: text/turtle gives Turtle, anything else JSON-LD. Licence NLOD 2.0.',
        response: { 200: rdfResponse() },
      },
    },
    async (req, reply) => {
      const format = negotiateRdf(req.headers.accept) ?? 'jsonld';
      return sendRdf(reply, await catalogueRdf(db, config, format), format, true);
    },
  );

  for (const format of ['turtle', 'jsonld'] as const) {
    const ext = RDF_FORMATS[format].extension;
    api.get(
      `/catalog.${ext}`,
      {
        schema: {
          tags: ['open data'],
          summary: `The whole catalogue as CPSV-AP-NO ${format === 'turtle' ? 'Turtle' : 'JSON-LD'}`,
          response: { 200: rdfResponse(format) },
        },
      },
      async (_req, reply) => sendRdf(reply, await catalogueRdf(db, config, format), format, false),
    );
    api.get(
      `/services/:slug.${ext}`,
      {
        schema: {
          tags: ['open data'],
          summary: `One service as CPSV-AP-NO ${format === 'turtle' ? 'Turtle' : 'JSON-LD'}`,
          description: 'The service, and the services it links to (parent, sub-services, related), so every link resolves inside the document.',
          params: SlugParams,
          response: { 200: rdfResponse(format), 404: problem },
        },
      },
      async (req, reply) => {
        const body = await serviceRdf(db, config, req.params.slug, format);
        if (body === undefined) throw new HttpProblem(404, messages[req.lang].errors.unknownService(req.params.slug));
        return sendRdf(reply, body, format, false);
      },
    );
  }
}
