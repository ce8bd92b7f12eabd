import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/auth/sessions.js';
import { roleAssignments, sessions, users } from '../../src/db/schema/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';

const LOTTSTIFT = '982391490';

/**
 * Signed-in principals are cached per app node under the `auth` data version (src/auth/sessionCache.ts): whatever
 * changes who someone is or may do must take effect on the very next request, through the cache.
 */
describe.each(testEngines())('the session cache on %s', (engine) => {
  let t: TestApp;
  let userId = '';

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: 'demo' });
    const [u] = await t.database.db.insert(users).values({ name: 'Cache Prøve', email: 'cache@lottstift.example' }).returning({ id: users.id });
    userId = u!.id;
    await t.database.db.insert(roleAssignments).values({ userId, role: 'agency_editor', agencyOrgnr: LOTTSTIFT });
  });
  afterAll(async () => t?.close());

  const signIn = async () => `ft_session=${(await createSession(t.database.db, userId, { idleMinutes: 60, maxHours: 1 })).token}`;
  const mine = (cookie: string) => t.app.inject({ url: `/min-side/virksomhet/${LOTTSTIFT}`, headers: { cookie } });

  it('serves repeated requests of one session, and a role taken away ends the access at once', async () => {
    const cookie = await signIn();
    for (let i = 0; i < 3; i++) expect((await mine(cookie)).statusCode).toBe(200);
    await t.database.db.delete(roleAssignments).where(eq(roleAssignments.userId, userId));
    expect((await mine(cookie)).statusCode).toBe(403);
    await t.database.db.insert(roleAssignments).values({ userId, role: 'agency_editor', agencyOrgnr: LOTTSTIFT });
    expect((await mine(cookie)).statusCode).toBe(200);
  });

  it('a renamed user shows under the new name at once', async () => {
    const cookie = await signIn();
    expect((await mine(cookie)).body).toContain('Cache Prøve');
    await t.database.db.update(users).set({ name: 'Cache Omdøpt' }).where(eq(users.id, userId));
    const html = (await mine(cookie)).body;
    expect(html).toContain('Cache Omdøpt');
    expect(html).not.toContain('Cache Prøve');
  });

  it('a disabled user, an ended session and signing out end it on the next request', async () => {
    const a = await signIn();
    const b = await signIn();
    expect((await mine(a)).statusCode).toBe(200);
    expect((await mine(b)).statusCode).toBe(200);
    // Ended early by an administrator (expires_at moved into the past).
    await t.database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.tokenHash, (await import('../../src/auth/sessions.js')).hash(a.slice('ft_session='.length))));
    expect((await mine(a)).statusCode).toBe(303);
    expect((await mine(b)).statusCode).toBe(200);
    // Signing out through the portal.
    const page = await t.app.inject({ url: '/min-side', headers: { cookie: b } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    expect(csrf).toBeTruthy();
    const out = await t.app.inject({ method: 'POST', url: '/auth/logout', headers: { cookie: b, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${encodeURIComponent(csrf!)}` });
    expect(out.statusCode).toBeLessThan(400);
    expect((await mine(b)).statusCode).toBe(303);
    // Disabled.
    const c = await signIn();
    expect((await mine(c)).statusCode).toBe(200);
    await t.database.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, userId));
    expect((await mine(c)).statusCode).toBe(303);
    await t.database.db.update(users).set({ disabledAt: null }).where(eq(users.id, userId));
  });
});
