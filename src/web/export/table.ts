/**
 * A statistics table as data: the page renders it as HTML, and the same object is downloaded as CSV or XLSX, so
 * what one sees and what one downloads cannot differ. Percent cells hold fractions (0.278); they are shown and
 * exported as percentages.
 */
import type { Language, LocalizedText } from '../../domain/catalogue.js';
import { pickText } from '../../domain/catalogue.js';

export type ColumnType = 'text' | 'integer' | 'percent' | 'date';

export interface Column {
  key: string;
  label: string;
  type: ColumnType;
}

/** A cell: a number, text, localized text from the data, optionally a link; null is "no value" (shown as –). */
export type Cell = string | number | null | { text: LocalizedText | string; href?: string };

export interface StatTable {
  /** Stable id, used in download file names and addresses: "omrader", "virksomheter". */
  id: string;
  title: string;
  columns: Column[];
  rows: Cell[][];
  /** Says what the figures are (population, date); printed under the table and in the export. */
  note?: string;
}

/** The plain text of a cell in a language (links lose their address). */
export function cellText(cell: Cell, lang: Language): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'string') return cell;
  return typeof cell.text === 'string' ? cell.text : pickText(cell.text, lang).text;
}

/**
 * Spreadsheet formula injection: a text cell that starts with = + - @, a tab or a carriage return could run as a
 * formula when opened; a leading apostrophe makes it plain text.
 */
export function neutralize(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
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
