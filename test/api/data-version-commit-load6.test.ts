import { and, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase, queryRows } from '../../src/db/database.js';
import { agencies, auditEvents, declarations, procurements, questionnaires, serviceOptOuts } from '../../src/db/schema/index.js';
import { fedVersion } from '../../src/db/versionFeed.js';
import type { Principal } from '../../src/domain/principal.js';
import { submitDeclaration } from '../../src/resources/declarations/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { testEngines } from '../support/engines.js';
import { actorFor } from '../support/sessions.js';

/**
 * Issue 16 (load6, migration 0028): the data-version bump runs at commit, once per transaction and domain, so
 * concurrent writers do not queue on the version row for the whole of their transactions. Writes under concurrency
 * keep their audit events and every one of them moves the version.
 */
describe.each(testEngines())('data versions bumped at commit on %s', (engine) => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await createTestDatabase(engine, 'demo');
  });
  afterAll(async () => d?.close());

  const version = async (name: string) => Number((await queryRows<{ version: string | number }>(d.db, sql`select version from data_versions where name = ${name}`))[0]!.version);
  const editorOf = (orgnr: string, i: number): Principal => ({ kind: 'user', id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `Editor ${i}`, roles: [{ role: 'agency_editor', agencyOrgnr: orgnr }] });

  it('concurrent declarations each commit with their audit event, and each moves acts once', async () => {
    const [p] = await d.db.select().from(procurements).where(eq(procurements.status, 'consultation'));
    const [q] = await d.db.select().from(questionnaires).where(eq(questionnaires.id, p!.questionnaireId));
    const reasons = q!.definition.questions[0]!.options!.map((o) => o.value).filter((v) => v !== 'other');
    const declared = (await d.db.select({ o: declarations.agencyOrgnr }).from(declarations).where(eq(declarations.procurementId, p!.id))).map((r) => r.o);
    const targets = (
      await d.db
        .select({ orgnr: agencies.orgnr })
        .from(agencies)
        .where(and(inArray(agencies.kind, ['agency', 'ministry']), isNull(agencies.deletedOn), notInArray(agencies.orgnr, declared.length ? declared : ['-'])))
        .orderBy(agencies.orgnr)
        .limit(8)
    ).map((r) => r.orgnr);
    expect(targets).toHaveLength(8);
    const before = await version('acts');

    const results = await Promise.all(targets.map((orgnr, i) => submitDeclaration(d.db, actorFor(editorOf(orgnr, i)), p!.id, orgnr, { reason: reasons[i % reasons.length] }, 'nb')));

    expect(results.map((r) => r.outcome)).toEqual(targets.map(() => 'created'));
    const audited = await d.db
      .select({ entityId: auditEvents.entityId, action: auditEvents.action, agency: auditEvents.agencyOrgnr })
      .from(auditEvents)
      .where(inArray(auditEvents.entityId, results.map((r) => r.declaration.id)));
    expect(audited.map((a) => `${a.entityId} ${a.action} ${a.agency}`).sort()).toEqual(results.map((r, i) => `${r.declaration.id} declaration.submit ${targets[i]}`).sort());
    expect(await version('acts')).toBe(before + targets.length);
    if (engine === 'pglite') expect(fedVersion(d.db, 'acts')).toBe(before + targets.length);
  });

  it('bumps once per transaction and domain however many rows and statements, and not for a statement that changes nothing', async () => {
    const before = { acts: await version('acts'), procurements: await version('procurements') };
    await d.db.transaction(async (tx) => {
      await tx.update(procurements).set({ updatedAt: new Date() });
      await tx.update(procurements).set({ updatedAt: new Date() });
    });
    expect({ acts: await version('acts'), procurements: await version('procurements') }).toEqual({ acts: before.acts + 1, procurements: before.procurements + 1 });
    await d.db.update(procurements).set({ updatedAt: new Date() }).where(eq(procurements.id, '00000000-0000-4000-8000-000000000000'));
    expect({ acts: await version('acts'), procurements: await version('procurements') }).toEqual({ acts: before.acts + 1, procurements: before.procurements + 1 });
  });

  it('still bumps at once for TRUNCATE, which has no row events', async () => {
    const before = await version('acts');
    await d.db.execute(sql`truncate ${serviceOptOuts}`);
    expect(await version('acts')).toBe(before + 1);
  });

  // Two sessions at once: PostgreSQL only (PGlite is one session), so registered for it alone rather than skipped.
  if (engine === 'postgres') it('a transaction that wrote does not hold the version row until it ends: another writer commits meanwhile', async () => {
    const [a, b] = (await d.db.select({ id: procurements.id }).from(procurements).orderBy(procurements.id)).map((r) => r.id);
    const before = await version('acts');
    let release!: () => void;
    let wrote!: () => void;
    const written = new Promise<void>((r) => (wrote = r));
    const open = d.db.transaction(async (tx) => {
      await tx.update(procurements).set({ updatedAt: new Date() }).where(eq(procurements.id, a!));
      wrote();
      await new Promise<void>((r) => (release = r));
    });
    await written;
    // Another procurement: no row in common but the version row, whose lock the second UPDATE's trigger waited for
    // (until the open transaction ended) before migration 0028.
    const other = d.db.transaction(async (tx) => {
      await tx.update(procurements).set({ updatedAt: new Date() }).where(eq(procurements.id, b!));
    });
    const outcome = await Promise.race([other.then(() => 'committed'), new Promise((r) => setTimeout(() => r('blocked'), 3000))]);
    release();
    await open;
    await other;
    expect(outcome).toBe('committed');
    expect(await version('acts')).toBe(before + 2);
  });

  if (engine === 'postgres') describe('with the version feed', () => {
    let reader: DatabaseHandle;
    beforeAll(async () => {
      const [{ name }] = (await queryRows<{ name: string }>(d.db, sql`select current_database() as name`)) as [{ name: string }];
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${name}`;
      reader = await openDatabase({ url: url.toString(), poolSize: 2, versionFeed: true });
    });
    afterAll(async () => reader?.close());

    it('concurrent syncs share reads, and one asked for after a commit sees it even while an earlier read runs', async () => {
      const running = reader.syncVersions!();
      await d.db.update(procurements).set({ updatedAt: new Date() });
      const committed = await version('acts');
      await Promise.all([running, ...Array.from({ length: 10 }, () => reader.syncVersions!())]);
      expect(fedVersion(reader.db, 'acts')).toBe(committed);
    });
  });
});
