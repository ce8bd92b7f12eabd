import { describe, expect, it } from 'vitest';
import { parseArrayLiteral, serializeColumns, splitColumns } from './batches.js';
import type { AgencyRow } from './record.js';

const row = (over: Partial<AgencyRow>): AgencyRow => ({
  orgnr: '974760673',
  name: 'Brønnøysundregistrene',
  kind: 'agency',
  orgForm: 'ORGL',
  sectorCode: '6100',
  parentOrgnr: null,
  employees: 500,
  employeesAsOf: '2025-02-12',
  municipalityNumber: '1813',
  municipalityName: 'Brønnøy',
  postalCode: '8900',
  city: 'Brønnøysund',
  website: null,
  email: null,
  phone: null,
  deletedOn: null,
  ...over,
});

describe('array literals for the batch upsert', () => {
  it('round-trips quotes, backslashes, commas, braces and NULL', () => {
    const rows = [row({}), row({ orgnr: '991825827', name: 'A "sitat", \\\\ {klammer} og NULL', website: 'NULL', employees: null })];
    const columns = serializeColumns(rows);
    expect(parseArrayLiteral(columns[0]!)).toEqual(['974760673', '991825827']);
    expect(parseArrayLiteral(columns[2]!)).toEqual(['Brønnøysundregistrene', 'A "sitat", \\\\ {klammer} og NULL']);
    expect(parseArrayLiteral(columns[4]!)).toEqual(['500', null]);
    expect(parseArrayLiteral(columns[12]!)).toEqual([null, 'NULL']);
    const split = splitColumns(columns);
    expect(split).toHaveLength(2);
    expect(parseArrayLiteral(split[1]![2]!)).toEqual(['A "sitat", \\\\ {klammer} og NULL']);
  });
});
