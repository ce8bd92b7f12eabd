import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, hash } from '../../src/auth/sessions.js';
import { queryRows } from '../../src/db/database.js';
import { type DataDomain, dataVersion } from '../../src/db/readCache.js';
import { procurements, sessions, users } from '../../src/db/schema/index.js';
import { fedVersion } from '../../src/db/versionFeed.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { testEngines } from '../support/engines.js';

const DOMAINS: DataDomain[] = ['catalogue', 'acts', 'procurements', 'auth'];

/** Migration 0012's triggers and NOTIFY, and the in-memory versions PGlite keeps from them (src/db/versionFeed.ts). */
describe.each(testEngines())('data versions on %s', (engine) => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await createTestDatabase(engine, 'demo');
  });
  afterAll(async () => d?.close());

  const rows = async () => Object.fromEntries((await queryRows<{ name: string; version: string | number }>(d.db, sql`select name, version from data_versions`)).map((r) => [r.name, Number(r.version)]));
  const versions = async () => Object.fromEntries(await Promise.all(DOMAINS.map(async (n) => [n, await dataVersion(d.db, n)] as const))) as Record<DataDomain, number>;

  it('reads the same versions as the rows, from memory on PGlite only', async () => {
    expect(await versions()).toEqual(Object.fromEntries(DOMAINS.map((n) => [n, expect.any(Number)])));
    const r = await rows();
    expect(await versions()).toEqual(Object.fromEntries(DOMAINS.map((n) => [n, r[n]])));
    for (const n of DOMAINS) expect(fedVersion(d.db, n)).toBe(engine === 'pglite' ? r[n] : undefined);
  });

  it('bumps acts and procurements for a procurement change, once committed, and nothing on a rollback', async () => {
    const before = await versions();
    await d.db.transaction(async (tx) => {
      await tx.update(procurements).set({ updatedAt: new Date() });
      await tx.update(procurements).set({ updatedAt: new Date() });
    });
    const after = await versions();
    // Once per transaction, at its commit (migration 0028), however many statements it ran.
    expect(after).toEqual({ ...before, acts: before.acts + 1, procurements: before.procurements + 1 });
    expect(after).toEqual(await rows().then((r) => Object.fromEntries(DOMAINS.map((n) => [n, r[n]]))));
    await expect(
      d.db.transaction(async (tx) => {
        await tx.update(procurements).set({ updatedAt: new Date() });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await versions()).toEqual(after);
  });

  it('bumps auth when a session ends or changes, not when it is created or touched', async () => {
    const [u] = await d.db.select({ id: users.id }).from(users).limit(1);
    // Creating sweeps ended sessions (a DELETE) on the way: ending one bumps, once (migration 0028: row events).
    const old = await createSession(d.db, u!.id, { idleMinutes: 60, maxHours: 1 });
    await d.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.tokenHash, hash(old.token)));
    const before = await dataVersion(d.db, 'auth');
    const s = await createSession(d.db, u!.id, { idleMinutes: 60, maxHours: 1 });
    const created = await dataVersion(d.db, 'auth');
    expect(created).toBe(before + 1);
    // With nothing left to sweep, creating a session ends none and bumps nothing.
    await createSession(d.db, u!.id, { idleMinutes: 60, maxHours: 1 });
    expect(await dataVersion(d.db, 'auth')).toBe(created);
    await d.db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.tokenHash, hash(s.token)));
    expect(await dataVersion(d.db, 'auth')).toBe(created);
    await d.db.update(sessions).set({ expiresAt: new Date(Date.now() + 1000) }).where(eq(sessions.tokenHash, hash(s.token)));
    expect(await dataVersion(d.db, 'auth')).toBe(created + 1);
    await d.db.delete(sessions).where(eq(sessions.tokenHash, hash(s.token)));
    expect(await dataVersion(d.db, 'auth')).toBe(created + 2);
  });
});
