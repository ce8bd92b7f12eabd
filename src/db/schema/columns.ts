import { sql } from 'drizzle-orm';
import { customType, timestamp } from 'drizzle-orm/pg-core';

/** PostgreSQL `tsvector`, only ever written by generated columns. */
export const tsvector = customType<{ data: string }>({
  dataType() {
    return 'tsvector';
  },
});

/** created_at / updated_at, in every table that users change. */
export const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};

/** Nine digits; the MOD11 check runs in the application (src/domain/orgnr.ts) before anything is written. */
export const orgnrFormat = (column: string) => sql.raw(`${column} ~ '^[0-9]{9}$'`);
