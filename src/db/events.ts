/**
 * The event writer: a command records what happened in its own transaction, like the audit writer (db/audit.ts).
 * The event commits with the change or not at all; a fan-out job scheduled in the same transaction turns it into
 * notifications for the people who follow it (src/mail/notify.ts), once.
 */
import { randomUUID } from 'node:crypto';
import { sql, type SQLWrapper } from 'drizzle-orm';
import type { Actor } from '../domain/actor.js';
import type { EventKind, EventParams } from '../domain/notify.js';
import type { Executor } from './database.js';
import { jobInsert } from './jobs.js';
import { events } from './schema/index.js';

export interface NewEvent {
  kind: EventKind;
  /** What it concerns: a procurement, a service, a survey … and its id. */
  subjectType: string;
  subjectId: string;
  params?: EventParams;
}

type EventActor = Pick<Actor, 'now' | 'requestId'> & { principal?: Pick<Actor['principal'], 'kind' | 'id' | 'name'> };

/**
 * Records one event and schedules its fan-out, in the caller's transaction, as one statement (the event's id is made
 * here, so both inserts go in one round trip: under load every round trip of a write waits its turn in the event
 * loop while the transaction holds its locks). `alongside`: other inserts made in the same statement (a command's
 * audit event, db/audit.ts auditInsert). Returns the event's id.
 */
export async function recordEvent(tx: Executor, actor: EventActor, event: NewEvent, alongside: readonly SQLWrapper[] = []): Promise<string> {
  const { id, inserts } = eventInserts(tx, actor, event);
  const all = [...inserts, ...alongside].map((insert, i) => sql`${sql.raw(`w${i}`)} as (${insert.getSQL()})`);
  await tx.execute(sql`with ${sql.join(all, sql`, `)} select 1`);
  return id;
}

/**
 * The event's insert and its fan-out job's, not yet run: for a command whose own write carries them as common table
 * expressions (one round trip for the change, its event and its audit event).
 */
export function eventInserts(tx: Executor, actor: EventActor, event: NewEvent): { id: string; inserts: SQLWrapper[] } {
  const id = randomUUID();
  const insertEvent = tx.insert(events).values({
    id,
    kind: event.kind,
    occurredAt: actor.now,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    // The person who acted is not told of their own act.
    params: { ...event.params, ...(actor.principal?.kind === 'user' ? { actorUserId: actor.principal.id } : {}) },
    actorName: actor.principal?.name ?? null,
    requestId: actor.requestId,
  });
  return { id, inserts: [insertEvent, jobInsert(tx, { kind: 'fanout', key: `fanout:${id}`, runAt: actor.now, payload: { eventId: id } })] };
}
