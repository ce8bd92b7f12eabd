import type { Executor } from '../db/database.js';
import { mailOutbox } from '../db/schema/index.js';

export interface OutgoingMail {
  recipients: string[];
  subject: string;
  text: string;
  kind: string;
  entityId?: string;
  /** Extra headers (List-Unsubscribe …). */
  headers?: Record<string, string>;
  /** A mail that must go out once: a second mail with the same key is not written. */
  dedupeKey?: string;
}

/** Writes mails to the outbox in the caller's transaction; the dispatcher sends them after the commit. */
export async function enqueueMails(tx: Executor, mails: OutgoingMail[]): Promise<void> {
  const rows = mails
    .map((m) => ({ ...m, recipients: [...new Set(m.recipients.map((r) => r.trim().toLowerCase()).filter(Boolean))] }))
    .filter((m) => m.recipients.length > 0)
    .map((m) => ({
      recipients: m.recipients,
      subject: m.subject,
      textBody: m.text,
      kind: m.kind,
      entityId: m.entityId ?? null,
      headers: m.headers ?? null,
      dedupeKey: m.dedupeKey ?? null,
    }));
  for (let i = 0; i < rows.length; i += 500) await tx.insert(mailOutbox).values(rows.slice(i, i + 500)).onConflictDoNothing();
}
