/**
 * Spreadsheet formula injection (OWASP "CSV injection"), the one rule for every CSV and XLSX the portal writes or
 * reads. A text cell that starts with = + - @, a tab or a carriage return, or with the full-width ＝ ＋ － ＠ that
 * some spreadsheet programs normalise, is a formula to Excel and LibreOffice ("=cmd|' /C calc'!A0"). On the way out
 * such a cell gets a leading apostrophe and is shown as the text it is; on the way in (usage imports) it is flagged.
 * Numbers, dates and empty cells are values and never escaped. Pure.
 */

const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/** True when a text cell would be read as a formula by a spreadsheet program. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** A text cell made safe to open in a spreadsheet: a leading apostrophe when it looks like a formula. */
export function neutralize(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}
