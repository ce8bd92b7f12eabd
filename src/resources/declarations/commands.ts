import { isDeepStrictEqual } from 'node:util';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/database.js';
import { agencies, declarations, procurements, questionnaires } from '../../db/schema/index.js';
import type { Language } from '../../domain/catalogue.js';
import { formatOrgnr } from '../../domain/orgnr.js';
import { capacityForAgency, capacityForProvider } from '../../domain/principal.js';
import { declarationKindFor, declarationWindow, type FollowUpState } from '../../domain/procurementLifecycle.js';
import { validateAnswers } from '../../domain/questionnaire.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import type { Actor } from '../../domain/actor.js';
import { auditInsert, recordAudit } from '../../db/audit.js';
import { eventInserts } from '../../db/events.js';
import { isUniqueViolation } from '../../server/dbErrors.js';
import { mayProcurement } from '../procurements/policy.js';
import { isEligibleAgency } from '../procurements/queries.js';
import { answerProblems } from '../shared/questionnaireMessages.js';
import { mayDeclaration } from './policy.js';
import { type DeclarationRow, declarationRowOf, listedAgencyColumns, ministry } from './queries.js';

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/**
 * A declaration in an audit event done for the agency (submit, change, withdraw): the agency reads these events, so
 * they leave out the provider's follow-up, which the agency does not see.
 */
const snapshot = (d: Pick<typeof declarations.$inferSelect, 'kind' | 'answers' | 'withdrawnAt'> | undefined | null) =>
  d ? { kind: d.kind, answers: d.answers, withdrawnAt: d.withdrawnAt?.toISOString() ?? null } : null;

/** A declaration in the provider's follow-up event (read by the provider and administrators): with the follow-up. */
const followUpSnapshot = (d: typeof declarations.$inferSelect | undefined) => (d ? { ...snapshot(d), followUp: d.followUp, followUpNote: d.followUpNote } : null);

/**
 * The procurement (locked for share, so a transition cannot slip between the window check and the write), its
 * questionnaire, the agency, the right to act for it, and the agency's declaration as it stands (not locked; with its
 * row version, `xmin`, for a write that must find it unchanged), read in one query (each round trip of a write waits
 * its turn in a busy event loop while the transaction holds its locks). Refusals in order: 404 procurement, 404
 * agency, 403, 409 not eligible, 409 window not open.
 */
async function loadForDeclaring(tx: Tx, actor: Actor, procurementId: string, orgnr: string, lang: Language, action: 'submit' | 'withdraw') {
  const t = messages[lang];
  const [row] = await tx
    .select({
      p: procurements,
      q: questionnaires,
      agency: { ...listedAgencyColumns, ministryOrgnr: agencies.ministryOrgnr, deletedOn: agencies.deletedOn },
      ministry: { orgnr: ministry.orgnr, name: ministry.name },
      existing: declarations,
      existingVersion: sql<string | null>`${declarations}.xmin::text`,
    })
    .from(procurements)
    .innerJoin(questionnaires, eq(questionnaires.id, procurements.questionnaireId))
    .leftJoin(agencies, eq(agencies.orgnr, orgnr))
    .leftJoin(ministry, eq(ministry.orgnr, agencies.ministryOrgnr))
    .leftJoin(declarations, and(eq(declarations.procurementId, procurements.id), eq(declarations.agencyOrgnr, orgnr)))
    .where(eq(procurements.id, procurementId))
    .for('share', { of: procurements });
  if (!row) throw new HttpProblem(404, t.procurement.errors.unknown);
  const { p, q, agency, ministry: itsMinistry, existing, existingVersion } = row;
  if (!agency) throw new HttpProblem(404, t.errors.unknownAgency(formatOrgnr(orgnr)));
  if (!mayDeclaration(actor.principal, action, { agencyOrgnr: orgnr, agencyMinistryOrgnr: agency.ministryOrgnr, providerId: p.providerId })) {
    throw new HttpProblem(403, t.access.notYourAgency(formatOrgnr(orgnr)));
  }
  if (!isEligibleAgency(p.eligibility, agency)) throw new HttpProblem(409, t.declaration.errors.notEligible);
  const window = declarationWindow(p, actor.now);
  if (window !== 'open') throw new HttpProblem(409, window === 'not_open' ? t.declaration.errors.notOpen : t.declaration.errors.closed);
  /** The declaration as the readers' list has it (declarationRowOf), with this agency and its ministry. */
  const { ministryOrgnr: _ministry, deletedOn: _deleted, ...listedAgency } = agency;
  const listed = (d: typeof declarations.$inferSelect): DeclarationRow => declarationRowOf(d, listedAgency, itsMinistry);
  return { p, q, agency, listed, existing: existing ?? undefined, existingVersion };
}

export interface DeclarationOutcome {
  declaration: typeof declarations.$inferSelect;
  /** created, changed, or unchanged (a repeated submission: idempotent, nothing written). */
  outcome: 'created' | 'changed' | 'unchanged';
}

/**
 * declarationSubmitter: an agency's opt-out or accession, validated against the procurement's questionnaire. One
 * per agency and procurement: a second submission changes it (or, with the same answers, does nothing), a
 * withdrawn one is taken up again. Only while the window is open.
 *
 * Four round trips: BEGIN, the declaring query (which reads the declaration too), one statement that writes it with
 * its event, fan-out job and audit event, and COMMIT. The write finds the declaration as read or writes nothing
 * (`xmin`, or the unique index for a first one): when another editor of the agency changed it in between, the
 * transaction is rolled back and done again with the declaration locked before it is read, as every write did before.
 */
export async function submitDeclaration(
  db: Database,
  actor: Actor,
  procurementId: string,
  orgnr: string,
  raw: Record<string, unknown>,
  lang: Language,
): Promise<DeclarationOutcome & { listed: DeclarationRow }> {
  try {
    return await db.transaction((tx) => declare(tx, actor, procurementId, orgnr, raw, lang, 'as read'));
  } catch (error) {
    if (!(error instanceof ChangedMeanwhile) && !isUniqueViolation(error, 'declarations_one_per_agency_idx')) throw error;
    return db.transaction((tx) => declare(tx, actor, procurementId, orgnr, raw, lang, 'locked'));
  }
}

/** The declaration was changed between the declaring query and the write (its row version moved). */
class ChangedMeanwhile extends Error {}

async function declare(
  tx: Tx,
  actor: Actor,
  procurementId: string,
  orgnr: string,
  raw: Record<string, unknown>,
  lang: Language,
  read: 'as read' | 'locked',
): Promise<DeclarationOutcome & { listed: DeclarationRow }> {
  const loaded = await loadForDeclaring(tx, actor, procurementId, orgnr, lang, 'submit');
  const { p, q, agency, listed } = loaded;
  const result = validateAnswers(q.definition, raw);
  if (!result.ok) {
    const errors = answerProblems(q.definition, result.problems, lang);
    throw new HttpProblem(400, errors.map((e) => e.message).join(' '), { errors });
  }
  const kind = declarationKindFor(p.obligation);
  const existing = read === 'locked' ? await getForUpdate(tx, procurementId, orgnr) : loaded.existing;
  if (existing && !existing.withdrawnAt && existing.kind === kind && isDeepStrictEqual(existing.answers, result.answers)) {
    return { declaration: existing, listed: listed(existing), outcome: 'unchanged' as const };
  }
  const values = { kind, questionnaireId: q.id, answers: result.answers, updatedAt: actor.now, submittedBy: actor.principal.name, withdrawnAt: null };
  const id = existing?.id ?? randomUUID();
  // The event, its fan-out job and the audit event go with the write, in one statement.
  const event = eventInserts(tx, actor, {
    kind: 'declaration.received',
    subjectType: 'procurement',
    subjectId: procurementId,
    params: { title: p.title, agency: agency.name, providerId: p.providerId, path: `/anskaffelser/${procurementId}/erklaeringer` },
  });
  const audit = auditInsert(tx, actor, capacityForAgency(actor.principal, orgnr), {
    action: existing ? 'declaration.change' : 'declaration.submit',
    entityType: 'declaration',
    entityId: id,
    before: snapshot(existing),
    after: snapshot(values),
  });
  const write = tx.with(...[...event.inserts, audit].map((insert, i) => tx.$with(`w${i}`, {}).as(insert.getSQL())));
  const [row] = existing
    ? await write
        .update(declarations)
        .set(values)
        .where(and(eq(declarations.id, existing.id), read === 'as read' ? sql`${declarations}.xmin = ${loaded.existingVersion}::xid` : undefined))
        .returning()
    : await write
        .insert(declarations)
        .values({ ...values, id, procurementId, agencyOrgnr: orgnr, submittedAt: actor.now, followUp: kind === 'opt_out' ? 'to_contact' : null })
        .returning();
  if (!row) throw new ChangedMeanwhile();
  return { declaration: row, listed: listed(row), outcome: existing ? ('changed' as const) : ('created' as const) };
}

async function getForUpdate(tx: Executor, procurementId: string, orgnr: string) {
  const [row] = await tx
    .select()
    .from(declarations)
    .where(and(eq(declarations.procurementId, procurementId), eq(declarations.agencyOrgnr, orgnr)))
    .for('update');
  return row;
}

/** declarationWithdrawer: takes a declaration back before the deadline. Withdrawing twice does nothing more. */
export async function withdrawDeclaration(db: Database, actor: Actor, procurementId: string, orgnr: string, lang: Language): Promise<DeclarationOutcome> {
  return db.transaction(async (tx) => {
    await loadForDeclaring(tx, actor, procurementId, orgnr, lang, 'withdraw');
    const existing = await getForUpdate(tx, procurementId, orgnr);
    if (!existing) throw new HttpProblem(404, messages[lang].declaration.errors.none);
    if (existing.withdrawnAt) return { declaration: existing, outcome: 'unchanged' as const };
    const [row] = await tx.update(declarations).set({ withdrawnAt: actor.now, updatedAt: actor.now }).where(eq(declarations.id, existing.id)).returning();
    await recordAudit(tx, actor, capacityForAgency(actor.principal, orgnr), {
      action: 'declaration.withdraw',
      entityType: 'declaration',
      entityId: existing.id,
      before: snapshot(existing),
      after: snapshot(row),
    });
    return { declaration: row!, outcome: 'changed' as const };
  });
}

/** followUpMarker: the provider's follow-up of an opt-out (to contact → contacted → resolved), with a note. Any time. */
export async function setFollowUp(
  db: Database,
  actor: Actor,
  procurementId: string,
  orgnr: string,
  input: { state: FollowUpState; note?: string | undefined },
  lang: Language,
): Promise<typeof declarations.$inferSelect> {
  const t = messages[lang];
  return db.transaction(async (tx) => {
    const [p] = await tx.select({ providerId: procurements.providerId }).from(procurements).where(eq(procurements.id, procurementId));
    if (!p) throw new HttpProblem(404, t.procurement.errors.unknown);
    if (!mayProcurement(actor.principal, 'follow_up', p)) throw new HttpProblem(403, t.access.notYourProvider);
    const existing = await getForUpdate(tx, procurementId, orgnr);
    if (!existing) throw new HttpProblem(404, t.declaration.errors.none);
    if (existing.kind !== 'opt_out') throw new HttpProblem(409, t.declaration.errors.followUpOnlyOptOut);
    const note = input.note?.trim() || null;
    if (existing.followUp === input.state && existing.followUpNote === note) return existing;
    const [row] = await tx
      .update(declarations)
      .set({ followUp: input.state, followUpNote: note, followUpAt: actor.now, followUpBy: actor.principal.name })
      .where(eq(declarations.id, existing.id))
      .returning();
    await recordAudit(tx, actor, capacityForProvider(actor.principal, p.providerId), {
      action: 'declaration.follow_up',
      entityType: 'declaration',
      entityId: existing.id,
      before: followUpSnapshot(existing),
      after: followUpSnapshot(row),
    });
    return row!;
  });
}
