import { and, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.js';
import { agencies, auditEvents, declarations, events, jobs, procurements, questionnaires } from '../../src/db/schema/index.js';
import type { Principal } from '../../src/domain/principal.js';
import { submitDeclaration } from '../../src/resources/declarations/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { testEngines } from '../support/engines.js';
import { actorFor } from '../support/sessions.js';

/**
 * Issue 16: a declaration is written in one statement with its event, fan-out job and audit event, on the row as the
 * declaring query read it (src/resources/declarations/commands.ts). When another writer changed or created it in
 * between, the whole transaction is done again with the row locked: nothing of the first try remains.
 */
describe.each(testEngines())('writing a declaration on %s', (engine) => {
  let d: TestDatabase;
  let procurementId = '';
  let reasons: string[] = [];
  let free: string[] = [];
  let n = 0;
  beforeAll(async () => {
    d = await createTestDatabase(engine, 'demo');
    const [p] = await d.db.select().from(procurements).where(eq(procurements.status, 'consultation'));
    const [q] = await d.db.select().from(questionnaires).where(eq(questionnaires.id, p!.questionnaireId));
    procurementId = p!.id;
    reasons = q!.definition.questions[0]!.options!.map((o) => o.value).filter((v) => v !== 'other');
    const declared = (await d.db.select({ o: declarations.agencyOrgnr }).from(declarations).where(eq(declarations.procurementId, p!.id))).map((r) => r.o);
    free = (
      await d.db
        .select({ orgnr: agencies.orgnr })
        .from(agencies)
        .where(and(inArray(agencies.kind, ['agency', 'ministry']), isNull(agencies.deletedOn), notInArray(agencies.orgnr, declared)))
        .orderBy(agencies.orgnr)
        .limit(4)
    ).map((r) => r.orgnr);
  });
  afterAll(async () => d?.close());

  const submit = (orgnr: string, reason: string) => {
    const requestId = `write-${++n}`;
    const editor: Principal = { kind: 'user', id: '00000000-0000-4000-8000-000000000077', name: 'Ola Skriver', roles: [{ role: 'agency_editor', agencyOrgnr: orgnr }] };
    return { requestId, done: submitDeclaration(d.db, { ...actorFor(editor), requestId }, procurementId, orgnr, { reason }, 'nb') };
  };
  /** What one request left behind: its events, their fan-out jobs and its audit events. */
  const traces = async (requestId: string) => {
    const made = await d.db.select({ id: events.id, kind: events.kind }).from(events).where(eq(events.requestId, requestId));
    const fanouts = made.length ? await d.db.select({ key: jobs.key }).from(jobs).where(inArray(jobs.key, made.map((e) => `fanout:${e.id}`))) : [];
    const audits = await d.db.select({ action: auditEvents.action, entityId: auditEvents.entityId, before: auditEvents.before, after: auditEvents.after }).from(auditEvents).where(eq(auditEvents.requestId, requestId));
    return { events: made.map((e) => e.kind), fanouts: fanouts.length, audits };
  };

  it('creates, changes and leaves alone a declaration, each write with one event, one fan-out job and one audit event', async () => {
    const orgnr = free[0]!;
    const first = submit(orgnr, reasons[0]!);
    const created = await first.done;
    expect(created.outcome).toBe('created');
    expect(await traces(first.requestId)).toEqual({
      events: ['declaration.received'],
      fanouts: 1,
      audits: [{ action: 'declaration.submit', entityId: created.declaration.id, before: null, after: { kind: created.declaration.kind, answers: { reason: reasons[0] }, withdrawnAt: null } }],
    });
    const second = submit(orgnr, reasons[1]!);
    const changed = await second.done;
    expect(changed.outcome).toBe('changed');
    expect(changed.declaration.id).toBe(created.declaration.id);
    expect(changed.declaration.answers).toEqual({ reason: reasons[1] });
    expect((await traces(second.requestId)).audits.map((a) => [a.action, a.before, a.after])).toEqual([
      ['declaration.change', { kind: created.declaration.kind, answers: { reason: reasons[0] }, withdrawnAt: null }, { kind: created.declaration.kind, answers: { reason: reasons[1] }, withdrawnAt: null }],
    ]);
    const third = submit(orgnr, reasons[1]!);
    expect((await third.done).outcome).toBe('unchanged');
    expect(await traces(third.requestId)).toEqual({ events: [], fanouts: 0, audits: [] });
  });

  if (engine === 'postgres') {
    /** Another session's transaction, held open while a submission runs into it. */
    const otherSession = async () => {
      const [{ name }] = (await queryRows<{ name: string }>(d.db, sql`select current_database() as name`)) as [{ name: string }];
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${name}`;
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      await client.query('begin');
      return client;
    };
    const blockedOnALock = async () => {
      for (let i = 0; i < 200; i++) {
        const [row] = await queryRows<{ n: number }>(d.db, sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
        if (row!.n > 0) return;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error('the submission never waited for the other transaction');
    };

    /**
     * Another session writes the agency's declaration (reason 2) and holds its transaction open; ours (reason 1) runs
     * into it, the other commits. Ours must then be one change, made once, over the other's.
     */
    const racing = async (orgnr: string, otherWrite: (other: pg.Client) => Promise<unknown>) => {
      const other = await otherSession();
      try {
        await otherWrite(other);
        const ours = submit(orgnr, reasons[1]!);
        await blockedOnALock();
        await other.query('commit');
        const result = await ours.done;
        expect(result.outcome).toBe('changed');
        expect(result.declaration.answers).toEqual({ reason: reasons[1] });
        const left = await traces(ours.requestId);
        expect(left.events).toEqual(['declaration.received']);
        expect(left.fanouts).toBe(1);
        // The second try read the other writer's declaration: the audit event's "before" is theirs.
        expect(left.audits.map((a) => [a.action, (a.before as { answers: unknown } | null)?.answers])).toEqual([['declaration.change', { reason: reasons[2] }]]);
        const rows = await d.db.select({ id: declarations.id }).from(declarations).where(and(eq(declarations.procurementId, procurementId), eq(declarations.agencyOrgnr, orgnr)));
        expect(rows).toHaveLength(1);
      } finally {
        await other.end();
      }
    };

    it('is done again on the row locked when another writer changed it after it was read', async () => {
      const orgnr = free[1]!;
      await submit(orgnr, reasons[0]!).done;
      await racing(orgnr, (other) =>
        other.query('update declarations set answers = $1, updated_at = now() where procurement_id = $2 and agency_orgnr = $3', [{ reason: reasons[2] }, procurementId, orgnr]),
      );
    });

    it('is done again as a change when another writer created it after it was read', async () => {
      const orgnr = free[2]!;
      const [q] = await d.db.select({ id: procurements.questionnaireId }).from(procurements).where(eq(procurements.id, procurementId));
      await racing(orgnr, (other) =>
        other.query(
          `insert into declarations (procurement_id, agency_orgnr, kind, questionnaire_id, answers, submitted_at, updated_at, submitted_by)
           values ($1, $2, 'opt_out', $3, $4, now(), now(), 'Kari Annen')`,
          [procurementId, orgnr, q!.id, { reason: reasons[2] }],
        ),
      );
    });
  }
});
