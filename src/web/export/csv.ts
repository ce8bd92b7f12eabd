/**
 * CSV the way Norwegian Excel opens it, written by csv-stringify: UTF-8 with a byte-order mark, `;` between fields
 * and a decimal comma for bokmål and nynorsk (`,` and a decimal point in English), CRLF line ends, RFC 4180 quoting
 * (also of a field with leading or trailing spaces, which spreadsheets would trim). Numbers are written without
 * thousands separators so they stay numbers; percentages as numbers of percent ("27,8") with "(%)" in the header;
 * instants as Oslo time ("2026-03-15 12:00"). Text cells are neutralized against formula injection
 * (src/domain/csv.ts).
 */
import { stringify } from 'csv-stringify/sync';
import type { Language } from '../../domain/catalogue.js';
import { neutralize } from '../../domain/csv.js';
import { type Cell, cellText, type Column, headerLabel, type StatTable } from './table.js';

export const CSV_TYPE = 'text/csv; charset=utf-8';

export function csvDialect(lang: Language): { separator: ';' | ','; decimal: ',' | '.' } {
  return lang === 'en' ? { separator: ',', decimal: '.' } : { separator: ';', decimal: ',' };
}

/** Percentages to one decimal, measured values (`number`) to at most six, other fractions to two. */
function numberText(n: number, type: Column['type'], decimal: string): string {
  const s = type === 'percent' ? (n * 100).toFixed(1) : Number.isInteger(n) ? String(n) : n.toFixed(type === 'number' ? 6 : 2);
  return (s.includes('.') ? s.replace(/\.?0+$/, '') : s).replace('.', decimal);
}

function field(cell: Cell, column: Column, lang: Language, decimal: string): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return numberText(cell, column.type, decimal);
  return neutralize(cellText(cell, lang));
}

export function toCsv(table: StatTable, lang: Language): string {
  const { separator, decimal } = csvDialect(lang);
  const records = [table.columns.map((c) => neutralize(headerLabel(c))), ...table.rows.map((row) => table.columns.map((c, i) => field(row[i] ?? null, c, lang, decimal)))];
  return stringify(records, { delimiter: separator, record_delimiter: 'windows', quote_record_delimiter: true, bom: true, quoted_match: /^\s|\s$/ });
}
