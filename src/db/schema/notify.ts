import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { Language } from '../../domain/catalogue.js';
import type { Delivery, EventParams, FollowTarget } from '../../domain/notify.js';
import { users } from './access.js';
import { instant, uuidId, uuidRef } from './columns.js';

/**
 * Jobs in the database (docs/adr/0015-jobs-in-the-database.md): reminders, fan-out and digests survive a restart and run
 * once with several app processes (claimed with FOR UPDATE SKIP LOCKED). `key` makes scheduling idempotent;
 * a job that failed `max_attempts` times keeps `failed_at` and its last error for DFØ to see.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuidId(),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    runAt: instant('run_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(6),
    lockedUntil: instant('locked_until'),
    lockedBy: text('locked_by'),
    doneAt: instant('done_at'),
    failedAt: instant('failed_at'),
    lastError: text('last_error'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('jobs_key_idx').on(t.key),
    index('jobs_due_idx').on(t.runAt).where(sql`${t.doneAt} is null and ${t.failedAt} is null`),
    check('jobs_done_or_failed', sql`${t.doneAt} is null or ${t.failedAt} is null`),
  ],
);

/** Something that happened that people may want to know: written by the command, in its transaction. */
export const events = pgTable(
  'events',
  {
    id: uuidId(),
    kind: text('kind').notNull(),
    occurredAt: instant('occurred_at').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    params: jsonb('params').$type<EventParams>().notNull().default({}),
    actorName: text('actor_name'),
    requestId: text('request_id'),
  },
  (t) => [index('events_subject_idx').on(t.subjectType, t.subjectId, t.occurredAt), index('events_kind_idx').on(t.kind, t.occurredAt)],
);

/** What a person follows. `active = false` records that they stopped following something they follow by default. */
export const follows = pgTable(
  'follows',
  {
    userId: uuidRef('user_id', () => users.id, 'cascade'),
    targetType: text('target_type').$type<FollowTarget>().notNull(),
    /** The followed row's id ('' for the whole catalogue). */
    targetId: text('target_id').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.targetType, t.targetId] }),
    index('follows_target_idx').on(t.targetType, t.targetId),
    check('follows_target_type', sql`${t.targetType} in ('service', 'provider', 'area', 'procurement', 'network', 'survey', 'catalogue')`),
  ],
);

export const notificationSettings = pgTable(
  'notification_settings',
  {
    userId: uuidRef('user_id', () => users.id, 'cascade').primaryKey(),
    delivery: text('delivery').$type<Delivery>().notNull().default('immediate'),
    /** The language of the e-mails. */
    language: text('language').$type<Language>().notNull().default('nb'),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('notification_settings_delivery', sql`${t.delivery} in ('immediate', 'daily', 'weekly', 'portal')`),
    check('notification_settings_language', sql`${t.language} in ('nb', 'nn', 'en')`),
  ],
);

/** One event for one person: the unique index is what makes "never the same event twice" hold. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuidId(),
    eventId: uuidRef('event_id', () => events.id, 'cascade'),
    userId: uuidRef('user_id', () => users.id, 'cascade'),
    /** How it is delivered, fixed at fan-out: immediate, daily or weekly digest, or portal only. */
    delivery: text('delivery').$type<Delivery>().notNull(),
    createdAt: instant('created_at').notNull(),
    readAt: instant('read_at'),
    /** When it went out by e-mail (alone or in a digest). */
    mailedAt: instant('mailed_at'),
  },
  (t) => [
    uniqueIndex('notifications_once_idx').on(t.eventId, t.userId),
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_digest_idx').on(t.delivery, t.userId).where(sql`${t.mailedAt} is null and ${t.delivery} in ('daily', 'weekly')`),
  ],
);
