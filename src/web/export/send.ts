/**
 * Sends a table as a download: CSV (./csv.ts) or XLSX (./xlsx.ts), as an attachment named `<fileName>.<format>`.
 * Every CSV or XLSX the portal serves goes through here.
 */
import type { FastifyReply } from 'fastify';
import type { Language } from '../../domain/catalogue.js';
import { messages } from '../i18n/index.js';
import { CSV_TYPE, toCsv } from './csv.js';
import type { StatTable } from './table.js';
import { toXlsx, XLSX_TYPE } from './xlsx.js';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** "omrader.csv" → the table id and format; undefined for any other name. */
export function parseTableFile(file: string): { id: string; format: ExportFormat } | undefined {
  const m = /^([a-z0-9-]{1,80})\.(csv|xlsx)$/.exec(file);
  return m ? { id: m[1]!, format: m[2] as ExportFormat } : undefined;
}

export async function sendTable(reply: FastifyReply, table: StatTable, format: ExportFormat, lang: Language, fileName: string) {
  reply.header('content-disposition', `attachment; filename="${fileName}.${format}"`);
  reply.header('x-content-type-options', 'nosniff');
  if (format === 'csv') return reply.type(CSV_TYPE).send(toCsv(table, lang));
  return reply.type(XLSX_TYPE).send(await toXlsx([table], lang, { creator: messages[lang].site.name, title: table.title }));
}
