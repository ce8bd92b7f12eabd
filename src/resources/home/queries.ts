import { count, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { agencies, providers, services } from '../../db/schema/index.js';

export async function catalogueFigures(db: Executor) {
  const [[s], [p], [a]] = await Promise.all([
    db.select({ n: count() }).from(services),
    db.select({ n: count() }).from(providers),
    db.select({ n: count() }).from(agencies).where(sql`${agencies.kind} <> 'municipality' and ${agencies.kind} <> 'county' and ${agencies.deletedOn} is null`),
  ]);
  return { services: s?.n ?? 0, providers: p?.n ?? 0, agencies: a?.n ?? 0 };
}
