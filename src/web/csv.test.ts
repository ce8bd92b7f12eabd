import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.js';

describe('CSV', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    for (const s of ['+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(s).replace(/^"/, '').startsWith("'")).toBe(true);
    expect(csvCell('Normal tekst')).toBe('Normal tekst');
  });

  it('quotes separators, quotes and line breaks, and writes a BOM and CRLF', () => {
    const csv = toCsv([{ header: 'Navn', value: (r: { n: string }) => r.n }, { header: 'Tall', value: () => 3 }], [{ n: 'a, "b"\nc' }]);
    expect(csv).toBe('\uFEFFNavn,Tall\r\n"a, ""b""\nc",3\r\n');
  });
});
