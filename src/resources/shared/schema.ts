import { type TSchema, Type } from 'typebox';
import { LANGUAGES } from '../../domain/catalogue.js';

/**
 * TypeBox pieces every resource's API and page schemas share: enumerations that report the allowed values,
 * the language parameter, paging, and the shape of list responses.
 */

/** One of a fixed set of codes; a wrong value is refused with the list of allowed ones. */
export const enumOf = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Union(values.map((v) => Type.Literal(v)) as never, description ? { description } : {});

/** A repeatable filter parameter over a fixed set of codes (`model=central&model=sector` is OR). */
export const multi = <T extends readonly string[]>(values: T, description: string) =>
  Type.Optional(Type.Array(enumOf(values), { maxItems: values.length, description: `${description} Repeat the parameter to combine values (OR).` }));

export const Lang = Type.Optional(enumOf(LANGUAGES, 'Language of localized fields (default: Accept-Language, else nb).'));

/** limit/offset for API lists: at most 100 items a page. */
export const pagingProperties = {
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  offset: Type.Integer({ minimum: 0, maximum: 100_000, default: 0 }),
};

/** ?page= for HTML lists (1-based). */
export const pageProperty = { page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }) };

/** A list response: one page of items and the total. */
export const ListOf = (item: TSchema) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() });

export const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A link to another resource by slug, with its name in the asked language. */
export const Ref = Type.Object({ slug: Type.String(), name: Type.String() });
/** A link to an agency (or ministry) by organisation number. */
export const OrgRef = Type.Object({ orgnr: Type.String(), name: Type.String() });

/** Both ways in for an API operation that needs a principal: a browser session (with X-CSRF-Token for writes) or a system's bearer token. */
export const security: { [name: string]: string[] }[] = [{ session: [] }, { bearer: [] }];

/**
 * The schema of a GET for one item by its key, in the asked language: the item (a registered schema's id), a 400
 * for a malformed key, a 404 for an unknown one.
 */
export function oneItemSchema<P extends TSchema>(item: { tags: string[]; summary: string; description?: string; params: P; response: string }) {
  const { response, description, ...rest } = item;
  return {
    tags: rest.tags,
    summary: rest.summary,
    ...(description ? { description } : {}),
    params: rest.params,
    querystring: Type.Object({ lang: Lang }),
    response: { 200: { $ref: `${response}#` }, 400: problem, 404: problem },
  };
}

export const SlugParams = Type.Object({ slug: Type.String({ maxLength: 120 }) });

/** The Problem schema registered in app.ts, for error responses. */
export const problem = { $ref: 'Problem#' };

/**
 * A preValidation hook for pages with GET forms: a select left on "all" or an empty search box sends `name=`,
 * which means "no filter", not an invalid value. Drops such parameters before the schema sees them.
 */
export async function dropEmptyQueryValues(req: { query: unknown }): Promise<void> {
  const q = req.query as Record<string, unknown>;
  for (const k of Object.keys(q)) if (q[k] === '') delete q[k];
}

/** The options of a signed-in GET of something named by slug, in a language: 401, 403 and 404 besides the answer. */
export const signedInSlugRead = (tag: string, summary: string, description: string, answer: TSchema) => ({
  schema: { tags: [tag], summary, description, security, params: SlugParams, querystring: Type.Object({ lang: Lang }), response: { 200: answer, 401: problem, 403: problem, 404: problem } },
});
