import { type AgencyRow, mapRecord, type MapOptions } from './record.js';
import { type InputStats, readEnhetsregisteret } from './reader.js';

/**
 * From input bytes to batches of agency rows ready for the database: read, map, count what was refused or skipped,
 * drop earlier duplicates of an org number within a batch. Runs on the main thread or in the parse worker.
 */

export interface Rejection {
  /** 1-based record number in the file. */
  position: number;
  orgnr?: string | undefined;
  reason: string;
}

export interface Counters {
  records: number;
  rejected: number;
  skipped: number;
  /** The same org number again in one batch: the later record wins (across batches the later batch updates). */
  duplicates: number;
  rejections: Rejection[];
  rejectedByReason: Record<string, number>;
  skippedByReason: Record<string, number>;
}

export interface BatchRow {
  row: AgencyRow;
  position: number;
}

export const MAX_LISTED_REJECTIONS = 100;

export function emptyCounters(): Counters {
  return { records: 0, rejected: 0, skipped: 0, duplicates: 0, rejections: [], rejectedByReason: {}, skippedByReason: {} };
}

/** Groups reasons like "… (\"123\")" under their text without the value, so counts stay readable. */
const reasonKey = (reason: string) => reason.replace(/\s*\(.*\)$/, '');

export function countRejection(c: Counters, r: Rejection): void {
  c.rejected++;
  const key = reasonKey(r.reason);
  c.rejectedByReason[key] = (c.rejectedByReason[key] ?? 0) + 1;
  if (c.rejections.length < MAX_LISTED_REJECTIONS) c.rejections.push(r);
}

export async function* mapBatches(
  source: AsyncIterable<Uint8Array>,
  options: MapOptions & { batchSize: number },
  stats: InputStats,
  counters: Counters,
): AsyncGenerator<BatchRow[]> {
  let batch = new Map<string, BatchRow>();
  try {
    for await (const records of readEnhetsregisteret(source, stats)) {
      for (const { value, position } of records) {
        counters.records++;
        const mapped = mapRecord(value, options);
        if (!mapped.ok) {
          if (mapped.skipped) {
            counters.skipped++;
            const key = reasonKey(mapped.reason);
            counters.skippedByReason[key] = (counters.skippedByReason[key] ?? 0) + 1;
          } else {
            const raw = (value as { organisasjonsnummer?: unknown } | null)?.organisasjonsnummer;
            countRejection(counters, { position, orgnr: typeof raw === 'string' ? raw : undefined, reason: mapped.reason });
          }
          continue;
        }
        if (batch.has(mapped.row.orgnr)) {
          counters.duplicates++;
          batch.delete(mapped.row.orgnr);
        }
        batch.set(mapped.row.orgnr, { row: mapped.row, position });
        if (batch.size >= options.batchSize) {
          yield [...batch.values()];
          batch = new Map();
        }
      }
    }
  } catch (e) {
    // The records read before a fatal error are good: they are written before the error is reported.
    if (batch.size) yield [...batch.values()];
    throw e;
  }
  if (batch.size) yield [...batch.values()];
}

/** The columns of the upsert, in the order of the SQL in importer.ts. */
export const COLUMN_KEYS = [
  'orgnr',
  'kind',
  'name',
  'parentOrgnr',
  'employees',
  'employeesAsOf',
  'orgForm',
  'sectorCode',
  'municipalityNumber',
  'municipalityName',
  'postalCode',
  'city',
  'website',
  'email',
  'phone',
  'deletedOn',
] as const satisfies readonly (keyof AgencyRow)[];

const element = (v: string | number | null) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);

/** The elements of an array literal written by `serializeColumns` (strings, numbers as text, or null). */
export function parseArrayLiteral(literal: string): (string | null)[] {
  const out: (string | null)[] = [];
  const body = literal.slice(1, -1);
  for (let i = 0; i < body.length; ) {
    if (body[i] === '"') {
      let value = '';
      for (i++; body[i] !== '"'; i++) value += body[i] === '\\' ? body[++i] : body[i];
      out.push(value);
      i += 2; // the closing quote and the comma
    } else {
      const end = body.indexOf(',', i);
      const token = body.slice(i, end < 0 ? body.length : end);
      out.push(token === 'NULL' ? null : token);
      i = end < 0 ? body.length : end + 1;
    }
  }
  return out;
}

/** Splits a serialized batch into one serialized batch per row (for writing rows one by one). */
export function splitColumns(columns: string[]): string[][] {
  const parsed = columns.map(parseArrayLiteral);
  return parsed[0]!.map((_, i) => parsed.map((col) => `{${col[i] === null ? 'NULL' : `"${col[i]!.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`}}`));
}

/**
 * A batch as PostgreSQL array literals, one per column ('{"a","b",NULL}'): one text parameter each, whatever the
 * batch size, and cheap to pass between threads.
 */
export function serializeColumns(rows: readonly AgencyRow[]): string[] {
  return COLUMN_KEYS.map((k) => `{${rows.map((r) => element(r[k] as string | number | null)).join(',')}}`);
}
