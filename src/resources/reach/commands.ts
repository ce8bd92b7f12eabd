import { eq } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { agencies } from '../../db/schema/index.js';
import type { Actor } from '../../domain/actor.js';
import type { Language } from '../../domain/catalogue.js';
import { checkOrgnr, formatOrgnr } from '../../domain/orgnr.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import { changeSetting } from '../shared/setting.js';
import { mayKeepNoticeAddresses } from './policy.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * noticeAddressKeeper: DFØ sets (or, with an empty value, removes) the address an agency gets the portal's notices
 * at. One transaction with its audit event; the same value twice changes nothing and writes no event.
 */
export async function setNoticeEmail(db: Database, actor: Actor, rawOrgnr: string, rawEmail: string | null | undefined, lang: Language): Promise<{ changed: boolean }> {
  const t = messages[lang];
  if (!mayKeepNoticeAddresses(actor.principal)) throw new HttpProblem(403, t.access.forbidden, { roles: ['admin'] });
  const c = checkOrgnr(rawOrgnr);
  if (!c.ok) throw new HttpProblem(400, t.errors.invalidOrgnr[c.problem], { errors: [{ field: 'orgnr', message: t.errors.invalidOrgnr[c.problem] }] });
  const email = (rawEmail ?? '').trim().toLowerCase() || null;
  if (email !== null && (!EMAIL.test(email) || email.length > 254)) {
    throw new HttpProblem(400, t.reach.admin.invalid, { errors: [{ field: 'email', message: t.reach.admin.invalid }] });
  }
  return db.transaction(async (tx) => {
    const [a] = await tx.select({ noticeEmail: agencies.noticeEmail }).from(agencies).where(eq(agencies.orgnr, c.orgnr)).for('update');
    if (!a) throw new HttpProblem(404, t.errors.unknownAgency(formatOrgnr(c.orgnr)));
    const row = { table: agencies, where: eq(agencies.orgnr, c.orgnr), action: 'agency.notice_email', entityType: 'agency', entityId: c.orgnr };
    return { changed: await changeSetting(tx, actor, { role: 'admin', agencyOrgnr: c.orgnr }, row, 'noticeEmail', a.noticeEmail, email) };
  });
}
