import type { BuildExtraConfigColumns } from 'drizzle-orm';
import { index, type PgColumnBuilderBase, pgTable, type PgTableExtraConfigValue } from 'drizzle-orm/pg-core';
import { agencies } from './catalogue.js';
import { agencyOrgnrCheck, textRef, uuidId } from './columns.js';

/**
 * The agency a row belongs to, by organisation number (`agency_orgnr`, required). Restrict by default: an agency
 * with answers, requests or history is never deleted from under them.
 */
export const agencyRef = (onDelete: 'restrict' | 'cascade' = 'restrict') => textRef('agency_orgnr', () => agencies.orgnr, onDelete);

/**
 * A table of rows an agency owns (its memberships, needs, answers, requests, baselines): a uuid `id`, the agency
 * (`agency_orgnr`, restrict), the organisation number's format check `<table>_orgnr_format` and an index
 * `<table>_agency_idx` for "everything of this agency". `columns` and `extra` add what is the table's own.
 */
export const agencyTable = <TName extends string, TColumns extends Record<string, PgColumnBuilderBase>>(
  name: TName,
  columns: TColumns,
  extra: (t: BuildExtraConfigColumns<TName, TColumns & AgencyColumns, 'pg'>) => PgTableExtraConfigValue[],
) =>
  pgTable(name, { ...agencyColumns(), ...columns }, (t) => [
    ...extra(t),
    index(`${name}_agency_idx`).on(t.agencyOrgnr),
    agencyOrgnrCheck(name),
  ]);

const agencyColumns = () => ({ id: uuidId(), agencyOrgnr: agencyRef() });
type AgencyColumns = ReturnType<typeof agencyColumns>;
