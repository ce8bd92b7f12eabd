/**
 * Spreadsheet-safe export. Every CSV or XLSX the portal writes goes through `spreadsheetCell`: a text cell that
 * starts with = + - @, a tab or a carriage return (or their full-width forms) is a formula to Excel and LibreOffice
 * ("=cmd|' /C calc'!A0"), so it gets a leading apostrophe and is shown as text. Numbers, dates and booleans are
 * written as values, never escaped. (OWASP: CSV injection.)
 */

const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

export type CellValue = string | number | boolean | Date | null | undefined;

/** True when a text cell would be read as a formula by a spreadsheet program. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** A text cell made safe to open in a spreadsheet; other values unchanged. */
export function spreadsheetCell<T extends CellValue>(value: T): T | string {
  if (typeof value !== 'string') return value;
  return looksLikeFormula(value) ? `'${value}` : value;
}

export interface CsvOptions {
  /** Norwegian Excel expects semicolons; the default. */
  separator?: ';' | ',' | '\t';
  /** A UTF-8 byte-order mark, so Excel reads æ, ø, å right. Default true. */
  bom?: boolean;
}

function csvField(value: CellValue, separator: string): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(spreadsheetCell(value));
  return text.includes(separator) || /["\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows (the first is usually the header) as CSV text, CRLF line ends, every cell made spreadsheet-safe. */
export function toCsv(rows: readonly (readonly CellValue[])[], options: CsvOptions = {}): string {
  const separator = options.separator ?? ';';
  const body = rows.map((r) => r.map((v) => csvField(v, separator)).join(separator)).join('\r\n') + '\r\n';
  return (options.bom ?? true ? '\ufeff' : '') + body;
}
