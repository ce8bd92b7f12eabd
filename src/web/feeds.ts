/**
 * Atom (RFC 4287) and iCalendar (RFC 5545) text, built by hand: a few elements, escaped, no library needed to
 * write them (the tests parse them with real parsers). Pure.
 */
export interface AtomEntry {
  id: string;
  title: string;
  updated: Date;
  link: string;
  summary: string;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function atomFeed(o: { id: string; title: string; self: string; alternate: string; lang: string; updated: Date; entries: AtomEntry[] }): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xml(o.lang)}">`,
    `  <id>${xml(o.id)}</id>`,
    `  <title>${xml(o.title)}</title>`,
    `  <updated>${o.updated.toISOString()}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(o.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(o.alternate)}"/>`,
    '  <author><name>Fellestjenester</name></author>',
    ...o.entries.flatMap((e) => [
      '  <entry>',
      `    <id>${xml(e.id)}</id>`,
      `    <title>${xml(e.title)}</title>`,
      `    <updated>${e.updated.toISOString()}</updated>`,
      `    <link rel="alternate" type="text/html" href="${xml(e.link)}"/>`,
      `    <summary>${xml(e.summary)}</summary>`,
      '  </entry>',
    ]),
    '</feed>',
    '',
  ].join('\n');
}

export interface CalendarEvent {
  uid: string;
  summary: string;
  description: string;
  url: string;
  /** An instant (a deadline), or a whole Oslo day as yyyy-mm-dd. */
  start: Date | string;
  stamp: Date;
}

/** RFC 5545 text escaping, and lines folded at 75 octets. */
const icsText = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
const utc = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let chunk = '';
  for (const ch of line) {
    if (Buffer.byteLength(chunk + ch, 'utf8') > (parts.length ? 74 : 75)) {
      parts.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  parts.push(chunk);
  return parts.join('\r\n ');
}

export function icsCalendar(o: { name: string; events: CalendarEvent[] }): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Fellestjenester//Anskaffelser//NO', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${icsText(o.name)}`, 'X-WR-TIMEZONE:Europe/Oslo'];
  for (const e of o.events) {
    lines.push('BEGIN:VEVENT', `UID:${e.uid}`, `DTSTAMP:${utc(e.stamp)}`);
    if (typeof e.start === 'string') {
      const d = e.start.replace(/-/g, '');
      const next = new Date(Date.parse(`${e.start}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
      lines.push(`DTSTART;VALUE=DATE:${d}`, `DTEND;VALUE=DATE:${next}`);
    } else {
      lines.push(`DTSTART:${utc(e.start)}`, `DTEND:${utc(e.start)}`);
    }
    lines.push(`SUMMARY:${icsText(e.summary)}`, `DESCRIPTION:${icsText(e.description)}`, `URL:${e.url}`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}
