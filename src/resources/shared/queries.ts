import { inArray } from 'drizzle-orm';
import type { LocalizedText } from '../../domain/catalogue.js';
import type { Executor } from '../../db/database.js';
import { agencies, services } from '../../db/schema/index.js';

/** The columns a service link needs (name, status tag, kind tag); spread into a select. */
export const serviceLinkColumns = { slug: services.slug, name: services.name, status: services.status, kind: services.kind };

/** Names of the agencies with these organisation numbers, as a lookup (null for none or an unknown one). */
export async function agencyNames(db: Executor, orgnrs: readonly (string | null | undefined)[]) {
  const wanted = [...new Set(orgnrs.filter((x): x is string => !!x))];
  const rows = wanted.length ? await db.select({ orgnr: agencies.orgnr, name: agencies.name }).from(agencies).where(inArray(agencies.orgnr, wanted)) : [];
  return (orgnr: string | null | undefined): { orgnr: string; name: LocalizedText } | null => (orgnr ? (rows.find((r) => r.orgnr === orgnr) ?? null) : null);
}
