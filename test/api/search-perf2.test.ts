import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '../../src/db/database.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { testEngines } from '../support/engines.js';
import { searchCatalogue } from '../../src/resources/services/queries.js';

/**
 * Issue 16, uncached search: the typo-tolerant match goes through catalogue_fuzzy_matches() (migration 0024), the
 * index-assisted `<%` operator, instead of computing word_similarity over every title. It must find exactly what
 * `word_similarity(q, search_title) >= 0.5` found, with the same strict whole-word similarity.
 */
describe.each(testEngines())('typo-tolerant title matches on %s (demo data)', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine, 'demo');
  });
  afterAll(async () => database?.close());

  it('the catalogue search indexes take entries directly: no pending list for every search to scan (migration 0030)', async () => {
    const rows = await queryRows<{ relname: string; reloptions: string[] | null }>(
      database.db,
      sql`select relname, reloptions from pg_class where relname in ('services_search_idx', 'services_title_trgm_idx', 'providers_search_idx', 'agencies_search_idx') order by relname`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.relname, r.reloptions ?? []]))).toEqual({
      agencies_search_idx: [],
      providers_search_idx: ['fastupdate=off'],
      services_search_idx: ['fastupdate=off'],
      services_title_trgm_idx: ['fastupdate=off'],
    });
  });

  const key = (rows: { q: string; id: string; similarity: number | string }[]) => rows.map((r) => `${r.q} ${r.id} ${Number(r.similarity).toFixed(6)}`).sort();

  it('finds the titles word_similarity ≥ 0.5 finds, with the same similarity, for typos, words of titles and noise', async () => {
    const db = database.db;
    const titles = await queryRows<{ t: string }>(db, sql`select search_title as t from services`);
    // Words of titles, with a typo and cut short; common queries; queries that find nothing or have no trigrams.
    const words = [...new Set(titles.flatMap((r) => r.t.split(/\s+/).filter((w) => w.length > 3)))].filter((_, i) => i % 12 === 0);
    const queries = [
      ...words,
      ...words.map((w) => w.slice(0, -1) + (w.endsWith('e') ? 'a' : 'e')),
      ...words.map((w) => w.slice(1)),
      'lønn 17', 'regnskp', 'lønnstjenster', 'lnn', 'sentralbord', 'e-post', 'regnskap og lønn', 'xyzzy', '!!!', 'ø', 'Innkjøp',
    ];
    expect(queries.length).toBeGreaterThan(50);
    const list = sql`unnest(array[${sql.join(queries.map((q) => sql`${q}`), sql`, `)}]::text[])`;
    const viaIndex = await queryRows<{ q: string; id: string; similarity: number }>(db, sql`select q, f.id, f.similarity from ${list} q, lateral catalogue_fuzzy_matches(fold_search(q)) f`);
    const byDefinition = await queryRows<{ q: string; id: string; similarity: number }>(
      db,
      sql`select q, s.id, strict_word_similarity(fold_search(q), s.search_title) as similarity from ${list} q, services s
           where word_similarity(fold_search(q), s.search_title) >= 0.5`,
    );
    expect(key(viaIndex)).toEqual(key(byDefinition));
    expect(new Set(viaIndex.map((r) => r.q)).size).toBeGreaterThan(queries.length / 2);
  });

  it('ranks every result as the single query before migration 0024 did (text rank, or whole-word similarity for a typo)', async () => {
    const db = database.db;
    for (const q of ['lønn', 'lonn', 'regnskp', 'arkiv', 'lønn 17', 'innkjop', 'e-post', 'sentralbord', 'lønnstjenster', 'Norsk Helsenett']) {
      // The former query, verbatim: every service with a text match or word_similarity ≥ 0.5, in one pass over all.
      const folded = sql`fold_search(${q})`;
      const tsq = sql`websearch_to_tsquery('norwegian', ${folded})`;
      const before = await queryRows<{ id: string; rank: number | string; fts: boolean; similarity: number | string }>(
        db,
        sql`select s.id,
                   (ts_rank(s.search_vector, ${tsq}) + 0.3 * ts_rank(p.search_vector, ${tsq}) + 0.2 * word_similarity(${folded}, s.search_title)
                     + case when strpos(s.search_title, ${folded}) = 1 then 0.8 when strpos(s.search_title, ${folded}) > 0 then 0.5 else 0 end) as rank,
                   (s.search_vector @@ ${tsq} or p.search_vector @@ ${tsq}) as fts,
                   strict_word_similarity(${folded}, s.search_title) as similarity
              from services s join providers p on p.id = s.provider_id
             where s.search_vector @@ ${tsq} or p.search_vector @@ ${tsq} or word_similarity(${folded}, s.search_title) >= 0.5`,
      );
      const expected = new Map(before.map((r) => [r.id, { rank: Number(r.fts ? r.rank : r.similarity), fuzzy: !r.fts }]));
      const result = await searchCatalogue(db, { q, filters: {}, sort: 'relevance', offset: 0, limit: 1000, lang: 'nb' });
      expect(result.total, q).toBeGreaterThan(0);
      for (const item of result.items) expect({ q, rank: item.rank, fuzzy: item.fuzzy }).toEqual({ q, ...expected.get(item.id) });
      // Text matches first: with any, no similarity match is shown.
      expect(result.fuzzy, q).toBe(before.every((r) => !r.fts));
    }
  });

  it('with the function’s settings, the planner takes the trigram index even on a catalogue this small', async () => {
    const [fn] = await queryRows<{ config: string[] }>(database.db, sql`select proconfig as config from pg_proc where proname = 'catalogue_fuzzy_matches'`);
    const plan = await database.db.transaction(async (tx) => {
      for (const setting of fn!.config) {
        const [name, value] = setting.split('=');
        await queryRows(tx, sql`select set_config(${name}, ${value}, true)`);
      }
      return queryRows<{ 'QUERY PLAN': string }>(tx, sql`explain select s.id from services s where 'lonn 17' <% s.search_title`);
    });
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('services_title_trgm_idx');
  });

  it('finds text matches through the search indexes, and looks for similar titles only when the text matched nothing (migration 0027)', async () => {
    const db = database.db;
    const [fn] = await queryRows<{ config: string[] }>(db, sql`select proconfig as config from pg_proc where proname = 'catalogue_search'`);
    expect(fn!.config).toContain('enable_seqscan=off');
    const plan = await db.transaction(async (tx) => {
      await queryRows(tx, sql`select set_config('enable_seqscan', 'off', true)`);
      const tsq = sql`websearch_to_tsquery('norwegian', fold_search('lønn 17'))`;
      return queryRows<{ 'QUERY PLAN': string }>(
        tx,
        sql`explain select s.id from services s join providers p on p.id = s.provider_id
             where s.id in (select m.id from services m where m.search_vector @@ ${tsq}
                            union all select m.id from services m where m.provider_id in (select pm.id from providers pm where pm.search_vector @@ ${tsq}))`,
      );
    });
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toContain('services_search_idx');
    expect(text).toContain('providers_search_idx');
    for (const q of ['lønn', 'arkiv', 'regnskp', 'lønnstjenster', 'lønn 17', 'xyzzy']) {
      const rows = await queryRows<{ fts: boolean }>(db, sql`select fts from catalogue_search(${q})`);
      const textRows = rows.filter((r) => r.fts).length;
      // Either text matches only, or (a typo) similar titles only.
      expect(textRows === 0 || textRows === rows.length, q).toBe(true);
    }
    expect((await queryRows<{ fts: boolean }>(db, sql`select fts from catalogue_search('lønn')`)).length).toBeGreaterThan(0);
    expect((await queryRows<{ fts: boolean }>(db, sql`select fts from catalogue_search('regnskp')`)).every((r) => !r.fts)).toBe(true);
  });
});
