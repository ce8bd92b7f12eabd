import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase, queryRows } from '../../src/db/database.js';
import { cached, dataVersion } from '../../src/db/readCache.js';
import { areas } from '../../src/db/schema/index.js';
import { fedVersion } from '../../src/db/versionFeed.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { testEngines } from '../support/engines.js';

/**
 * Issue 16: on PostgreSQL each app process keeps the data versions from LISTEN/NOTIFY (src/db/pgVersionFeed.ts): a
 * write through one handle (another process, another node) reaches the other's in-memory versions without a query.
 */
describe.runIf(testEngines().includes('postgres'))('data versions fed by LISTEN/NOTIFY on PostgreSQL', () => {
  let writer: TestDatabase;
  let reader: DatabaseHandle;
  let testUrl = '';
  beforeAll(async () => {
    writer = await createTestDatabase('postgres', 'demo');
    const [{ name }] = (await queryRows<{ name: string }>(writer.db, sql`select current_database() as name`)) as [{ name: string }];
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    testUrl = url.toString();
    reader = await openDatabase({ url: testUrl, poolSize: 2, versionFeed: true });
  });
  afterAll(async () => {
    await reader?.close();
    await writer?.close();
  });

  it('holds the versions in memory and follows another handle\'s commits', async () => {
    const before = fedVersion(reader.db, 'catalogue');
    expect(before).toBe(await dataVersion(writer.db, 'catalogue'));
    await writer.db.insert(areas).values({ slug: 'lytt-og-varsle', name: { nb: 'Lytt' }, description: { nb: 'Varslet versjon' } });
    const committed = await dataVersion(writer.db, 'catalogue');
    expect(committed).toBeGreaterThan(before!);
    for (let i = 0; i < 100 && fedVersion(reader.db, 'catalogue') !== committed; i++) await new Promise((r) => setTimeout(r, 10));
    expect(fedVersion(reader.db, 'catalogue')).toBe(committed);
    expect(await dataVersion(reader.db, 'catalogue')).toBe(committed);
  });

  it('the writing process reads the versions itself, not waiting for the notification', async () => {
    await reader.db.insert(areas).values({ slug: 'egen-skriving', name: { nb: 'Egen' }, description: { nb: 'Skrevet av leseren' } });
    await reader.syncVersions!();
    expect(fedVersion(reader.db, 'catalogue')).toBe(await dataVersion(writer.db, 'catalogue'));
  });

  it('a committed transaction is in the writing process\'s cache at once, though its notification has not arrived', async () => {
    const slugs = cached('area slugs (feed test)', async (db) => (await db.select({ slug: areas.slug }).from(areas)).map((a) => a.slug));
    expect(await slugs(reader.db)).not.toContain('holdt-tilbake');
    const release = reader.versionFeed!()!.holdNotifications();
    try {
      await reader.db.transaction(async (tx) => {
        await tx.insert(areas).values({ slug: 'holdt-tilbake', name: { nb: 'Holdt' }, description: { nb: 'Varselet er holdt tilbake' } });
      });
      expect(fedVersion(reader.db, 'catalogue')).toBe(await dataVersion(writer.db, 'catalogue'));
      expect(await slugs(reader.db)).toContain('holdt-tilbake');
    } finally {
      release();
    }
  });

  it('a read-only transaction reads no versions after it (it changed nothing)', async () => {
    const release = reader.versionFeed!()!.holdNotifications();
    try {
      await writer.db.insert(areas).values({ slug: 'skrevet-andre-steder', name: { nb: 'Andre' }, description: { nb: 'Skrevet av en annen prosess' } });
      const committed = await dataVersion(writer.db, 'catalogue');
      expect(fedVersion(reader.db, 'catalogue')).toBeLessThan(committed);
      await reader.db.transaction(async (tx) => tx.select().from(areas).limit(1), { accessMode: 'read only' });
      expect(fedVersion(reader.db, 'catalogue')).toBeLessThan(committed);
      await reader.db.transaction(async (tx) => tx.select().from(areas).limit(1));
      expect(fedVersion(reader.db, 'catalogue')).toBe(committed);
    } finally {
      release();
    }
  });

  it('falls back to reading the row when closed', async () => {
    const other = await openDatabase({ url: testUrl, poolSize: 1, versionFeed: true });
    expect(fedVersion(other.db, 'catalogue')).toBeTypeOf('number');
    await other.close();
    expect(fedVersion(other.db, 'catalogue')).toBeUndefined();
  });
});
