import { describe, expect, it } from 'vitest';
import { forSearch, queryRows, SEARCH_APPLICATION_NAME, sql } from '../../src/db/database.js';
import { searchCatalogue } from '../../src/resources/services/queries.js';
import { createTestDatabase } from '../support/db.js';
import { testEngines } from '../support/engines.js';

const search = (db: Parameters<typeof searchCatalogue>[0], q: string) => searchCatalogue(db, { q, filters: {}, sort: 'relevance', limit: 20, offset: 0, lang: 'nb' });

/** Issue 16: the catalogue search runs on a pool of its own on PostgreSQL (src/db/database.ts forSearch). */
describe.runIf(testEngines().includes('postgres'))('the search pool on postgres', () => {
  it('runs the catalogue search on its own connection, named for it, and finds what the main pool finds', async () => {
    const database = await createTestDatabase('postgres', 'demo', { searchPoolSize: 1 });
    const plain = await createTestDatabase('postgres', 'demo');
    try {
      expect(forSearch(database.db)).not.toBe(database.db);
      expect(forSearch(plain.db)).toBe(plain.db);
      const viaSearchPool = await search(database.db, 'lønn');
      expect(viaSearchPool.total).toBeGreaterThan(0);
      expect(viaSearchPool.items.map((i) => i.slug)).toEqual((await search(plain.db, 'lønn')).items.map((i) => i.slug));
      const connections = await queryRows<{ query: string }>(
        database.db,
        sql`select query from pg_stat_activity where datname = current_database() and application_name = ${SEARCH_APPLICATION_NAME}`,
      );
      expect(connections).toHaveLength(1);
      expect(connections[0]!.query).toContain('catalogue_search');
      // Inside a transaction the search reads through the transaction, which sees its own writes.
      await database.db.transaction(async (tx) => {
        expect(forSearch(tx)).toBe(tx);
      });
    } finally {
      await Promise.all([database.close(), plain.close()]);
    }
  });
});
