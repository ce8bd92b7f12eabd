import { count } from 'drizzle-orm';
import { stateAgencyCount } from '../../db/agencyCount.js';
import type { Executor } from '../../db/database.js';
import { providers, services } from '../../db/schema/index.js';

export async function catalogueFigures(db: Executor) {
  const [[s], [p], a] = await Promise.all([
    db.select({ n: count() }).from(services),
    db.select({ n: count() }).from(providers),
    stateAgencyCount(db),
  ]);
  return { services: s?.n ?? 0, providers: p?.n ?? 0, agencies: a };
}
