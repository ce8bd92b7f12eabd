import type { FastifyRequest } from 'fastify';
import { type Static, type TSchema, Type } from 'typebox';
import type { Language } from '../../domain/catalogue.js';
import { HttpProblem } from '../../server/problem.js';
import type { App } from '../../server/types.js';
import { Lang, problem, security } from './schema.js';

/** What a create route documents: its OpenAPI text, the body schema and the registered schema of the created item. */
export interface CreateDoc {
  tags: string[];
  summary: string;
  description: string;
  body: TSchema;
  item: string;
}

/**
 * A signed-in POST that creates an item at `path`: `create` checks and runs the command and gives the new item's
 * key; the answer is 201 with a Location header (`/api/v1<path>/<key>`) and the item as `show` presents it. 400,
 * 401 and 403 are problem+json.
 */
export function postCreate(
  api: App,
  path: string,
  doc: CreateDoc,
  create: (req: FastifyRequest, body: Record<string, unknown>) => Promise<string>,
  show: (key: string, lang: Language) => Promise<unknown>,
): void {
  const { item, ...text } = doc;
  api.post(path, { schema: { ...text, security, response: { 201: { $ref: `${item}#` }, 400: problem, 401: problem, 403: problem } } }, async (req, reply) => {
    const key = await create(req, req.body as Record<string, unknown>);
    reply.code(201).header('location', `/api/v1${path}/${key}`);
    return show(key, req.lang);
  });
}

/** What a create-or-change route documents: its OpenAPI text, the key in the path, the body and the item's schema. */
export interface UpsertDoc<P extends TSchema, B extends TSchema> {
  tags: string[];
  summary: string;
  description: string;
  params: P;
  body: B;
  item: string;
}

/**
 * A signed-in PUT that creates or changes the item at `path`: `write` runs the command and says whether it created
 * the item; the answer is the item, 201 when created, else 200. 400, 401, 403, 404 and 409 are problem+json.
 */
export function putUpsert<P extends TSchema, B extends TSchema>(
  api: App,
  path: string,
  doc: UpsertDoc<P, B>,
  write: (req: FastifyRequest, params: Static<P>, body: Static<B>) => Promise<{ created: boolean; item: unknown }>,
): void {
  const { item, ...text } = doc;
  const answer = { $ref: `${item}#` };
  const response = { 200: answer, 201: answer, 400: problem, 401: problem, 403: problem, 404: problem, 409: problem };
  api.put(path, { schema: { ...text, security, response } }, async (req, reply) => {
    const written = await write(req, req.params as Static<P>, req.body as Static<B>);
    reply.code(written.created ? 201 : 200);
    return written.item;
  });
}

/** The options of a public GET of one item in the asked language: the item (a registered schema's id), or a 404. */
export const publicRead = <P extends TSchema>(doc: { tags: string[]; summary: string; description: string; params: P }, item: string) => ({
  schema: { ...doc, querystring: Type.Object({ lang: Lang }), response: { 200: { $ref: `${item}#` }, 404: problem } },
});

/** The item a lookup found, or a 404 problem with this detail (the resource's "unknown …" message). */
export async function orNotFound<T>(lookup: Promise<T | undefined>, detail: string): Promise<T> {
  const item = await lookup;
  if (item === undefined) throw new HttpProblem(404, detail);
  return item;
}
