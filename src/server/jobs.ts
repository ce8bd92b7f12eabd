/**
 * The job worker of one app process: polls the jobs table (src/db/jobs.ts) and runs what is due at the app's clock,
 * one run at a time; an unsafe request (a command) kicks it so its events reach people without waiting for the
 * poll. Several processes may run it on one PostgreSQL server: each job is claimed with FOR UPDATE SKIP LOCKED.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.js';
import { runDueJobs, type RunResult } from '../db/jobs.js';
import { notifyJobHandlers } from '../mail/notify.js';
import type { SizeThresholds } from '../domain/sizeClass.js';

export interface JobWorker {
  kick(): void;
  /** Runs what is due now (after any run in progress) and resolves when done. */
  runDue(): Promise<RunResult>;
  stop(): Promise<void>;
}

export function startJobWorker(
  db: Database,
  options: { clock: () => Date; publicUrl: string; sessionSecret?: string | undefined; sizeThresholds?: SizeThresholds | undefined; pollMs?: number; afterRun?: (r: RunResult) => void; log?: (msg: string, err?: unknown) => void },
): JobWorker {
  const handlers = notifyJobHandlers(db, { publicUrl: options.publicUrl, sessionSecret: options.sessionSecret, sizeThresholds: options.sizeThresholds });
  const workerId = `${process.pid}:${randomUUID().slice(0, 8)}`;
  let chain: Promise<unknown> = Promise.resolve();
  let queued: Promise<RunResult> | undefined;
  let stopped = false;

  function runDue(): Promise<RunResult> {
    const next = chain.then(async () => {
      queued = undefined;
      if (stopped) return { done: 0, retried: 0, failed: 0 };
      const r = await runDueJobs(db, handlers, { now: options.clock(), workerId, log: options.log });
      if (r.done > 0) options.afterRun?.(r);
      return r;
    });
    chain = next.catch((e: unknown) => options.log?.('job run failed', e));
    return next;
  }

  function kick() {
    if (stopped || queued) return;
    queued = runDue();
    queued.catch(() => undefined);
  }

  const timer = setInterval(kick, options.pollMs ?? 10_000);
  timer.unref();
  return {
    kick,
    runDue,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await chain;
    },
  };
}
