import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { ensureQuestionnaires } from '../../src/db/seed/questionnaires.js';
import { buildApp } from '../../src/server/app.js';
import type { App } from '../../src/server/types.js';
import { testEngines } from '../support/engines.js';
import { createArea, createProvider, createService } from '../support/factories.js';
import { type PgServer, startPgServer } from '../support/pgServer.js';

// PostgreSQL only: its server can go away while the app runs. PGlite lives inside the app's process (it cannot be
// unreachable while the app is up); its fault is a full disk (disk-full.test.ts).
describe.each(testEngines().filter((e) => e === 'postgres'))('the database goes away and comes back (%s)', () => {
  let pg: PgServer;
  let database: DatabaseHandle;
  let app: App;

  beforeAll(async () => {
    pg = await startPgServer();
    database = await openDatabase({ url: pg.url, poolSize: 4, connectTimeoutMs: 2000 });
    await database.migrate();
    await ensureQuestionnaires(database.db);
    const area = await createArea(database.db, { slug: 'lonn', name: { nb: 'Lønn' } });
    const provider = await createProvider(database.db, { slug: 'dfo', name: { nb: 'DFØ' } });
    await createService(database.db, { slug: 'lonnstjenester', name: { nb: 'Lønnstjenester' }, providerId: provider.id, areaSlug: area.slug });
    app = await buildApp({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://portal.test' }), database });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    pg?.destroy();
  });

  const get = (url: string) => app.inject({ url });

  it('answers normally while the database is up', async () => {
    expect((await get('/api/v1/services')).statusCode).toBe(200);
    expect((await get('/tjenester')).statusCode).toBe(200);
    expect((await get('/readyz')).statusCode).toBe(200);
  });

  it('answers 503 with Retry-After and a Norwegian message while it is down, and recovers without a restart', async () => {
    pg.stop();
    try {
      const api = await get('/api/v1/services');
      expect(api.statusCode).toBe(503);
      expect(api.headers['retry-after']).toBe('5');
      expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(api.json()).toMatchObject({ status: 503, title: 'Tjenesten er midlertidig utilgjengelig', detail: expect.stringMatching(/får ikke kontakt med databasen/) });
      expect(api.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/);

      const en = await get('/api/v1/services?lang=en');
      expect(en.statusCode).toBe(503);
      expect(en.json().detail).toMatch(/cannot reach the database/);

      const page = await get('/tjenester');
      expect(page.statusCode).toBe(503);
      expect(page.headers['retry-after']).toBe('5');
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toContain('Tjenesten er midlertidig utilgjengelig');
      expect(page.body).toContain('Vi får ikke kontakt med databasen');
      expect(page.body).toMatch(/<html lang="nb"/);
      const nn = await get('/nn/tjenester');
      expect(nn.statusCode).toBe(503);
      expect(nn.body).toContain('Tenesta er mellombels utilgjengeleg');

      // Liveness stays up (no restart loop); readiness takes the node out of rotation.
      expect((await get('/healthz')).statusCode).toBe(200);
      const ready = await get('/readyz');
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ ready: false, database: 'unavailable' });
    } finally {
      pg.start();
    }
    // The pool reconnects by itself: the first request after the restart may still meet a dead connection.
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      status = (await get('/api/v1/services')).statusCode;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
    expect((await get('/tjenester')).statusCode).toBe(200);
    expect((await get('/readyz')).statusCode).toBe(200);
    const list = (await get('/api/v1/services')).json() as { items: { slug: string }[] };
    expect(list.items.map((s) => s.slug)).toContain('lonnstjenester');
  });
});

// The embedded database cannot be stopped from outside; it can die with the process's file system or be closed
// under the app. Requests then get the same 503 (not a 500), and readiness takes the node out of rotation.
describe.each(testEngines().filter((e) => e === 'pglite'))('the embedded database is gone (%s)', () => {
  let database: DatabaseHandle;
  let app: App;
  beforeAll(async () => {
    database = await openDatabase({});
    await database.migrate();
    app = await buildApp({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://portal.test' }), database });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers 503 with Retry-After on pages and the API, and /readyz says unavailable', async () => {
    expect((await app.inject({ url: '/api/v1/services' })).statusCode).toBe(200);
    await database.close();
    const api = await app.inject({ url: '/api/v1/services?lang=en' });
    expect(api.statusCode).toBe(503);
    expect(api.headers['retry-after']).toBe('5');
    expect(api.json()).toMatchObject({ title: 'Service unavailable', detail: expect.stringMatching(/cannot reach the database/) });
    const page = await app.inject({ url: '/en/tjenester' });
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('The service is temporarily unavailable');
    expect((await app.inject({ url: '/readyz' })).json()).toMatchObject({ ready: false, database: 'unavailable' });
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});
