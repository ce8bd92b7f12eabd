import { describe, expect, it } from 'vitest';
import { parseDate, parseUsageFile } from './parse.js';

describe('parseUsageFile (CSV)', () => {
  it('numbers lines as a spreadsheet would, with quoted line breaks and CRLF, skipping blank lines', async () => {
    const csv = 'orgnr;navn;tjeneste;tjenestemodell;fra\r\n974760673;"Brønnøysund\r\nregistrene";lonn;basis;2024-01-01\r\n\r\n991825827;"Digdir; ""direktoratet""";lonn;basis;2024-01-01\r\n';
    const parsed = await parseUsageFile(Buffer.from(csv));
    expect(parsed.hasHeader).toBe(true);
    expect(parsed.rows.map((r) => [r.line, r.cells.orgnr, r.cells.service])).toEqual([
      [2, '974760673', 'lonn'],
      [5, '991825827', 'lonn'],
    ]);
  });

  it('keeps formula-like cells as text and says which', async () => {
    const parsed = await parseUsageFile(Buffer.from("=1+1;@SUM(A1);-2;2024-01-01\n\t974760673;lonn;basis;+2024-01-01\n"));
    expect(parsed.hasHeader).toBe(false);
    expect(parsed.rows[0]!.cells).toMatchObject({ orgnr: '=1+1', service: '@SUM(A1)', tier: '-2' });
    expect(parsed.rows[0]!.formulaCells).toEqual(['orgnr', 'service', 'tier']);
    expect(parsed.rows[1]!.formulaCells).toEqual(['orgnr', 'from']);
  });
});

describe('parseDate', () => {
  it.each([
    ['2024-01-31', '2024-01-31'],
    ['31.01.2024', '2024-01-31'],
    ['1.2.2024', '2024-02-01'],
    ['2024-02-30', undefined],
    ['31.02.2024', undefined],
    ['2024/01/31', undefined],
    ['', undefined],
  ])('%s → %s', (text, expected) => expect(parseDate(text)).toBe(expected));
});
