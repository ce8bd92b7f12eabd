import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import type { Language } from '../../domain/catalogue.js';
import type { Delivery, FollowTarget } from '../../domain/notify.js';
import type { Principal } from '../../domain/principal.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import { targetExists } from './queries.js';

/** Only a person follows (a system client has no inbox): the user id, or 403. */
export function personOf(p: Principal | undefined, lang: Language): string {
  if (!p) throw new HttpProblem(401, messages[lang].access.signInRequired);
  if (p.kind !== 'user') throw new HttpProblem(403, messages[lang].access.forbidden);
  return p.id;
}

/** Follow (or stop following) a target. Following twice is one follow; stopping a default is remembered. */
export async function setFollow(db: Executor, userId: string, type: FollowTarget, id: string, active: boolean, lang: Language): Promise<void> {
  if (!(await targetExists(db, type, id))) throw new HttpProblem(404, messages[lang].api.noSuchResource(`${type}/${id}`));
  await db.execute(sql`insert into follows (user_id, target_type, target_id, active) values (${userId}, ${type}, ${id}, ${active})
    on conflict (user_id, target_type, target_id) do update set active = excluded.active, created_at = case when follows.active = excluded.active then follows.created_at else now() end`);
}

export async function setDelivery(db: Executor, userId: string, delivery: Delivery, language: Language): Promise<void> {
  await db.execute(sql`insert into notification_settings (user_id, delivery, language) values (${userId}, ${delivery}, ${language})
    on conflict (user_id) do update set delivery = excluded.delivery, language = excluded.language, updated_at = now()`);
}

/** Marks some (or all) of a person's notifications as read; only their own. Returns the unread count after. */
export async function markRead(db: Executor, userId: string, ids: string[] | undefined, now: Date): Promise<void> {
  const valid = ids?.filter((i) => /^[0-9a-f-]{36}$/i.test(i));
  if (valid && valid.length === 0) return;
  await db.execute(
    sql`update notifications set read_at = ${now.toISOString()} where user_id = ${userId} and read_at is null
        ${valid ? sql`and id in (${sql.join(valid.map((i) => sql`${i}`), sql`, `)})` : sql``}`,
  );
}
