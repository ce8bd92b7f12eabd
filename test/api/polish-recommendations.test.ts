import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.js';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { demoSessions, type Who } from '../support/sessions.js';

const LOTTSTIFT = '982391490';

interface Item {
  service: { slug: string };
  eligibility: string;
  mandatory: boolean;
  similar: { users: number; peers: number };
  reasons: { kind: string; text: string }[];
}

/** "Hva kan vi bruke?" suggests only what the agency may use and does not use, best-used first, each explained. */
describe.each(testEngines())('honest recommendations on %s (demo data)', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });
  let headers: Record<Who, Record<string, string>>;
  beforeAll(async () => {
    headers = await demoSessions(t.database.db);
  });

  /** Agencies that use a service with sub-services (DFØ payroll) or a sub-service: the cases the report tripped on. */
  const agenciesUsingTrees = () =>
    queryRows<{ orgnr: string }>(
      t.database.db,
      sql`select distinct x.agency_orgnr as orgnr from subscriptions x join services s on s.id = x.service_id
           where x.ended_on is null and (exists (select 1 from services c where c.parent_service_id = s.id) or s.parent_service_id is not null)
           order by 1 limit 6`,
    );

  it('never suggests what the agency uses, a part of it, or what it may not use; ranks by similar users', async () => {
    const orgnrs = [LOTTSTIFT, ...(await agenciesUsingTrees()).map((r) => r.orgnr)];
    expect(orgnrs.length).toBeGreaterThan(3);
    for (const orgnr of orgnrs) {
      const res = await t.app.inject({ url: `/api/v1/agencies/${orgnr}/recommendations` });
      expect(res.statusCode).toBe(200);
      const items = (res.json().areas as { items: Item[] }[]).flatMap((a) => a.items);
      const related = await queryRows<{ slug: string }>(
        t.database.db,
        sql`with recursive used as (select s.id from subscriptions x join services s on s.id = x.service_id where x.agency_orgnr = ${orgnr} and x.ended_on is null),
                 down as (select id from used union select c.id from services c join down d on c.parent_service_id = d.id),
                 up as (select id from used union select s.parent_service_id from services s join up u on s.id = u.id where s.parent_service_id is not null)
            select slug from services where id in (select id from down union select id from up)`,
      );
      const forbidden = new Set(related.map((r) => r.slug));
      for (const i of items) {
        expect(forbidden.has(i.service.slug), `${orgnr} ${i.service.slug}`).toBe(false);
        expect(i.eligibility).toBe('yes');
        expect(i.similar.users > 0 || i.mandatory, `${orgnr} ${i.service.slug}`).toBe(true);
        expect(i.reasons.map((r) => r.text).join(' ')).toMatch(/\S\.$/);
      }
      // Within an area, more similar users first.
      for (const a of res.json().areas as { items: Item[] }[]) {
        const users = a.items.map((i) => i.similar.users);
        expect(users).toEqual([...users].sort((x, y) => y - x));
      }
    }
  });

  it.each([
    ['', 'Ikke definert'],
    ['/nn', 'Ikkje definert'],
    ['/en', 'Not defined'],
  ])('the page (%s) shows no "not defined" tag and explains each suggestion in a sentence', async (prefix, tag) => {
    const res = await t.app.inject({ url: `${prefix}/virksomheter/${LOTTSTIFT}/hva-kan-vi-bruke` });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(tag);
    expect(res.body).not.toMatch(/0&nbsp;%|: 0 %/);
    expect(res.body).toMatch(/<p[^>]*class="[^"]*reasons[^"]*"[^>]*>[^<]+\.<\/p>/);
  });

  it('the agency’s own Min side links to its recommendations', async () => {
    const res = await t.app.inject({ url: `/min-side/virksomhet/${LOTTSTIFT}`, headers: headers.lise });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`href="/virksomheter/${LOTTSTIFT}/hva-kan-vi-bruke"`);
  });
});
