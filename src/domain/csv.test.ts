import { describe, expect, it } from 'vitest';
import { looksLikeFormula, spreadsheetCell, toCsv } from './csv.js';

describe('spreadsheet-safe export', () => {
  it.each([
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+47 22 00 00 00', "'+47 22 00 00 00"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['＝1+1', "'＝1+1"],
    ['Direktoratet for forvaltning', 'Direktoratet for forvaltning'],
    ['974760673', '974760673'],
  ])('%j → %j', (input, expected) => {
    expect(spreadsheetCell(input)).toBe(expected);
    expect(looksLikeFormula(input)).toBe(expected !== input);
  });

  it('leaves numbers, dates and empty cells as values', () => {
    expect(spreadsheetCell(-5)).toBe(-5);
    expect(spreadsheetCell(null)).toBe(null);
    expect(toCsv([[-5, new Date('2024-01-31T00:00:00Z'), null, true]], { bom: false })).toBe('-5;2024-01-31;;true\r\n');
  });

  it('writes CSV with a BOM, semicolons, CRLF and quoting, escaping formula cells', () => {
    const csv = toCsv([
      ['orgnr', 'navn'],
      ['974760673', 'Brønnøysund; "registrene"'],
      ['991825827', "=HYPERLINK(\"http://evil\",\"klikk\")"],
      ['986252932', ' innrykk'],
      ['972417807', 'linje 1\nlinje 2'],
    ]);
    expect(csv).toBe(
      '\ufefforgnr;navn\r\n974760673;"Brønnøysund; ""registrene"""\r\n991825827;"\'=HYPERLINK(""http://evil"",""klikk"")"\r\n986252932;" innrykk"\r\n972417807;"linje 1\nlinje 2"\r\n',
    );
    expect(toCsv([['a', 'b,c']], { separator: ',', bom: false })).toBe('a,"b,c"\r\n');
  });
});
