import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, customType, date, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { FactSource } from '../../domain/catalogue.js';
import type { FollowUpState } from '../../domain/procurementLifecycle.js';

/**
 * Column shapes the tables share, so each table says only what is its own. They build exactly the columns the
 * migrations create (`npx drizzle-kit generate` reports no change).
 */

/** PostgreSQL `tsvector`, only ever written by generated columns. */
export const tsvector = customType<{ data: string }>({
  dataType() {
    return 'tsvector';
  },
});

/** A uuid primary key the database fills in. */
export const uuidId = () => uuid('id').primaryKey().defaultRandom();

/** A moment (timestamptz), read as a Date. */
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A calendar date, read as 'YYYY-MM-DD'. */
export const day = (name: string) => date(name, { mode: 'string' });

/** created_at / updated_at, in every table that users change. */
export const timestamps = {
  createdAt: instant('created_at').notNull().defaultNow(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
};

/** Where a row's facts come from (register, report, provider, agency …), with the table's usual source. */
export const factSource = (usual: FactSource) => text('fact_source').$type<FactSource>().notNull().default(usual);

/**
 * The provider's follow-up of an answer (an opt-out from a procurement, a non-use of a service): state, internal note,
 * when and by whom. Internal to the provider and DFØ.
 */
export const followUpColumns = () => ({
  followUp: text('follow_up').$type<FollowUpState>(),
  followUpNote: text('follow_up_note'),
  followUpAt: instant('follow_up_at'),
  followUpBy: text('follow_up_by'),
});

type OnDelete = 'restrict' | 'cascade';

/** A required link by uuid: `uuidRef('service_id', () => services.id, 'cascade')`. */
export const uuidRef = (name: string, target: () => AnyPgColumn, onDelete: OnDelete) => uuid(name).notNull().references(target, { onDelete });

/** A required link by text key (organisation number, slug). */
export const textRef = (name: string, target: () => AnyPgColumn, onDelete: OnDelete) => text(name).notNull().references(target, { onDelete });

/** Nine digits; the MOD11 check runs in the application (src/domain/orgnr.ts) before anything is written. */
export const orgnrFormat = (column: string) => sql.raw(`${column} ~ '^[0-9]{9}$'`);

/** The `<table>_orgnr_format` check on a table's agency_orgnr column. */
export const agencyOrgnrCheck = (table: string) => check(`${table}_orgnr_format`, orgnrFormat('agency_orgnr'));

const snakeCase = (camel: string) => camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const requiredInstant = (name: string) => instant(name).notNull();
const requiredText = (name: string) => text(name).notNull();
const optionalText = (name: string) => text(name);

/** `<prefix>At` and `<prefix>By` columns (`<prefix_snake>_at`, `<prefix_snake>_by`). */
type Acted<P extends string, At, By> = { [K in `${P}At`]: At } & { [K in `${P}By`]: By };

/** When and by whom something was done, both required: `...actedBy('recorded')` is recordedAt/recorded_at and recordedBy/recorded_by. */
export const actedBy = <P extends string>(prefix: P) =>
  ({
    [`${prefix}At`]: requiredInstant(`${snakeCase(prefix)}_at`),
    [`${prefix}By`]: requiredText(`${snakeCase(prefix)}_by`),
  }) as Acted<P, ReturnType<typeof requiredInstant>, ReturnType<typeof requiredText>>;

/** The same for something that may not have happened yet (both null until it does): `...actedByLater('answered')`. */
export const actedByLater = <P extends string>(prefix: P) =>
  ({
    [`${prefix}At`]: instant(`${snakeCase(prefix)}_at`),
    [`${prefix}By`]: optionalText(`${snakeCase(prefix)}_by`),
  }) as Acted<P, ReturnType<typeof instant>, ReturnType<typeof optionalText>>;
