import { beforeAll } from 'vitest';
import { orgnrCheckDigit } from '../../src/domain/orgnr.js';
import { eq } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../../src/db/database.js';
import { agencies, areas, procurements, providers, questionnaires, services, subscriptions, tiers } from '../../src/db/schema/index.js';

/** One place to make test data (the Outline way). Every helper fills sensible defaults; override what matters. */

/** Inserts one row and gives it back as stored (defaults and generated columns filled in). */
async function insertRow<T extends PgTable>(db: Executor, table: T, values: T['$inferInsert']): Promise<T['$inferSelect']> {
  const [row] = (await db.insert(table).values(values as never).returning()) as T['$inferSelect'][];
  return row!;
}

let counter = 0;
const next = () => ++counter;

/** A valid (MOD11) organisation number that no real dataset uses: prefix 8. */
export function fakeOrgnr(): string {
  for (;;) {
    const first8 = String(80_000_000 + ((next() * 7919) % 9_999_999)).padStart(8, '0');
    const check = orgnrCheckDigit(first8);
    if (check !== undefined) return first8 + check;
  }
}

export async function createArea(db: Executor, over: Partial<typeof areas.$inferInsert> = {}) {
  const n = next();
  return insertRow(db, areas, { slug: `omrade-${n}`, name: { nb: `Område ${n}` }, description: { nb: 'Testområde' }, sortOrder: n, ...over });
}

export async function createAgency(db: Executor, over: Partial<typeof agencies.$inferInsert> = {}) {
  const n = next();
  return insertRow(db, agencies, { orgnr: fakeOrgnr(), kind: 'agency', name: { nb: `Testvirksomhet ${n}` }, employees: 100, factSource: 'illustrative', ...over });
}

/**
 * Agencies by a test's own names: `add('kd', {...})` creates one and keeps its organisation number in `orgnr.kd`,
 * for the rows that refer to it (`ministryOrgnr: orgnr.kd`).
 */
export function namedAgencies(db: Executor, orgnr: Record<string, string> = {}) {
  return {
    orgnr,
    add: async (key: string, over: Partial<typeof agencies.$inferInsert> = {}) => (orgnr[key] = (await createAgency(db, over)).orgnr),
  };
}

export async function createProvider(db: Executor, over: Partial<typeof providers.$inferInsert> = {}) {
  const n = next();
  return insertRow(db, providers, { slug: `leverandor-${n}`, name: { nb: `Leverandør ${n}` }, model: 'central', description: { nb: 'Testleverandør' }, ...over });
}

export async function createService(
  db: Executor,
  over: Partial<typeof services.$inferInsert> & { providerId: string; areaSlug: string },
) {
  const n = next();
  return insertRow(db, services, {
    slug: `tjeneste-${n}`,
    name: { nb: `Tjeneste ${n}` },
    summary: { nb: 'Kort om tjenesten' },
    description: { nb: 'Lengre beskrivelse' },
    model: 'central',
    targetGroup: 'all_state',
    ...over,
  });
}

export async function createTier(db: Executor, over: Partial<typeof tiers.$inferInsert> & { serviceId: string }) {
  const n = next();
  return insertRow(db, tiers, { slug: `niva-${n}`, name: { nb: `Nivå ${n}` }, ...over });
}

export async function createSubscription(db: Executor, over: Partial<typeof subscriptions.$inferInsert> & { agencyOrgnr: string; serviceId: string }) {
  return insertRow(db, subscriptions, { startedOn: '2020-01-01', ...over });
}

/** A planned (not yet opened) mandatory procurement of a demo provider, with the demo opt-out questionnaire. */
export async function createPlannedProcurement(db: Executor, providerSlug: string, title: string) {
  const [provider] = await db.select({ id: providers.id }).from(providers).where(eq(providers.slug, providerSlug));
  const [q] = await db.select({ id: questionnaires.id }).from(questionnaires).where(eq(questionnaires.slug, 'reservasjon-rammeavtale'));
  return insertRow(db, procurements, { providerId: provider!.id, title: { nb: title }, category: 'Test', description: { nb: `${title}.` }, obligation: 'mandatory', status: 'planned', questionnaireId: q!.id });
}

/** The first demo procurement in a given status, read through the public API (so a test names what it needs, not a title). */
export async function demoProcurementId(t: { app: { inject(o: { url: string }): Promise<{ json(): unknown }> } }, status: string): Promise<string> {
  const list = ((await t.app.inject({ url: '/api/v1/procurements' })).json() as { items: { id: string; status: string }[] }).items;
  const found = list.find((p) => p.status === status);
  if (!found) throw new Error(`the demo data has no procurement in status ${status}`);
  return found.id;
}

/** The demo procurement open for accession declarations (the travel-services consultation). */
export const demoConsultationId = (t: Parameters<typeof demoProcurementId>[0]): Promise<string> => demoProcurementId(t, 'consultation');

/**
 * The demo consultation for the enclosing describe block: looked up in its beforeAll (after the app's), so call
 * the getter in hooks and tests, not while the block is being declared.
 */
export function useDemoConsultation(t: Parameters<typeof demoProcurementId>[0]): () => string {
  let id = '';
  beforeAll(async () => {
    id = await demoConsultationId(t);
  });
  return () => id;
}
