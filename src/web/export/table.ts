/**
 * A table as data: the page renders it as HTML, and the same object is downloaded as CSV or XLSX, so what one sees
 * and what one downloads cannot differ. Every download of the portal (statistics, figures, declarations, customer
 * lists) is such a table, written by ./csv.ts or ./xlsx.ts and sent by ./send.ts. Percent cells hold fractions
 * (0.278); they are shown and exported as percentages. Date-time cells are instants, written in Oslo time.
 */
import type { Language, LocalizedText } from '../../domain/catalogue.js';
import { pickText } from '../../domain/catalogue.js';
import { toOsloLocal } from '../../domain/osloTime.js';

/** `integer` counts (thousands grouping), `number` measured values (decimals as they come). */
export type ColumnType = 'text' | 'integer' | 'number' | 'percent' | 'date' | 'datetime';

export interface Column {
  key: string;
  label: string;
  type: ColumnType;
}

/**
 * A cell: a number, text, an instant (Date, in `datetime` columns), localized text from the data, optionally a
 * link; null is "no value" (shown as –).
 */
export type Cell = string | number | Date | null | { text: LocalizedText | string; href?: string };

export interface StatTable {
  /** Stable id, used in download file names and addresses: "omrader", "virksomheter". */
  id: string;
  title: string;
  columns: Column[];
  rows: Cell[][];
  /** Says what the figures are (population, date); printed under the table and in the export. */
  note?: string;
}

/** A column of a table built from typed rows (see `tableOf`). */
export interface ColumnOf<T> extends Column {
  value: (row: T) => Cell | undefined;
}

/** A table from typed rows, one cell per column; an undefined value is an empty cell. */
export function tableOf<T>(head: Omit<StatTable, 'columns' | 'rows'>, columns: readonly ColumnOf<T>[], rows: readonly T[]): StatTable {
  return {
    ...head,
    columns: columns.map(({ key, label, type }) => ({ key, label, type })),
    rows: rows.map((r) => columns.map((c) => c.value(r) ?? null)),
  };
}

/** An instant as Oslo wall-clock time to the minute, the way spreadsheets read it: "2026-03-15 12:00". */
export function osloDateTimeText(at: Date): string {
  return toOsloLocal(at).replace('T', ' ');
}

/** The plain text of a cell in a language (links lose their address). */
export function cellText(cell: Cell, lang: Language): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'string') return cell;
  if (cell instanceof Date) return osloDateTimeText(cell);
  return typeof cell.text === 'string' ? cell.text : pickText(cell.text, lang).text;
}

/** A column's header in a download: percentages say so, since their cells are numbers of percent. */
export function headerLabel(c: Column): string {
  return c.type === 'percent' ? `${c.label} (%)` : c.label;
}

/** A file name part from a title: lower case, ASCII, hyphens. */
export function fileSlug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/æ/g, 'ae')
      .replace(/ø/g, 'o')
      .replace(/å/g, 'a')
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'tabell'
  );
}
