import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.js';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { createAgency, createSubscription } from '../support/factories.js';
import { expectCacheablePage } from '../support/expectations.js';
import { signedIn } from '../support/sessions.js';

/**
 * The statistics pages render their charts on every request (0.3–0.8 s of CPU each): under bench:load they starved
 * everything else. They are whole-page cached for anonymous readers, keyed on the catalogue data version (and the
 * `acts` version for the page that reads declarations).
 */
describe.each(testEngines())('statistics pages in the page cache on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });

  it('sends ETag and Cache-Control, answers If-None-Match with 304, and a change in the register makes a new page', async () => {
    const first = await t.app.inject({ url: '/statistikk/dekning' });
    const etag = expectCacheablePage(first);
    const again = await t.app.inject({ url: '/statistikk/dekning' });
    expect(again.body).toBe(first.body);
    expect((await t.app.inject({ url: '/statistikk/dekning', headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    expect((await t.app.inject({ url: '/en/statistikk/dekning' })).headers.etag).not.toBe(etag);

    const db = t.database.db;
    const a = await createAgency(db);
    const [s] = await db.query.services.findMany({ limit: 1 });
    await createSubscription(db, { agencyOrgnr: a.orgnr, serviceId: s!.id });
    const changed = await t.app.inject({ url: '/statistikk/dekning', headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('the opt-out page, which reads declarations, is cached until a declaration changes', async () => {
    const first = await t.app.inject({ url: '/statistikk/fravalg' });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"/);
    expect((await t.app.inject({ url: '/statistikk/fravalg', headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    await t.database.db.execute(sql`update declarations set updated_at = updated_at`);
    const changed = await t.app.inject({ url: '/statistikk/fravalg', headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('a signed-in reader is never served from nor written to the cache', async () => {
    const s = await signedIn(t.database.db, [{ role: 'admin' }]);
    const res = await t.app.inject({ url: '/statistikk', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBeUndefined();
  });
});

/** STATS_LAG_SECONDS: the opt-out statistics may lag the declarations; the provider's own overview never does. */
describe.each(testEngines())('statistics lag on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'demo', env: { STATS_LAG_SECONDS: '3600' } });

  it('keeps serving the computed opt-out figures within the lag, while the declarations themselves change at once', async () => {
    const admin = await signedIn(t.database.db, [{ role: 'admin' }]);
    const [p] = await queryRows<{ id: string }>(t.database.db, sql`select procurement_id as id from declarations where withdrawn_at is null group by procurement_id order by count(*) desc limit 1`);
    const declarations = async () => (await t.app.inject({ url: `/api/v1/procurements/${p!.id}/declarations`, headers: { cookie: admin.cookie } })).json<{ items: { withdrawnAt: string | null }[] }>();
    const statsBefore = (await t.app.inject({ url: '/api/v1/stats/optouts' })).body;
    const pageBefore = await t.app.inject({ url: '/statistikk/fravalg' });
    expect(pageBefore.body).toContain('Tallene oppdateres inntil 3\u202f600 sekunder etter at en melding er sendt eller endret.');
    expect((await t.app.inject({ url: '/en/statistikk/fravalg' })).body).toContain('These figures are updated up to 3,600 seconds');
    const activeBefore = (await declarations()).items.filter((d) => !d.withdrawnAt).length;

    await t.database.db.execute(sql`update declarations set withdrawn_at = now() where procurement_id = ${p!.id} and withdrawn_at is null`);

    expect((await declarations()).items.filter((d) => !d.withdrawnAt).length).toBe(0);
    expect(activeBefore).toBeGreaterThan(0);
    expect((await t.app.inject({ url: '/api/v1/stats/optouts' })).body).toBe(statsBefore);
    expect((await t.app.inject({ url: '/statistikk/fravalg', headers: { 'if-none-match': pageBefore.headers.etag as string } })).statusCode).toBe(304);
  });
});
