import { isUtf8 } from 'node:buffer';
import { parse as parseCsv } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { looksLikeFormula } from '../../domain/csv.js';
import { inflateEntries, storedZip, ZipProblem } from './unzip.js';

/**
 * A provider's customer list as rows, from CSV (UTF-8 with or without BOM, UTF-16 as Excel's "Unicode text",
 * or Windows-1252/Latin-1, which is detected and decoded; separators ; , or tab; quoted fields; CRLF) or XLSX (the
 * first sheet). Cells are text: a cell that looks like a formula is kept as the text it is, never evaluated, and
 * an XLSX formula is read as its formula text, not its cached result.
 */

export const MAX_FILE_BYTES = 2 * 1024 * 1024;
export const MAX_ROWS = 20_000;
/** XLSX is a zip: refuse one that unpacks to more than this (a zip bomb), counted while inflating. */
const MAX_XLSX_UNPACKED = 50 * 1024 * 1024;

export const COLUMNS = ['orgnr', 'service', 'tier', 'from', 'to'] as const;
export type Column = (typeof COLUMNS)[number];

export interface UsageRow {
  /** Line in the CSV file, or row number in the sheet (1-based, the header counts). */
  line: number;
  cells: Record<Column, string>;
  /** Columns whose cell looked like a formula (kept as text). */
  formulaCells: Column[];
}

export type FileProblemCode = 'empty' | 'tooLarge' | 'tooManyRows' | 'binary' | 'encoding' | 'columns' | 'xlsx' | 'turtle';

export class FileProblem extends Error {
  constructor(
    readonly code: FileProblemCode,
    readonly detail = '',
  ) {
    super(`${code}${detail ? `: ${detail}` : ''}`);
    this.name = 'FileProblem';
  }
}

export interface ParsedUsageFile {
  format: 'csv' | 'xlsx';
  /** How the text was decoded (CSV). */
  encoding?: 'UTF-8' | 'UTF-16' | 'Windows-1252';
  separator?: string;
  hasHeader: boolean;
  rows: UsageRow[];
}

const HEADER_ALIASES: Record<Column, string[]> = {
  orgnr: ['orgnr', 'organisasjonsnummer', 'orgnummer', 'organisationnumber', 'orgno', 'orgnumber'],
  service: ['tjeneste', 'teneste', 'service', 'tjenesteslug', 'serviceslug'],
  tier: ['tjenestemodell', 'tenestemodell', 'tier', 'niva', 'modell', 'tjenestenivå', 'nivå'],
  from: ['fra', 'fradato', 'frå', 'frådato', 'from', 'fromdate', 'start', 'startdato', 'startdate'],
  to: ['til', 'tildato', 'to', 'todate', 'slutt', 'sluttdato', 'end', 'enddate'],
};
const normalise = (h: string) => h.toLowerCase().replace(/[^a-z0-9æøå]/g, '');

function headerMap(cells: string[]): Partial<Record<Column, number>> | undefined {
  const map: Partial<Record<Column, number>> = {};
  cells.forEach((c, i) => {
    const n = normalise(c);
    for (const col of COLUMNS) if (map[col] === undefined && HEADER_ALIASES[col].includes(n)) map[col] = i;
  });
  return map.orgnr !== undefined || map.service !== undefined ? map : undefined;
}

const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

function decode(bytes: Buffer): { text: string; encoding: ParsedUsageFile['encoding'] } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16' };
  if (bytes.includes(0)) throw new FileProblem('binary');
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (isUtf8(body)) return { text: body.toString('utf8'), encoding: 'UTF-8' };
  // Not UTF-8: Norwegian Excel saves "CSV (semikolondelt)" as Windows-1252. Bytes it leaves undefined mean it is not.
  for (const b of body) if (CP1252_UNDEFINED.has(b)) throw new FileProblem('encoding');
  return { text: new TextDecoder('windows-1252').decode(body), encoding: 'Windows-1252' };
}

/** The separator of the first line: the most frequent of ; , tab outside quotes (semicolon on a tie). */
function detectSeparator(text: string): string {
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const counts: Record<string, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]!++;
  }
  return (['\t', ';', ','] as const).reduce((best, s) => (counts[s]! > counts[best]! || (counts[s] === counts[best] && s === ';') ? s : best), ';' as string);
}

function toRows(table: { line: number; cells: string[] }[]): { hasHeader: boolean; rows: UsageRow[] } {
  const nonEmpty = table.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (nonEmpty.length === 0) throw new FileProblem('empty');
  const header = headerMap(nonEmpty[0]!.cells);
  // No known headings and a first cell that is a word, not a number: the columns are not ours.
  if (!header && /\p{L}/u.test(nonEmpty[0]!.cells[0] ?? '') && !looksLikeFormula(nonEmpty[0]!.cells[0] ?? '')) {
    throw new FileProblem('columns', 'organisasjonsnummer, tjeneste, fra');
  }
  const map: Partial<Record<Column, number>> = header ?? { orgnr: 0, service: 1, tier: 2, from: 3, to: 4 };
  const missing = (['orgnr', 'service', 'from'] as const).filter((c) => map[c] === undefined);
  if (missing.length) throw new FileProblem('columns', missing.join(', '));
  const data = header ? nonEmpty.slice(1) : nonEmpty;
  if (data.length > MAX_ROWS) throw new FileProblem('tooManyRows', String(MAX_ROWS));
  return {
    hasHeader: header !== undefined,
    rows: data.map(({ line, cells }) => {
      const row = {} as Record<Column, string>;
      const formulaCells: Column[] = [];
      for (const col of COLUMNS) {
        const i = map[col];
        const raw = i === undefined ? '' : (cells[i] ?? '');
        if (looksLikeFormula(raw)) formulaCells.push(col);
        row[col] = raw.trim();
      }
      return { line, cells: row, formulaCells };
    }),
  };
}

function parseCsvText(text: string): { line: number; cells: string[] }[] {
  const separator = detectSeparator(text);
  const records = parseCsv(text, {
    delimiter: separator,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    raw: true,
  }) as unknown as { record: string[]; raw: string }[];
  // Line numbers from the raw text (csv-parse's own count is off for a quoted field with CRLF inside).
  let line = 1;
  return records.map(({ record, raw }) => {
    const start = line;
    line += (raw.replace(/(\r\n|\r|\n)$/, '').match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
    return { line: start, cells: record };
  });
}

function cellText(value: ExcelJS.CellValue): { text: string; formula: boolean } {
  if (value === null || value === undefined) return { text: '', formula: false };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), formula: false };
  if (typeof value === 'string') return { text: value, formula: false };
  if (typeof value === 'number' || typeof value === 'boolean') return { text: String(value), formula: false };
  if ('formula' in value || 'sharedFormula' in value) {
    const f = (value as { formula?: string; sharedFormula?: string }).formula ?? (value as { sharedFormula?: string }).sharedFormula ?? '';
    return { text: `=${f}`, formula: true };
  }
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join(''), formula: false };
  if ('text' in value) return { text: String(value.text), formula: false };
  if ('error' in value) return { text: String(value.error), formula: false };
  return { text: '', formula: false };
}

async function parseXlsx(bytes: Buffer): Promise<{ line: number; cells: string[]; formulas: Set<number> }[]> {
  // Inflated here under a running cap, whatever the zip's directory claims (src/imports/usage/unzip.ts); the
  // parser only sees the stored result.
  let stored: Buffer;
  try {
    stored = storedZip(inflateEntries(bytes, MAX_XLSX_UNPACKED));
  } catch (e) {
    if (e instanceof ZipProblem && e.code === 'tooLarge') throw new FileProblem('tooLarge', `${MAX_XLSX_UNPACKED / 1024 / 1024} MB unpacked`);
    throw new FileProblem('xlsx');
  }
  // Loaded on the first spreadsheet, not at start (issue 16).
  const workbook = new (await import('exceljs')).default.Workbook();
  try {
    await workbook.xlsx.load(stored as unknown as ArrayBuffer);
  } catch {
    throw new FileProblem('xlsx');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new FileProblem('empty');
  const rows: { line: number; cells: string[]; formulas: Set<number> }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rows.length > MAX_ROWS + 1) return;
    const cells: string[] = [];
    const formulas = new Set<number>();
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const { text, formula } = cellText(cell.value);
      cells[col - 1] = text;
      if (formula) formulas.add(col - 1);
    });
    rows.push({ line: rowNumber, cells: Array.from(cells, (c) => c ?? ''), formulas });
  });
  return rows;
}

/** A spreadsheet as it is read: numbered lines of text cells (and, for XLSX, which cells held formulas). */
export interface RawTable {
  format: 'csv' | 'xlsx';
  encoding?: ParsedUsageFile['encoding'];
  separator?: string;
  lines: { line: number; cells: string[]; formulas?: Set<number> }[];
}

/** CSV or XLSX bytes as lines of cells, within the size limits; used by every spreadsheet upload. */
export async function readTable(bytes: Buffer): Promise<RawTable> {
  if (bytes.length === 0) throw new FileProblem('empty');
  if (bytes.length > MAX_FILE_BYTES) throw new FileProblem('tooLarge', `${MAX_FILE_BYTES / 1024 / 1024} MB`);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return { format: 'xlsx', lines: await parseXlsx(bytes) };
  const { text, encoding } = decode(bytes);
  return { format: 'csv', encoding, separator: detectSeparator(text), lines: parseCsvText(text) };
}

export async function parseUsageFile(bytes: Buffer): Promise<ParsedUsageFile> {
  const raw = await readTable(bytes);
  const parsed = toRows(raw.lines);
  if (raw.format === 'xlsx') {
    // A formula cell is flagged even when its text does not start with "=" (it always does here).
    for (const row of parsed.rows) {
      const source = raw.lines.find((t) => t.line === row.line);
      if (source?.formulas?.size) for (const col of COLUMNS) if (looksLikeFormula(row.cells[col]) && !row.formulaCells.includes(col)) row.formulaCells.push(col);
    }
    return { format: 'xlsx', ...parsed };
  }
  return { format: 'csv', encoding: raw.encoding, separator: raw.separator, ...parsed };
}

/** "2024-01-31", "31.01.2024" or "31.1.2024" → "2024-01-31"; undefined when it is not a real date. */
export function parseDate(text: string): string | undefined {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  let y: number, mo: number, d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text))) [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || y < 1900 || y > 2100) return undefined;
  return date.toISOString().slice(0, 10);
}
