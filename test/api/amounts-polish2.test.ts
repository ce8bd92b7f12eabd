import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procurements, providers } from '../../src/db/schema/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { signedIn, type TestSession } from '../support/sessions.js';

const NNBSP = '\u202f';

/** Amounts keep their grouping where they are shown, and the provider sees the total declared volume. */
describe.each(testEngines())('declared amounts on %s', (engine) => {
  let t: TestApp;
  let provider: TestSession;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: 'demo' });
    const db = t.database.db;
    const [pv] = await db.select({ id: providers.id }).from(providers).where(eq(providers.slug, 'markedsplass-for-skytjenester'));
    provider = await signedIn(db, [{ role: 'provider_editor', providerId: pv!.id }]);
    const [p] = await db.select({ id: procurements.id }).from(procurements).where(eq(procurements.providerId, pv!.id));
    base = `/anskaffelser/${p!.id}/erklaeringer`;
  });
  afterAll(async () => t?.close());

  it.each([
    ['nb', '', `400${NNBSP}000`, `I alt 650${NNBSP}000 for «Anslått årlig volum (kroner)» (2 svar).`],
    ['nn', '/nn', `400${NNBSP}000`, `I alt 650${NNBSP}000 for «Anslått årleg volum (kroner)» (2 svar).`],
    ['en', '/en', '400,000', 'In total 650,000 for “Estimated yearly volume (NOK)” (2 answers).'],
  ])('in %s the answers are grouped and the total is shown', async (_lang, prefix, amount, total) => {
    const res = await t.app.inject({ url: `${prefix}${base}`, headers: { cookie: provider.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<dd>${amount}</dd>`);
    expect(res.body).not.toContain('400000');
    expect(res.body).toContain(total);
  });
});
