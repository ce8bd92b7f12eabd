import type { Language } from '../../domain/catalogue.js';
import { checkOrgnr } from '../../domain/orgnr.js';
import type { Executor } from '../../db/database.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import { isMinistry } from './queries.js';

/**
 * An organisation number from a request (path or filter), checked with MOD11. A bad one is a 400 that says why:
 * missing, not digits, wrong length or wrong check digit. Spaces between digit groups are accepted.
 */
export function requireOrgnr(raw: string | undefined, lang: Language, field: string): string {
  const check = checkOrgnr(raw);
  if (check.ok) return check.orgnr;
  const message = messages[lang].errors.invalidOrgnr[check.problem];
  throw new HttpProblem(400, message, { errors: [{ field, message }] });
}

/** The `ministry` filter: absent, or the valid organisation number of a ministry the portal knows; else 400. */
export async function ministryFilter(db: Executor, raw: string | undefined, lang: Language): Promise<string | undefined> {
  if (raw === undefined) return undefined;
  const orgnr = requireOrgnr(raw, lang, 'ministry');
  if (!(await isMinistry(db, orgnr))) {
    const message = messages[lang].errors.unknownMinistry(orgnr);
    throw new HttpProblem(400, message, { errors: [{ field: 'ministry', message }] });
  }
  return orgnr;
}
