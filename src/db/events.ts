/**
 * The event writer: a command records what happened in its own transaction, like the audit writer (db/audit.ts).
 * The event commits with the change or not at all; a fan-out job scheduled in the same transaction turns it into
 * notifications for the people who follow it (src/mail/notify.ts), once.
 */
import type { Actor } from '../domain/actor.js';
import type { EventKind, EventParams } from '../domain/notify.js';
import type { Executor } from './database.js';
import { scheduleJob } from './jobs.js';
import { events } from './schema/index.js';

export interface NewEvent {
  kind: EventKind;
  /** What it concerns: a procurement, a service, a survey … and its id. */
  subjectType: string;
  subjectId: string;
  params?: EventParams;
}

/** Records one event and schedules its fan-out, in the caller's transaction. Returns the event's id. */
export async function recordEvent(tx: Executor, actor: Pick<Actor, 'now' | 'requestId'> & { principal?: Pick<Actor['principal'], 'kind' | 'id' | 'name'> }, event: NewEvent): Promise<string> {
  const [row] = await tx
    .insert(events)
    .values({
      kind: event.kind,
      occurredAt: actor.now,
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      // The person who acted is not told of their own act.
      params: { ...event.params, ...(actor.principal?.kind === 'user' ? { actorUserId: actor.principal.id } : {}) },
      actorName: actor.principal?.name ?? null,
      requestId: actor.requestId,
    })
    .returning({ id: events.id });
  await scheduleJob(tx, { kind: 'fanout', key: `fanout:${row!.id}`, runAt: actor.now, payload: { eventId: row!.id } });
  return row!.id;
}
