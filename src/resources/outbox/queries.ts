import { desc } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { mailOutbox } from '../../db/schema/index.js';

/** The newest mails in the outbox, newest first. */
export function latestMail(db: Executor, limit: number) {
  return db.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt)).limit(limit);
}

export type MailRow = Awaited<ReturnType<typeof latestMail>>[number];
