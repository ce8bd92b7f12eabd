/**
 * XLSX with exceljs: one sheet per table, a bold header row that stays in view, real numeric cells with number
 * formats (thousands grouping for counts, one decimal for percentages, which Excel shows with the reader's decimal
 * separator), dates as dates, and the table's note under it. Text cells are neutralized against formula injection.
 */
import ExcelJS from 'exceljs';
import type { Language } from '../../domain/catalogue.js';
import { headerLabel } from './csv.js';
import { cellText, neutralize, type StatTable } from './table.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const NUMBER_FORMATS = { integer: '#,##0', percent: '0.0%', date: 'yyyy-mm-dd' } as const;

/** Excel sheet names: at most 31 characters, none of []:*?/\ and unique in the workbook. */
function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 28) || 'Tabell';
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base} ${i}`;
  used.add(name.toLowerCase());
  return name;
}

export async function toXlsx(tables: readonly StatTable[], lang: Language, meta: { creator: string; title: string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = meta.creator;
  wb.title = meta.title;
  wb.created = new Date(0);
  const used = new Set<string>();
  for (const table of tables) {
    const ws = wb.addWorksheet(sheetName(table.title, used), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = table.columns.map((c) => ({
      header: neutralize(headerLabel(c).replace(' (%)', '')),
      key: c.key,
      width: Math.min(60, Math.max(12, headerLabel(c).length + 2)),
      style: c.type === 'text' ? {} : { numFmt: NUMBER_FORMATS[c.type] },
    }));
    ws.getRow(1).font = { bold: true };
    for (const row of table.rows) {
      ws.addRow(
        table.columns.map((c, i) => {
          const cell = row[i] ?? null;
          if (cell === null) return null;
          if (typeof cell === 'number') return cell;
          const text = cellText(cell, lang);
          if (c.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(text)) return new Date(`${text}T00:00:00Z`);
          return neutralize(text);
        }),
      );
    }
    if (table.note) {
      ws.addRow([]);
      ws.addRow([neutralize(table.note)]).font = { italic: true };
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
