import { and, isNull, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/database.js';

/**
 * The standing row of a history table (a subscription not ended, a non-use not withdrawn, a membership not left)
 * that matches these conditions, locked until the caller's transaction ends; undefined for none. Rows are never
 * overwritten: a change ends the standing row and writes a new one, so at most one stands.
 */
export async function standingRowForUpdate<T extends PgTable>(tx: Executor, table: T, endedAt: PgColumn, ...where: SQL[]): Promise<T['$inferSelect'] | undefined> {
  const [row] = await tx
    .select()
    .from(table as PgTable)
    .where(and(...where, isNull(endedAt)))
    .for('update');
  return row as T['$inferSelect'] | undefined;
}
