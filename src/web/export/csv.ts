/**
 * CSV the way Norwegian Excel opens it: UTF-8 with a byte-order mark, `;` between fields and a decimal comma for
 * bokmål and nynorsk (`,` and a decimal point in English), CRLF line ends, RFC 4180 quoting. Numbers are written
 * without thousands separators so they stay numbers; percentages as numbers of percent ("27,8") with "(%)" in the
 * header. Text cells are neutralized against formula injection.
 */
import type { Language } from '../../domain/catalogue.js';
import { cellText, type Column, neutralize, type StatTable } from './table.js';

export const CSV_BOM = '\uFEFF';

export function csvDialect(lang: Language): { separator: string; decimal: string } {
  return lang === 'en' ? { separator: ',', decimal: '.' } : { separator: ';', decimal: ',' };
}

function quote(field: string, separator: string): string {
  return /["\r\n]/.test(field) || field.includes(separator) ? `"${field.replace(/"/g, '""')}"` : field;
}

function numberText(n: number, decimal: string, digits: number): string {
  const s = Number.isInteger(n) && digits === 0 ? String(n) : n.toFixed(digits).replace(/\.?0+$/, '');
  return s.replace('.', decimal);
}

export function headerLabel(c: Column): string {
  return c.type === 'percent' ? `${c.label} (%)` : c.label;
}

export function toCsv(table: StatTable, lang: Language): string {
  const { separator, decimal } = csvDialect(lang);
  const lines = [table.columns.map((c) => quote(neutralize(headerLabel(c)), separator)).join(separator)];
  for (const row of table.rows) {
    lines.push(
      table.columns
        .map((c, i) => {
          const cell = row[i] ?? null;
          if (cell === null) return '';
          if (typeof cell === 'number') {
            if (c.type === 'percent') return numberText(cell * 100, decimal, 1);
            return numberText(cell, decimal, Number.isInteger(cell) ? 0 : 2);
          }
          return quote(neutralize(cellText(cell, lang)), separator);
        })
        .join(separator),
    );
  }
  return CSV_BOM + lines.join('\r\n') + '\r\n';
}
