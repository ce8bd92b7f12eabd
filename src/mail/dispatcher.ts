/**
 * Sends what the outbox holds through SMTP (nodemailer), oldest first, a batch at a time. A failed mail is tried
 * again later with growing back-off; rows are claimed with FOR UPDATE SKIP LOCKED so several app nodes can run the
 * dispatcher without sending a mail twice (PostgreSQL; PGlite is one process anyway).
 */
import type { Transporter } from 'nodemailer';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/database.js';

export interface MailDispatcher {
  /** Send now (after a command wrote mail), instead of waiting for the next poll. */
  kick(): void;
  /** One pass over the due mails; returns how many were sent. */
  sendDue(): Promise<number>;
  stop(): Promise<void>;
}

const MAX_ATTEMPTS = 8;

export function startMailDispatcher(db: Database, options: { smtpUrl: string; from: string; pollMs?: number; log?: (msg: string, err?: unknown) => void }): MailDispatcher {
  // nodemailer is loaded with the first mail to send, not at start (issue 16).
  let transport: Promise<Transporter> | undefined;
  const transporter = () => (transport ??= import('nodemailer').then((m) => m.createTransport(options.smtpUrl)));
  const messageDomain = /@([^>\s]+)/.exec(options.from)?.[1] ?? 'fellestjenester.invalid';
  let running: Promise<number> | undefined;
  let again = false;
  let stopped = false;

  async function sendDue(): Promise<number> {
    let sent = 0;
    for (;;) {
      const batch = await db.transaction(async (tx) => {
        const rows = await queryRows<{ id: string; recipients: string[]; subject: string; text_body: string; attempts: number; headers: Record<string, string> | null }>(
          tx,
          sql`select id, recipients, subject, text_body, attempts, headers from mail_outbox
              where sent_at is null and next_attempt_at <= now() and attempts < ${MAX_ATTEMPTS}
              order by created_at limit 20 for update skip locked`,
        );
        for (const r of rows) {
          try {
            // The Message-ID is the outbox row's: should a process die after the SMTP server took the mail but before the
            // commit, the mail sent again carries the same Message-ID, which mail systems treat as one message.
            await (await transporter()).sendMail({ from: options.from, to: r.recipients, subject: r.subject, text: r.text_body, headers: r.headers ?? {}, messageId: `<${r.id}@${messageDomain}>` });
            await tx.execute(sql`update mail_outbox set sent_at = now(), attempts = attempts + 1, last_error = null where id = ${r.id}`);
            sent++;
          } catch (e) {
            const delaySeconds = Math.min(3600, 30 * 2 ** r.attempts);
            await tx.execute(
              sql`update mail_outbox set attempts = attempts + 1, last_error = ${String((e as Error).message).slice(0, 500)},
                  next_attempt_at = now() + make_interval(secs => ${delaySeconds}) where id = ${r.id}`,
            );
            options.log?.('mail not sent', e);
          }
        }
        return rows.length;
      });
      if (batch < 20) return sent;
    }
  }

  function run() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = sendDue()
      .catch((e: unknown) => {
        options.log?.('mail dispatch failed', e);
        return 0;
      })
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          run();
        }
      });
  }

  const timer = setInterval(run, options.pollMs ?? 5000);
  timer.unref();
  run();
  return {
    kick: run,
    sendDue,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      (await transport?.catch(() => undefined))?.close();
    },
  };
}
