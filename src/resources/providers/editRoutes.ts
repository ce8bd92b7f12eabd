import type { FastifyRequest } from 'fastify';
import { type TSchema, Type } from 'typebox';
import { actorOf } from '../../server/actor.js';
import { HttpProblem } from '../../server/problem.js';
import type { App, AppDeps } from '../../server/types.js';
import { schemaErrors } from '../services/editSchema.js';
import { Lang, problem, security, SlugParams } from '../shared/schema.js';
import { areaDocumentOf, authorise, createArea, createProvider, findArea, findProvider, providerDocumentOf, updateArea, updateProvider } from './commands.js';
import { AreaDocumentSchema, ProviderDocumentSchema } from './editSchema.js';
import type { KeepingAction } from './policy.js';

/**
 * DFØ keeps the providers and service areas through the API as well as the pages (issue 12): a provider or an area as
 * a whole document (GET it, change it, PUT it back). Who may act is decided before the body is looked at; a bad body
 * is a 400 naming each field (unknown fields are refused). Writes show in every read on the next request.
 */
export async function registerCatalogueKeepingApi(api: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  api.addSchema(ProviderDocumentSchema);
  api.addSchema(AreaDocumentSchema);
  const asSent = new WeakMap<FastifyRequest, unknown>();

  /** The caller may do `action` (401/403/404 first), then the body is checked against the schema, as sent. */
  const guard = (action: KeepingAction, kind: 'provider' | 'area', schema?: TSchema) => async (req: FastifyRequest) => {
    const actor = actorOf(req, deps);
    const slug = (req.params as { slug?: string }).slug;
    const provider = kind === 'provider' && slug ? await findProvider(db, slug, req.lang) : undefined;
    if (kind === 'area' && slug) await findArea(db, slug, req.lang);
    authorise(actor, action, req.lang, provider);
    if (!schema) return;
    const errors = schemaErrors(schema, req.body, req.lang);
    if (errors.length) throw new HttpProblem(400, errors.map((e) => `${e.field}: ${e.message}`).join(' '), { errors });
    // Keep the body as sent: Fastify's validation coerces (a null would become an empty string).
    asSent.set(req, structuredClone(req.body));
  };
  const body = (req: FastifyRequest) => asSent.get(req) ?? req.body;
  const query = Type.Object({ lang: Lang });
  const providerDoc = { $ref: 'ProviderDocument#' };
  const areaDoc = { $ref: 'AreaDocument#' };
  const tags = ['catalogue keeping'];

  api.get(
    '/providers/:slug/document',
    {
      preValidation: guard('edit_provider', 'provider'),
      schema: { tags, summary: 'A provider as its editors write it', description: 'For DFØ and the provider’s own editors: the document PUT takes back.', security, params: SlugParams, querystring: query, response: { 200: providerDoc, 401: problem, 403: problem, 404: problem } },
    },
    async (req) => providerDocumentOf(await findProvider(db, req.params.slug, req.lang)),
  );

  /** POST /providers and POST /areas: DFØ adds one; 201 with its document and where it now lives. */
  const creation = <Row extends { slug: string }>(kind: 'provider' | 'area', schema: TSchema, create: (actor: ReturnType<typeof actorOf>, input: unknown, lang: FastifyRequest['lang']) => Promise<Row>, present: (row: Row) => unknown) => {
    const path = kind === 'provider' ? '/providers' : '/areas';
    const ref = { $ref: kind === 'provider' ? 'ProviderDocument#' : 'AreaDocument#' };
    api.post(
      path,
      {
        preValidation: guard(kind === 'provider' ? 'create_provider' : 'create_area', kind, schema),
        schema: {
          tags,
          summary: kind === 'provider' ? 'Add a provider (DFØ)' : 'Add a service area (DFØ)',
          description: kind === 'provider' ? 'The organisation number must pass the MOD11 check and be a known agency.' : 'Added last in the portal’s order.',
          security,
          querystring: query,
          body: ref,
          response: { 201: ref, 400: problem, 401: problem, 403: problem },
        },
      },
      async (req, reply) => {
        const row = await create(actorOf(req, deps), body(req), req.lang);
        return reply.code(201).header('location', `/api/v1${path}/${row.slug}`).send(present(row));
      },
    );
  };
  creation('provider', ProviderDocumentSchema, (actor, input, lang) => createProvider(db, actor, input, lang), providerDocumentOf);
  creation('area', AreaDocumentSchema, (actor, input, lang) => createArea(db, actor, input, lang), areaDocumentOf);

  api.put(
    '/providers/:slug',
    {
      preValidation: guard('edit_provider', 'provider', ProviderDocumentSchema),
      schema: {
        tags,
        summary: 'Change a provider (the whole document)',
        description: 'DFØ changes every field; the provider’s own editors its names, description, contact and website (a changed organisation number, address or model is 403).',
        security,
        params: SlugParams,
        querystring: query,
        body: providerDoc,
        response: { 200: providerDoc, 400: problem, 401: problem, 403: problem, 404: problem },
      },
    },
    async (req) => providerDocumentOf(await updateProvider(db, actorOf(req, deps), req.params.slug, body(req), req.lang)),
  );

  api.get(
    '/areas/:slug/document',
    {
      preValidation: guard('edit_area', 'area'),
      schema: { tags, summary: 'A service area as DFØ writes it', security, params: SlugParams, querystring: query, response: { 200: areaDoc, 401: problem, 403: problem, 404: problem } },
    },
    async (req) => areaDocumentOf(await findArea(db, req.params.slug, req.lang)),
  );

  api.put(
    '/areas/:slug',
    {
      preValidation: guard('edit_area', 'area', AreaDocumentSchema),
      schema: { tags, summary: 'Change a service area (DFØ; the address stays)', security, params: SlugParams, querystring: query, body: areaDoc, response: { 200: areaDoc, 400: problem, 401: problem, 403: problem, 404: problem } },
    },
    async (req) => areaDocumentOf(await updateArea(db, actorOf(req, deps), req.params.slug, body(req), req.lang)),
  );
}
