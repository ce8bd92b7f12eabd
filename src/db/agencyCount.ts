import { and, count, inArray, isNull } from 'drizzle-orm';
import { STATE_KINDS } from '../domain/eligibility.js';
import type { Executor } from './database.js';
import { agencies } from './schema/index.js';

/**
 * The one agency count the portal shows as "state agencies in the register": ministries, agencies and other state
 * bodies (STATE_KINDS, the statistics' default population) that are not deleted from the Central Coordinating
 * Register. The home page, the statistics overview and the start-up log all say this number; a page that counts
 * something else (a filtered population, every organisation loaded) says what it counts.
 */
export async function stateAgencyCount(db: Executor): Promise<number> {
  const [r] = await db
    .select({ n: count() })
    .from(agencies)
    .where(and(inArray(agencies.kind, [...STATE_KINDS]), isNull(agencies.deletedOn)));
  return Number(r?.n ?? 0);
}
