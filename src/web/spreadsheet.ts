import ExcelJS from 'exceljs';
import { type CellValue, spreadsheetCell } from '../domain/csv.js';

/**
 * An XLSX workbook with one sheet, every text cell made spreadsheet-safe (src/domain/csv.ts). Text is written as
 * text, never as a formula; the escaping also protects users who later save the sheet as CSV.
 */
export async function toXlsx(sheetName: string, rows: readonly (readonly CellValue[])[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  for (const row of rows) sheet.addRow(row.map((v) => (v === undefined ? null : spreadsheetCell(v))));
  if (rows.length) sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c) => (c.width = 24));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
