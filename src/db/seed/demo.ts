import { count } from 'drizzle-orm';
import type { Database } from '../database.js';
import { services } from '../schema/index.js';

export interface DemoLoadSummary {
  areas: number;
  agencies: number;
  providers: number;
  services: number;
  tiers: number;
  subscriptions: number;
}

/** Loads data/demo into an empty database (no services yet). Returns undefined if there was data already. */
export async function loadDemoDataIfEmpty(db: Database): Promise<DemoLoadSummary | undefined> {
  const [row] = await db.select({ n: count() }).from(services);
  if ((row?.n ?? 0) > 0) return undefined;
  return loadDemoData(db);
}

/** Placeholder until the demo dataset lands: loads nothing. */
export async function loadDemoData(_db: Database): Promise<DemoLoadSummary> {
  return { areas: 0, agencies: 0, providers: 0, services: 0, tiers: 0, subscriptions: 0 };
}
