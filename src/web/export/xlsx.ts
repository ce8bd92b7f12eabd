/**
 * XLSX with exceljs: one sheet per table, a bold header row that stays in view, real numeric cells with number
 * formats (thousands grouping for counts, one decimal for percentages, which Excel shows with the reader's decimal
 * separator), dates and Oslo times as dates, and the table's note under it. Text cells are written as strings, never
 * as formulas, and neutralized against formula injection (src/domain/csv.ts), which also protects users who later
 * save the sheet as CSV.
 */
import type { Language } from '../../domain/catalogue.js';
import { neutralize } from '../../domain/csv.js';
import { toOsloLocal } from '../../domain/osloTime.js';
import { type Cell, cellText, type Column, headerLabel, type StatTable } from './table.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const NUMBER_FORMATS: Partial<Record<Column['type'], string>> = { integer: '#,##0', percent: '0.0%', date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm' };

/** Excel sheet names: at most 31 characters, none of []:*?/\ and unique in the workbook. */
function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 28) || 'Tabell';
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base} ${i}`;
  used.add(name.toLowerCase());
  return name;
}

/** A cell's value in the sheet: numbers and dates as values; Excel has no time zones, so an instant is Oslo wall-clock time. */
function value(cell: Cell, column: Column, lang: Language): string | number | Date | null {
  if (cell === null) return null;
  if (typeof cell === 'number') return cell;
  if (cell instanceof Date) return new Date(`${toOsloLocal(cell)}:00Z`);
  const text = cellText(cell, lang);
  if (column.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(text)) return new Date(`${text}T00:00:00Z`);
  return neutralize(text);
}

export async function toXlsx(tables: readonly StatTable[], lang: Language, meta: { creator: string; title: string }): Promise<Buffer> {
  // Loaded on the first download, not at start (issue 16).
  const wb = new (await import('exceljs')).default.Workbook();
  wb.creator = meta.creator;
  wb.title = meta.title;
  wb.created = new Date(0);
  const used = new Set<string>();
  for (const table of tables) {
    const ws = wb.addWorksheet(sheetName(table.title, used), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = table.columns.map((c) => {
      const numFmt = NUMBER_FORMATS[c.type];
      return { header: neutralize(c.label), key: c.key, width: Math.min(60, Math.max(12, headerLabel(c).length + 2)), style: numFmt ? { numFmt } : {} };
    });
    ws.getRow(1).font = { bold: true };
    for (const row of table.rows) ws.addRow(table.columns.map((c, i) => value(row[i] ?? null, c, lang)));
    if (table.note) {
      ws.addRow([]);
      ws.addRow([neutralize(table.note)]).font = { italic: true };
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
