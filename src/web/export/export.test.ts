import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../domain/catalogue.js';
import { csvDialect, toCsv } from './csv.js';
import { parseTableFile } from './send.js';
import { type StatTable, tableOf } from './table.js';
import { toXlsx } from './xlsx.js';

const BOM = '\uFEFF';

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

/** Text and instants (Oslo time: CET in January, CEST in July), built from typed rows. */
const timed = tableOf<{ text: string; at: Date | null }>(
  { id: 't', title: 'T' },
  [
    { key: 'text', label: 'Tekst', type: 'text', value: (r) => r.text },
    { key: 'at', label: 'Tid', type: 'datetime', value: (r) => r.at },
  ],
  [
    { text: 'linje 1\nlinje 2', at: new Date('2026-01-15T11:05:00Z') },
    { text: ' innrykk', at: new Date('2026-07-01T22:30:00Z') },
    { text: 'slutt ', at: null },
    { text: '974760673', at: null },
  ],
);

const lines = (csv: string) => csv.slice(1).split('\r\n');
async function sheetOf(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as never);
  return wb;
}

/** Every start of a cell that a spreadsheet would run, with the full-width forms. */
const DANGEROUS = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

describe('the delimiter and decimal mark follow the language', () => {
  it.each([
    ['nb', ';', ','],
    ['nn', ';', ','],
    ['en', ',', '.'],
  ] as [Language, string, string][])('%s: "%s" between fields, "%s" before decimals', (lang, separator, decimal) => {
    expect(csvDialect(lang)).toEqual({ separator, decimal });
    const csv = toCsv({ id: 'x', title: 'x', columns: [{ key: 'a', label: 'A', type: 'text' }, { key: 'b', label: 'B', type: 'number' }], rows: [['x', 2.5]] }, lang);
    expect(csv).toBe(`${BOM}A${separator}B\r\nx${separator}2${decimal}5\r\n`);
  });
});

describe('formula injection is neutralised in every download', () => {
  const dangerous: StatTable = {
    id: 'd',
    title: 'Farlig',
    columns: table.columns.slice(0, 2),
    rows: DANGEROUS.map((p) => [`${p}1+1`, -5]),
  };

  it.each(DANGEROUS.map((p) => [JSON.stringify(p), p]))('CSV: a text cell starting with %s gets an apostrophe; a negative number stays a number', (_name, prefix) => {
    for (const lang of ['nb', 'en'] as const) {
      const { separator } = csvDialect(lang);
      const row = lines(toCsv(dangerous, lang))[1 + DANGEROUS.indexOf(prefix!)]!;
      const quoted = /[\r\n]/.test(prefix!);
      expect(row).toBe(quoted ? `"'${prefix}1+1"${separator}-5` : `'${prefix}1+1${separator}-5`);
    }
  });

  it('XLSX: every such cell is an apostrophe-prefixed string, never a formula', async () => {
    const ws = (await sheetOf(await toXlsx([dangerous], 'nb', { creator: 'Fellestjenester', title: 'Test' }))).worksheets[0]!;
    DANGEROUS.forEach((p, i) => {
      const cell = ws.getCell(`A${i + 2}`);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      // XML reads a carriage return back as a line feed; the apostrophe is what counts.
      expect(cell.value).toBe(`'${p.replace('\r', '\n')}1+1`);
      expect(ws.getCell(`B${i + 2}`).value).toBe(-5);
    });
  });

  it('headers and notes too', async () => {
    const t: StatTable = { id: 'h', title: 'H', columns: [{ key: 'a', label: '=A', type: 'text' }], rows: [], note: '@note' };
    expect(toCsv(t, 'nb')).toBe(`${BOM}'=A\r\n`);
    const ws = (await sheetOf(await toXlsx([t], 'nb', { creator: 'x', title: 'x' }))).worksheets[0]!;
    expect(ws.getCell('A1').value).toBe("'=A");
    expect(ws.getCell('A3').value).toBe("'@note");
  });
});

describe('CSV', () => {
  it('opens in Norwegian Excel: BOM, semicolons, decimal comma, CRLF', () => {
    const csv = toCsv(table, 'nb');
    expect(csv.startsWith(BOM)).toBe(true);
    const l = lines(csv);
    expect(l[0]).toBe('Tjenestemodell;Kunder;Andel (%);Fra');
    expect(l[1]).toBe('Basis;50;27,8;2004-01-01');
    expect(l[2]).toBe('Delservice;11;6,1;');
    expect(l[3]).toBe(`"'=HYPERLINK(""http://evil"")";1234567;66,1;2021-05-01`);
    expect(l[4]).toBe('"Semikolon; og ""sitat""";0;;');
    expect(l[5]).toBe('');
  });

  it('uses commas and a decimal point in English, and the English text of the data', () => {
    const l = lines(toCsv(table, 'en'));
    expect(l[1]).toBe('Basis,50,27.8,2004-01-01');
    expect(l[2]).toBe('Partial service,11,6.1,');
    expect(l[4]).toBe('"Semikolon; og ""sitat""",0,,');
  });

  it('quotes line breaks and leading or trailing spaces, and writes instants in Oslo time', () => {
    expect(toCsv(timed, 'nb')).toBe(`${BOM}Tekst;Tid\r\n"linje 1\nlinje 2";2026-01-15 12:05\r\n" innrykk";2026-07-02 00:30\r\n"slutt ";\r\n974760673;\r\n`);
  });
});

describe('XLSX', () => {
  it('writes numeric cells with number formats and neutralized text', async () => {
    const wb = await sheetOf(await toXlsx([table, { ...table, id: 'b' }], 'nb', { creator: 'Fellestjenester', title: 'Test' }));
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

  it('writes instants as Oslo wall-clock date-times and keeps number-like text as text', async () => {
    const ws = (await sheetOf(await toXlsx([timed], 'nb', { creator: 'x', title: 'x' }))).worksheets[0]!;
    expect(ws.getCell('A5').value).toBe('974760673');
    expect(ws.getCell('B3').value).toEqual(new Date('2026-07-02T00:30:00Z'));
    expect(ws.getCell('B3').numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(ws.getCell('B5').value).toBeNull();
  });
});

describe('download file names', () => {
  it('are a table id and a format', () => {
    expect(parseTableFile('omrader.csv')).toEqual({ id: 'omrader', format: 'csv' });
    expect(parseTableFile('gevinst-1f2e.xlsx')).toEqual({ id: 'gevinst-1f2e', format: 'xlsx' });
    for (const bad of ['omrader.pdf', 'Omrader.csv', '../x.csv', '.csv']) expect(parseTableFile(bad)).toBeUndefined();
  });
});
