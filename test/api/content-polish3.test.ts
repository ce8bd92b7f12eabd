import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.js';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';

/** The part of a page between an element with the id and the next section. */
const section = (html: string, id: string) => {
  const at = html.indexOf(`id="${id}"`);
  expect(at, id).toBeGreaterThan(-1);
  return html.slice(at, html.indexOf('</section>', at));
};

describe.each(testEngines())('what the pages say of missing content, and in which language, on %s (demo data)', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });
  let bare: string;
  let withUptime: { slug: string; uptime: number };
  let nbOnly: { orgnr: string; name: string };
  beforeAll(async () => {
    const db = t.database.db;
    // A published service with no service levels and nothing on price (not free, no financing note).
    const [b] = await queryRows<{ slug: string }>(
      db,
      sql`select slug from services where status <> 'draft' and service_levels = '{}'::jsonb and not ('free' = any(financing)) and financing_note is null order by slug limit 1`,
    );
    const [u] = await queryRows<{ slug: string; uptime: number }>(db, sql`select slug, (service_levels->>'uptimePercent')::float as uptime from services where service_levels ? 'uptimePercent' order by slug limit 1`);
    const [a] = await queryRows<{ orgnr: string; name: string }>(db, sql`select orgnr, name->>'nb' as name from agencies where coalesce(name->>'en', '') = '' order by orgnr limit 1`);
    bare = b!.slug;
    withUptime = u!;
    nbOnly = a!;
  });

  it.each([
    ['', 'Ikke oppgitt', 'Pris'],
    ['/nn', 'Ikkje oppgitt', 'Pris'],
    ['/en', 'Not stated', 'Price'],
  ])('a service page (%s) says plainly that service levels and price are not stated', async (prefix, notStated, price) => {
    const html = (await t.app.inject({ url: `${prefix}/tjenester/${bare}` })).body.replaceAll('<!-- -->', '');
    const levels = section(html, 'levels');
    expect(levels.split(notStated).length - 1).toBe(3);
    expect(section(html, 'financing')).toContain(`<strong>${price}:</strong> <span class="muted not-stated">${notStated}</span>`);
  });

  it('a stated level is shown, not called missing', async () => {
    const levels = section((await t.app.inject({ url: `/tjenester/${withUptime.slug}` })).body, 'levels');
    expect(levels).toMatch(new RegExp(`${String(withUptime.uptime).replace('.', ',')}\\s?%`));
    expect(levels.split('Ikke oppgitt').length - 1).toBeLessThan(3);
  });

  it('an English page marks data that falls back to bokmål as lang="nb", and only that', async () => {
    const en = (await t.app.inject({ url: `/en/virksomheter/${nbOnly.orgnr}` })).body;
    expect(en).toContain('<html lang="en"');
    expect(en).toMatch(new RegExp(`<h1[^>]*lang="nb"[^>]*>${nbOnly.name}</h1>`));
    expect(en).toMatch(new RegExp(`<span aria-current="page" lang="nb">${nbOnly.name}</span>`));
    const nb = (await t.app.inject({ url: `/virksomheter/${nbOnly.orgnr}` })).body;
    expect(nb).toMatch(new RegExp(`<h1[^>]*>${nbOnly.name}</h1>`));
    expect(nb).not.toMatch(/<h1[^>]*lang=/);
    // A translated name carries no mark on the English page.
    const service = (await t.app.inject({ url: `/en/tjenester/${withUptime.slug}` })).body;
    expect(service).not.toMatch(/<h1[^>]*lang=/);
  });
});
