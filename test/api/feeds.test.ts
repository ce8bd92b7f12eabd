import ICAL from 'ical.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { testEngines } from '../support/engines.js';
import { useTestApp } from '../support/app.js';

/** Public feeds (issue 13): valid Atom and iCalendar, parsed with real parsers, cached per data version. */
describe.each(testEngines())('feeds on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' || name === 'link' });

  it('the services feed is well-formed Atom with entries linking to service pages; per area and provider it narrows', async () => {
    const r = await t.app.inject({ url: '/feeds/tjenester.atom' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/atom\+xml/);
    expect(XMLValidator.validate(r.body)).toBe(true);
    const feed = parser.parse(r.body).feed;
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.entry.length).toBeGreaterThan(5);
    for (const e of feed.entry) {
      expect(e.id).toBeTruthy();
      expect(Date.parse(e.updated)).not.toBeNaN();
      expect(e.link[0]['@_href']).toMatch(/^http:\/\/portal\.test\/tjenester\/[a-z0-9-]+$/);
    }
    const dfo = parser.parse((await t.app.inject({ url: '/feeds/tjenester.atom?leverandor=dfo' })).body).feed;
    expect(dfo.entry.length).toBeGreaterThan(0);
    expect(dfo.entry.length).toBeLessThan(feed.entry.length);
    expect((await t.app.inject({ url: '/feeds/tjenester.atom?leverandor=finnes-ikke' })).statusCode).toBe(404);
    const en = parser.parse((await t.app.inject({ url: '/en/feeds/tjenester.atom' })).body).feed;
    expect(en['@_xml:lang']).toBe('en');
  });

  it('is cached per data version: the same ETag until the data changes, 304 for a reader that has it', async () => {
    const a = await t.app.inject({ url: '/feeds/anskaffelser.atom' });
    expect(XMLValidator.validate(a.body)).toBe(true);
    const etag = a.headers.etag as string;
    expect((await t.app.inject({ url: '/feeds/anskaffelser.atom' })).headers.etag).toBe(etag);
    expect((await t.app.inject({ url: '/feeds/anskaffelser.atom', headers: { 'if-none-match': etag } })).statusCode).toBe(304);
  });

  it('the procurement calendar parses as iCalendar with a deadline event per consultation; one procurement has its own', async () => {
    const r = await t.app.inject({ url: '/feeds/anskaffelser.ics' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/calendar/);
    const cal = new ICAL.Component(ICAL.parse(r.body));
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const deadlines = events.filter((e) => e.uid.endsWith('-deadline@fellestjenester'));
    expect(deadlines.length).toBeGreaterThan(0);
    const list = (await t.app.inject({ url: '/api/v1/procurements' })).json().items as { id: string; consultationDeadline: string | null }[];
    const open = list.find((p) => p.consultationDeadline)!;
    const one = new ICAL.Component(ICAL.parse((await t.app.inject({ url: `/feeds/anskaffelser/${open.id}.ics` })).body));
    const ev = one.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)).find((e) => e.uid === `${open.id}-deadline@fellestjenester`)!;
    // iCalendar times are to the second.
    expect(ev.startDate.toJSDate().getTime()).toBe(Math.floor(Date.parse(open.consultationDeadline!) / 1000) * 1000);
    expect((await t.app.inject({ url: '/feeds/anskaffelser/00000000-0000-0000-0000-000000000000.ics' })).statusCode).toBe(404);
  });

  it('the pages link their feeds with <link rel="alternate">', async () => {
    const list = await t.app.inject({ url: '/anskaffelser' });
    expect(list.body).toContain('<link rel="alternate" type="application/atom+xml"');
    expect(list.body).toContain('href="/feeds/anskaffelser.ics"');
    expect((await t.app.inject({ url: '/tjenester' })).body).toContain('href="/feeds/tjenester.atom"');
  });
});
