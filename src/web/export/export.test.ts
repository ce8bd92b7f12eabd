import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { CSV_BOM, toCsv } from './csv.js';
import { neutralize, type StatTable } from './table.js';
import { toXlsx } from './xlsx.js';

const table: StatTable = {
  id: 'tiers',
  title: 'Tjenestemodeller: DFØ lønn',
  columns: [
    { key: 'tier', label: 'Tjenestemodell', type: 'text' },
    { key: 'n', label: 'Kunder', type: 'integer' },
    { key: 'share', label: 'Andel', type: 'percent' },
    { key: 'since', label: 'Fra', type: 'date' },
  ],
  rows: [
    ['Basis', 50, 50 / 180, '2004-01-01'],
    [{ text: { nb: 'Delservice', en: 'Partial service' }, href: '/x' }, 11, 11 / 180, null],
    ['=HYPERLINK("http://evil")', 1234567, 0.661, '2021-05-01'],
    ['Semikolon; og "sitat"', 0, null, null],
  ],
  note: 'Per 28. november 2026',
};

describe('formula injection', () => {
  it('prefixes text that a spreadsheet would run', () => {
    for (const s of ['=1+1', '+47', '-3', '@SUM(A1)', '\tx', '\rx']) expect(neutralize(s)).toBe(`'${s}`);
    for (const s of ['Lønn', '1,5', ' =x', '']) expect(neutralize(s)).toBe(s);
  });
});

describe('CSV', () => {
  it('opens in Norwegian Excel: BOM, semicolons, decimal comma, CRLF', () => {
    const csv = toCsv(table, 'nb');
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('Tjenestemodell;Kunder;Andel (%);Fra');
    expect(lines[1]).toBe('Basis;50;27,8;2004-01-01');
    expect(lines[2]).toBe('Delservice;11;6,1;');
    expect(lines[3]).toBe(`"'=HYPERLINK(""http://evil"")";1234567;66,1;2021-05-01`);
    expect(lines[4]).toBe('"Semikolon; og ""sitat""";0;;');
    expect(lines[5]).toBe('');
  });

  it('uses commas and a decimal point in English, and the English text of the data', () => {
    const lines = toCsv(table, 'en').slice(1).split('\r\n');
    expect(lines[1]).toBe('Basis,50,27.8,2004-01-01');
    expect(lines[2]).toBe('Partial service,11,6.1,');
    expect(lines[4]).toBe('"Semikolon; og ""sitat""",0,,');
  });
});

describe('XLSX', () => {
  it('writes numeric cells with number formats and neutralized text', async () => {
    const buf = await toXlsx([table, { ...table, id: 'b' }], 'nb', { creator: 'Fellestjenester', title: 'Test' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tjenestemodeller DFØ lønn', 'Tjenestemodeller DFØ lønn 2']);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, 'Tjenestemodell', 'Kunder', 'Andel', 'Fra']);
    expect(ws.getCell('B2').value).toBe(50);
    expect(ws.getCell('B2').numFmt).toBe('#,##0');
    expect(ws.getCell('C2').value).toBeCloseTo(0.2778, 4);
    expect(ws.getCell('C2').numFmt).toBe('0.0%');
    expect(ws.getCell('D2').value).toEqual(new Date('2004-01-01T00:00:00Z'));
    expect(ws.getCell('A3').value).toBe('Delservice');
    expect(ws.getCell('A4').value).toBe(`'=HYPERLINK("http://evil")`);
    expect(ws.getCell('A4').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('C5').value).toBeNull();
    expect(ws.getCell('A7').value).toBe('Per 28. november 2026');
  });
});
