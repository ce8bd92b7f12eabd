/** Small file helpers shared by the demo-data generators: CSV parsing and the dataset's JSON layout. */
import { readFileSync, writeFileSync } from 'node:fs';

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, a leading BOM) into rows of strings. */
export function parseCsv(text: string, separator = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f !== ''));
}

/** CSV with a header line, as objects keyed by column name. */
export function readCsvObjects(path: string, separator = ','): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'), separator);
  if (!header) return [];
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/**
 * Writes an array of records one per line: diffs show one changed row per changed record, and the file stays
 * readable at thousands of rows. Keys keep the order the generator built them in.
 */
export function writeJsonLines(path: string, records: readonly object[]): void {
  const body = records.map((r) => '  ' + JSON.stringify(r)).join(',\n');
  writeFileSync(path, `[\n${body}\n]\n`);
}

/** Drops keys whose value is undefined, so generated rows carry only what is known. */
export function compact<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}
