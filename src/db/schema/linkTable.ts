import { type ExtraConfigColumn, index, type PgColumnBuilderBase, pgTable, primaryKey } from 'drizzle-orm/pg-core';

/**
 * A many-to-many link between two tables (the areas of a network, the services of a survey, an agency's vote on an
 * idea): the first two columns are the required references and together the primary key, so a pair is linked once;
 * an index `<table>_<second>_idx` on the second serves lookups from that side (the primary key serves the first).
 * Further columns describe the link (when and by whom).
 */
export const linkTable = <TName extends string, TColumns extends Record<string, PgColumnBuilderBase>>(name: TName, columns: TColumns, second: string) =>
  pgTable(name, columns, (t) => {
    const [first, other] = Object.values(t) as [ExtraConfigColumn, ExtraConfigColumn];
    return [primaryKey({ columns: [first, other] }), index(`${name}_${second}_idx`).on(other)];
  });
