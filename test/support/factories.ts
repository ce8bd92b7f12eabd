import { orgnrCheckDigit } from '../../src/domain/orgnr.js';
import type { Executor } from '../../src/db/database.js';
import { agencies, areas, providers, services, subscriptions, tiers } from '../../src/db/schema/index.js';

/** One place to make test data (the Outline way). Every helper fills sensible defaults; override what matters. */

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
  const [row] = await db
    .insert(areas)
    .values({ slug: `omrade-${n}`, name: { nb: `Område ${n}` }, description: { nb: 'Testområde' }, sortOrder: n, ...over })
    .returning();
  return row!;
}

export async function createAgency(db: Executor, over: Partial<typeof agencies.$inferInsert> = {}) {
  const n = next();
  const [row] = await db
    .insert(agencies)
    .values({ orgnr: fakeOrgnr(), kind: 'agency', name: { nb: `Testvirksomhet ${n}` }, employees: 100, factSource: 'illustrative', ...over })
    .returning();
  return row!;
}

export async function createProvider(db: Executor, over: Partial<typeof providers.$inferInsert> = {}) {
  const n = next();
  const [row] = await db
    .insert(providers)
    .values({ slug: `leverandor-${n}`, name: { nb: `Leverandør ${n}` }, model: 'central', description: { nb: 'Testleverandør' }, ...over })
    .returning();
  return row!;
}

export async function createService(
  db: Executor,
  over: Partial<typeof services.$inferInsert> & { providerId: string; areaSlug: string },
) {
  const n = next();
  const [row] = await db
    .insert(services)
    .values({
      slug: `tjeneste-${n}`,
      name: { nb: `Tjeneste ${n}` },
      summary: { nb: 'Kort om tjenesten' },
      description: { nb: 'Lengre beskrivelse' },
      model: 'central',
      targetGroup: 'all_state',
      ...over,
    })
    .returning();
  return row!;
}

export async function createTier(db: Executor, over: Partial<typeof tiers.$inferInsert> & { serviceId: string }) {
  const n = next();
  const [row] = await db.insert(tiers).values({ slug: `niva-${n}`, name: { nb: `Nivå ${n}` }, ...over }).returning();
  return row!;
}

export async function createSubscription(db: Executor, over: Partial<typeof subscriptions.$inferInsert> & { agencyOrgnr: string; serviceId: string }) {
  const [row] = await db.insert(subscriptions).values({ startedOn: '2020-01-01', ...over }).returning();
  return row!;
}
