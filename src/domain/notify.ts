/**
 * Following and notifications (issue 13): what can be followed, how a person wants to hear of it, the kinds of
 * events, and the times digests and reminders fall due (Europe/Oslo). Pure: no I/O.
 */
import { osloOffsetMinutes } from './osloTime.js';
import { isOneOf } from './vocabulary.js';

export const FOLLOW_TARGETS = ['service', 'provider', 'area', 'procurement', 'network', 'survey', 'catalogue'] as const;
export type FollowTarget = (typeof FOLLOW_TARGETS)[number];
export const isFollowTarget = (x: unknown): x is FollowTarget => isOneOf(FOLLOW_TARGETS, x);

export const DELIVERIES = ['immediate', 'daily', 'weekly', 'portal'] as const;
export type Delivery = (typeof DELIVERIES)[number];
export const isDelivery = (x: unknown): x is Delivery => isOneOf(DELIVERIES, x);

export const EVENT_KINDS = [
  'service.changed',
  'service.new',
  'service.retired',
  'procurement.consultation',
  'procurement.announced',
  'procurement.awarded',
  'procurement.cancelled',
  'procurement.deadline_7d',
  'procurement.deadline_1d',
  'declaration.received',
  'survey.opened',
  'survey.reminder',
  'survey.results',
  'idea.status',
  'idea.comment',
  'need.match',
  'network.changed',
  'network.member_joined',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** What an event's text is made of: names already in the event's languages, dates as ISO strings. */
export type EventParams = Record<string, string | number | null | string[] | { nb: string; nn?: string | undefined; en?: string | undefined }>;

/** Kinds that always go out as a digest, whatever the person chose (many small events, one mail). */
export const DIGEST_ONLY: ReadonlySet<string> = new Set(['declaration.received']);

/** How a person hears of an event of this kind, given their choice. */
export function deliveryFor(kind: string, chosen: Delivery): Delivery {
  if (chosen === 'immediate' && DIGEST_ONLY.has(kind)) return 'daily';
  return chosen;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The instant of a wall-clock time in Oslo on the Oslo calendar day of `at` shifted by `days`. */
function osloAt(at: Date, days: number, hour: number): Date {
  const local = new Date(at.getTime() + osloOffsetMinutes(at) * 60_000);
  const naive = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + days, hour);
  let t = new Date(naive - osloOffsetMinutes(new Date(naive)) * 60_000);
  t = new Date(naive - osloOffsetMinutes(t) * 60_000);
  return t;
}

/** Digests go out at 07:00 Oslo time: daily the next morning, weekly on Monday morning. */
export const DIGEST_HOUR = 7;

/** The next time a digest of this period falls due, strictly after `now`. */
export function nextDigestAt(period: 'daily' | 'weekly', now: Date): Date {
  for (let d = 0; d <= 8; d++) {
    const t = osloAt(now, d, DIGEST_HOUR);
    if (t.getTime() <= now.getTime()) continue;
    if (period === 'daily') return t;
    const weekday = new Date(t.getTime() + osloOffsetMinutes(t) * 60_000).getUTCDay();
    if (weekday === 1) return t;
  }
  throw new Error('unreachable');
}

/** A digest's key: one per person and period start, so scheduling twice is one job. */
export function digestKey(period: 'daily' | 'weekly', userId: string, at: Date): string {
  return `digest:${period}:${userId}:${at.toISOString()}`;
}

/** Reminders of a consultation deadline: 7 days and 1 day ahead, only those still in the future. */
export function deadlineReminders(deadline: Date, now: Date): { kind: 'procurement.deadline_7d' | 'procurement.deadline_1d'; at: Date }[] {
  return [
    { kind: 'procurement.deadline_7d' as const, at: new Date(deadline.getTime() - 7 * DAY) },
    { kind: 'procurement.deadline_1d' as const, at: new Date(deadline.getTime() - DAY) },
  ].filter((r) => r.at.getTime() > now.getTime());
}

/** A survey's reminder: at 09:00 Oslo three days before its last day (closesOn is an Oslo date, inclusive). */
export function surveyReminderAt(closesOn: string): Date {
  const [y, m, d] = closesOn.split('-').map(Number) as [number, number, number];
  const noonUtc = new Date(Date.UTC(y, m - 1, d, 12));
  return osloAt(noonUtc, -3, 9);
}

/** A survey's results are published the morning after its last day: 08:00 Oslo (closesOn is an Oslo date, inclusive). */
export function surveyResultsAt(closesOn: string): Date {
  const [y, m, d] = closesOn.split('-').map(Number) as [number, number, number];
  return osloAt(new Date(Date.UTC(y, m - 1, d, 12)), 1, 8);
}

/** A survey opens at 08:00 Oslo on its first day. */
export function surveyOpensAt(opensOn: string): Date {
  const [y, m, d] = opensOn.split('-').map(Number) as [number, number, number];
  return osloAt(new Date(Date.UTC(y, m - 1, d, 12)), 0, 8);
}

/** Housekeeping runs at 03:00 Oslo: done jobs are kept this long (for tracing a send), read notifications this long. */
export const CLEANUP_HOUR = 3;
export const KEEP_DONE_JOBS_DAYS = 30;
export const KEEP_READ_NOTIFICATIONS_DAYS = 180;

/** The next housekeeping run strictly after `now`: 03:00 Oslo. */
export function nextCleanupAt(now: Date): Date {
  for (let d = 0; d <= 1; d++) {
    const t = osloAt(now, d, CLEANUP_HOUR);
    if (t.getTime() > now.getTime()) return t;
  }
  return osloAt(now, 2, CLEANUP_HOUR);
}

/** Back-off before a failed job's next attempt: 30 s, 1 min, 2 min … at most an hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
}

/** Matchmaking notices go out only above this similarity score (src/domain/matchmaking.ts). */
export const MATCH_NOTICE_THRESHOLD = 50;
