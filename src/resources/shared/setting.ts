import type { SQL } from 'drizzle-orm';
import type { PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { recordAudit } from '../../db/audit.js';
import type { Executor } from '../../db/database.js';
import type { Actor } from '../../domain/actor.js';
import type { Capacity } from '../../domain/principal.js';

/** The row a setting belongs to, and how its audit event names the change. */
export interface SettingRow<T extends PgTable> {
  table: T;
  where: SQL;
  action: string;
  entityType: string;
  entityId: string;
}

/**
 * Changes one setting of one row (an agency's notice address, a provider's review switch) in the caller's
 * transaction, after the caller has read the current value: nothing when it is the same; else the value and the
 * row's updatedAt, with one audit event holding the setting before and after. Returns whether it changed.
 */
export async function changeSetting<T extends PgTable & { updatedAt: unknown }, K extends keyof T['$inferInsert'] & string>(
  tx: Executor,
  actor: Actor,
  capacity: Capacity,
  row: SettingRow<T>,
  field: K,
  before: T['$inferInsert'][K],
  after: T['$inferInsert'][K],
): Promise<boolean> {
  if (before === after) return false;
  await tx
    .update(row.table)
    .set({ [field]: after, updatedAt: actor.now } as PgUpdateSetSource<T>)
    .where(row.where);
  await recordAudit(tx, actor, capacity, { action: row.action, entityType: row.entityType, entityId: row.entityId, before: { [field]: before }, after: { [field]: after } });
  return true;
}
