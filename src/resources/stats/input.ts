import { sql } from 'drizzle-orm';
import type { Language, OrganisationKind } from '../../domain/catalogue.js';
import { STATE_KINDS } from '../../domain/eligibility.js';
import type { SizeClass } from '../../domain/sizeClass.js';
import { type Executor, queryRows } from '../../db/database.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import { ministryFilter } from '../agencies/orgnrInput.js';
import type { PopulationFilter } from './queries.js';

/** A slug filter (area, provider, service) that must name something that exists; else a 400 saying which value. */
export async function knownSlug(db: Executor, table: 'areas' | 'providers' | 'services', field: string, value: string | undefined, lang: Language): Promise<string | undefined> {
  if (value === undefined) return undefined;
  const rows = await queryRows(db, sql`select 1 from ${sql.raw(table)} where slug = ${value} limit 1`);
  if (rows.length === 0) {
    const message = messages[lang].errors.unknownFilterValue(field, value);
    throw new HttpProblem(400, message, { errors: [{ field, message }] });
  }
  return value;
}

/** The population filters of a request: kinds (default: the state bodies), a known ministry, size classes. */
export async function populationFrom(
  db: Executor,
  q: { kind?: OrganisationKind | readonly OrganisationKind[] | undefined; ministry?: string | undefined; size?: SizeClass | readonly SizeClass[] | undefined },
  lang: Language,
): Promise<PopulationFilter> {
  const list = <T,>(v: T | readonly T[] | undefined): readonly T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v as T]);
  const kinds = list(q.kind);
  const sizes = list(q.size);
  return {
    kinds: kinds.length ? kinds : STATE_KINDS,
    ministry: await ministryFilter(db, q.ministry, lang),
    sizes: sizes.length ? sizes : undefined,
  };
}
