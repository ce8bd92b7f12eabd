import { describe, expect, it } from 'vitest';
import { queryRows, sql } from '../../src/db/database.js';
import { databaseFault } from '../../src/server/dbErrors.js';
import { expectedMigrations } from '../../src/server/health.js';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';

describe.each(testEngines())('/healthz and /readyz on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'empty' });

  it('/healthz answers without the database', async () => {
    const res = await t.app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('/readyz is ready with every migration of this build applied', async () => {
    const res = await t.app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: 'ready', ready: true, database: 'ok' });
    expect(body.migrations).toEqual({ applied: expectedMigrations().count, expected: expectedMigrations().count, upToDate: true });
  });

  it('/readyz is 503 with Retry-After when the newest migration is missing', async () => {
    const db = t.database.db;
    const [latest] = await queryRows<{ id: number; hash: string; created_at: string }>(db, sql`select id, hash, created_at::text from drizzle.__drizzle_migrations order by created_at desc limit 1`);
    await db.execute(sql`delete from drizzle.__drizzle_migrations where id = ${latest!.id}`);
    try {
      const res = await t.app.inject({ url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json()).toMatchObject({ status: 'unavailable', ready: false, database: 'ok', migrations: { upToDate: false } });
    } finally {
      await db.execute(sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${latest!.id}, ${latest!.hash}, ${latest!.created_at}::bigint)`);
    }
    expect((await t.app.inject({ url: '/readyz' })).statusCode).toBe(200);
  });

  it('the health endpoints are not part of the API document', async () => {
    const doc = (await t.app.inject({ url: '/api/docs/json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).some((p) => /healthz|readyz/.test(p))).toBe(false);
  });
});

describe('databaseFault classifies driver errors', () => {
  it('connection refused, terminated, admin shutdown and wrapped causes are "unavailable"', () => {
    expect(databaseFault(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe('unavailable');
    expect(databaseFault(new Error('Connection terminated unexpectedly'))).toBe('unavailable');
    expect(databaseFault(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe('unavailable');
    expect(databaseFault(new Error('Failed query: select 1', { cause: Object.assign(new Error('x'), { code: '08006' }) }))).toBe('unavailable');
  });
  it('ENOSPC and SQLSTATE 53100 are "disk_full"', () => {
    expect(databaseFault(Object.assign(new Error('write failed'), { code: 'ENOSPC' }))).toBe('disk_full');
    expect(databaseFault(new Error('Failed query', { cause: Object.assign(new Error('could not extend file'), { code: '53100' }) }))).toBe('disk_full');
  });
  it('constraint violations and programming errors are not database faults', () => {
    expect(databaseFault(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }))).toBeUndefined();
    expect(databaseFault(new TypeError('x is undefined'))).toBeUndefined();
    expect(databaseFault(undefined)).toBeUndefined();
  });
});
