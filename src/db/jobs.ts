/**
 * Jobs in the database (docs/adr/0015-jobs-in-the-database.md). A job is claimed with FOR UPDATE SKIP LOCKED and its handler
 * runs in the claiming transaction (inside a savepoint): what the handler writes commits together with the job's
 * `done_at`, or not at all. So a process that dies mid-job leaves nothing half done, the row lock goes with its
 * connection, and another process runs the job again; two processes never run one job at the same time.
 */
import { sql } from 'drizzle-orm';
import { backoffSeconds } from '../domain/notify.js';
import { queryRows, type Database, type Executor } from './database.js';
import { jobs } from './schema/index.js';

export interface NewJob {
  kind: string;
  /** Idempotency: a job with the same key is scheduled once (the later call is a no-op). */
  key: string;
  runAt: Date;
  payload?: Record<string, unknown>;
  maxAttempts?: number;
}

/** Schedules a job in the caller's transaction. Returns whether it was new. */
export async function scheduleJob(tx: Executor, job: NewJob): Promise<boolean> {
  const rows = await jobInsert(tx, job).returning({ id: jobs.id });
  return rows.length > 0;
}

/** The insert that schedules `job` (nothing when its key is taken), to run alone or inside a larger statement. */
export function jobInsert(tx: Executor, job: NewJob) {
  return tx
    .insert(jobs)
    .values({ kind: job.kind, key: job.key, runAt: job.runAt, payload: job.payload ?? {}, maxAttempts: job.maxAttempts ?? 6 })
    .onConflictDoNothing({ target: jobs.key });
}

export interface JobContext {
  tx: Executor;
  now: Date;
  job: { id: string; kind: string; key: string; payload: Record<string, unknown>; attempts: number };
}

export type JobHandlers = Record<string, (ctx: JobContext) => Promise<void>>;

export interface RunResult {
  done: number;
  retried: number;
  failed: number;
}

/**
 * Runs the jobs due at `now`, one transaction per job, until none is due (or `limit` were taken). Safe to call from
 * several processes at once.
 */
export async function runDueJobs(db: Database, handlers: JobHandlers, options: { now: Date; workerId?: string; limit?: number; log?: (msg: string, err?: unknown) => void }): Promise<RunResult> {
  const result: RunResult = { done: 0, retried: 0, failed: 0 };
  const limit = options.limit ?? 1000;
  // Only the kinds this process can run: during a rolling deploy an older process leaves a newer kind's jobs to the
  // processes that know it, instead of failing them (and two workers with different handlers share one table).
  const kinds = Object.keys(handlers);
  if (kinds.length === 0) return result;
  for (let taken = 0; taken < limit; taken++) {
    const outcome = await db.transaction(async (tx) => {
      const [job] = await queryRows<{ id: string; kind: string; key: string; payload: Record<string, unknown>; attempts: number; max_attempts: number }>(
        tx,
        sql`select id, kind, key, payload, attempts, max_attempts from jobs
            where done_at is null and failed_at is null and run_at <= ${options.now.toISOString()}
              and kind in (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})
            order by run_at, created_at limit 1 for update skip locked`,
      );
      if (!job) return 'none' as const;
      const handler = handlers[job.kind]!; // the query takes only the kinds this process has handlers for
      try {
        await tx.transaction(async (sp) => handler({ tx: sp, now: options.now, job: { id: job.id, kind: job.kind, key: job.key, payload: job.payload, attempts: job.attempts } }));
        await tx.execute(sql`update jobs set done_at = ${options.now.toISOString()}, attempts = attempts + 1, locked_by = ${options.workerId ?? null}, last_error = null where id = ${job.id}`);
        return 'done' as const;
      } catch (e) {
        const attempts = job.attempts + 1;
        const message = String((e as Error)?.message ?? e).slice(0, 1000);
        options.log?.(`job ${job.kind} failed (attempt ${attempts})`, e);
        if (attempts >= job.max_attempts) {
          await tx.execute(sql`update jobs set failed_at = ${options.now.toISOString()}, attempts = ${attempts}, last_error = ${message} where id = ${job.id}`);
          return 'failed' as const;
        }
        const next = new Date(options.now.getTime() + backoffSeconds(attempts) * 1000);
        await tx.execute(sql`update jobs set run_at = ${next.toISOString()}, attempts = ${attempts}, last_error = ${message} where id = ${job.id}`);
        return 'retried' as const;
      }
    });
    if (outcome === 'none') break;
    result[outcome]++;
  }
  return result;
}

/** Jobs that failed for good, newest first: what DFØ sees on /admin/jobber. */
export async function failedJobs(db: Executor, limit = 200) {
  return queryRows<{ id: string; kind: string; key: string; attempts: number; last_error: string | null; failed_at: Date; created_at: Date }>(
    db,
    sql`select id, kind, key, attempts, last_error, failed_at, created_at from jobs where failed_at is not null order by failed_at desc limit ${limit}`,
  );
}

/** Gives a failed job another round of attempts (DFØ's "try again"). */
export async function retryJob(db: Executor, id: string, now: Date): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(db, sql`update jobs set failed_at = null, attempts = 0, run_at = ${now.toISOString()} where id = ${id} and failed_at is not null returning id`);
  return rows.length > 0;
}
