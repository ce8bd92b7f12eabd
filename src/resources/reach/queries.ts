/**
 * Reach (issue 13): who a consultation notice can get to. One query answers both the provider's preview before
 * opening a consultation and the send itself, so the page never promises a notice the send cannot deliver.
 * An agency is reached through its active agency editors and its notice address (DFØ's, else the register's e-mail).
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/database.js';
import type { LocalizedText } from '../../domain/catalogue.js';
import { procurementKinds } from '../../domain/eligibility.js';

export interface AgencyReach {
  orgnr: string;
  name: LocalizedText;
  kind: string;
  /** Every address a notice goes to: the notice address first, then the editors'. Empty: no one is reached. */
  emails: string[];
  noticeEmail: string | null;
  registerEmail: string | null;
  editors: number;
}

/** Each eligible agency (of a procurement's eligibility) with the addresses a notice reaches. */
export async function consultationReach(db: Executor, eligibility: string): Promise<AgencyReach[]> {
  const kinds = procurementKinds(eligibility);
  const rows = await queryRows<{ orgnr: string; name: LocalizedText; kind: string; notice_email: string | null; email: string | null; editor_emails: string[] | null }>(
    db,
    sql`select a.orgnr, a.name, a.kind, a.notice_email, a.email,
          (select array_agg(u.email order by u.email) from role_assignments ra join users u on u.id = ra.user_id
            where ra.role = 'agency_editor' and ra.agency_orgnr = a.orgnr and u.disabled_at is null) as editor_emails
        from agencies a
        where a.kind in (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)}) and a.deleted_on is null
        order by a.name->>'nb', a.orgnr`,
  );
  return rows.map((r) => {
    const address = r.notice_email?.trim() || r.email?.trim() || null;
    const editors = r.editor_emails ?? [];
    const emails = [...new Set([...(address ? [address] : []), ...editors])];
    return { orgnr: r.orgnr, name: r.name, kind: r.kind, emails, noticeEmail: r.notice_email, registerEmail: r.email, editors: editors.length };
  });
}

export interface ReachSummary {
  eligible: number;
  reached: number;
  unreached: { orgnr: string; name: LocalizedText }[];
}

export function summarise(rows: AgencyReach[]): ReachSummary {
  const unreached = rows.filter((r) => r.emails.length === 0).map((r) => ({ orgnr: r.orgnr, name: r.name }));
  return { eligible: rows.length, reached: rows.length - unreached.length, unreached };
}

/** How many agencies a procurement's consultation notice actually went to (one mail per agency in the outbox). */
export async function noticesSent(db: Executor, procurementId: string): Promise<{ queued: number; sent: number }> {
  const [r] = await queryRows<{ queued: number; sent: number }>(
    db,
    sql`select count(*)::int as queued, (count(*) filter (where sent_at is not null))::int as sent
        from mail_outbox where kind = 'consultation_opened' and entity_id = ${procurementId}`,
  );
  return r ?? { queued: 0, sent: 0 };
}

export interface PageReach {
  /** Before the consultation opens, for those who may open it: who the notice will reach. */
  preview?: ReachSummary;
  /** Once it has opened: how many notices were written and sent. */
  notices?: { queued: number; sent: number };
}

/** What a procurement's page says about reach: the preview for its managers while planned, the count sent after. */
export async function reachOfPage(db: Executor, p: { id: string; status: string; eligibility: string; consultationOpensAt: Date | null }, manage: boolean): Promise<PageReach> {
  if (p.status === 'planned') return manage ? { preview: summarise(await consultationReach(db, p.eligibility)) } : {};
  return p.consultationOpensAt ? { notices: await noticesSent(db, p.id) } : {};
}
