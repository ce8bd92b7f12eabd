/**
 * Norwegian wall-clock time. Deadlines are typed as local time in Oslo ("2026-03-15T12:00") and stored as
 * instants; the offset (CET/CEST) is found with Intl, so no time-zone table is needed. Pure.
 */
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Oslo',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

const calendarDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' });

let lastMinute = NaN;
let lastDay = '';

/**
 * The calendar day in Oslo as yyyy-mm-dd (the register's dates are Norwegian calendar days). Oslo's day begins on a
 * whole minute of UTC (its offsets are whole hours), so the day found for an instant holds for the rest of its
 * minute: every request asks (the page cache's key), and Intl is asked once a minute.
 */
export function osloToday(now = new Date()): string {
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== lastMinute) {
    lastDay = calendarDay.format(now);
    lastMinute = minute;
  }
  return lastDay;
}

/** Oslo's offset from UTC in minutes at an instant (60 in winter, 120 in summer). */
export function osloOffsetMinutes(at: Date): number {
  const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** "2026-03-15T12:00" (Oslo) → the instant; undefined when the text is not such a time. */
export function parseOsloLocal(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return undefined;
  const naive = Date.UTC(y, mo - 1, d, h, mi);
  if (new Date(naive).getUTCDate() !== d) return undefined;
  // Two passes settle the offset around a change of daylight saving time.
  let at = new Date(naive - osloOffsetMinutes(new Date(naive)) * 60_000);
  at = new Date(naive - osloOffsetMinutes(at) * 60_000);
  return at;
}

/** The instant as Oslo local time for a datetime-local input: "2026-03-15T12:00". */
export function toOsloLocal(at: Date): string {
  const local = new Date(at.getTime() + osloOffsetMinutes(at) * 60_000);
  return local.toISOString().slice(0, 16);
}

/** The calendar date in Oslo at an instant, as yyyy-mm-dd. */
export function osloDate(at: Date): string {
  return toOsloLocal(at).slice(0, 10);
}

/** The instant a calendar day (yyyy-mm-dd) ends in Oslo: midnight starting the next day; undefined for no such day. */
export function osloDayEnd(day: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  const [y, mo, d] = m.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  const next = new Date(Date.UTC(y, mo - 1, d + 1)).toISOString().slice(0, 10);
  return parseOsloLocal(`${next}T00:00`);
}
