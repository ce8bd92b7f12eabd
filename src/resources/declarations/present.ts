import type { Language } from '../../domain/catalogue.js';
import { agencyScopes, isAdmin, ministryScopes, type Principal, providerScopes } from '../../domain/principal.js';
import type { FollowUpState } from '../../domain/procurementLifecycle.js';
import type { Question, QuestionnaireDefinition } from '../../domain/questionnaire.js';
import { sizeClassOf, type SizeThresholds } from '../../domain/sizeClass.js';
import { localizer } from '../shared/present.js';
import type { DeclarationRow } from './queries.js';

/**
 * Who reads a procurement's declarations, and so which fields they get:
 * - `provider`: the provider running the procurement and administrators — every declaration, with the follow-up
 *   (state, note, when, by whom) that is the provider's own working notes;
 * - `agency`: an agency editor (their agencies') or a ministry viewer (the agencies under the ministry) — the
 *   declarations themselves, never the provider's follow-up.
 * undefined: no one else may read them (the public, other providers).
 */
export type DeclarationReader = 'provider' | 'agency';

export function declarationReader(p: Principal | undefined, providerId: string): DeclarationReader | undefined {
  if (!p) return undefined;
  if (isAdmin(p) || providerScopes(p).includes(providerId)) return 'provider';
  return agencyScopes(p).length || ministryScopes(p).length ? 'agency' : undefined;
}

/** The provider's follow-up of an opt-out: only in the provider's view. */
export const FOLLOW_UP_FIELDS = ['followUp', 'followUpNote', 'followUpAt', 'followUpBy'] as const;
type FollowUpField = (typeof FOLLOW_UP_FIELDS)[number];

/** A declaration as one reader sees it: the provider's view has the follow-up fields, an agency's has none. */
export type DeclarationView = Omit<DeclarationRow, FollowUpField> & Partial<Pick<DeclarationRow, FollowUpField>>;

/** The rows as this reader may see them (for the overview page and its CSV download). */
export function declarationsFor(reader: DeclarationReader, rows: readonly DeclarationRow[]): DeclarationView[] {
  if (reader === 'provider') return [...rows];
  return rows.map(({ followUp: _state, followUpNote: _note, followUpAt: _at, followUpBy: _by, ...rest }) => rest);
}

/** The overview's filters: by the provider's follow-up (the provider's view only) and by the reason given. */
export interface DeclarationListFilter {
  followUp?: FollowUpState | undefined;
  reason?: string | undefined;
}

/** The question the overview counts and filters by: the questionnaire's first choice question, if any. */
export function reasonQuestionOf(def: QuestionnaireDefinition): Question | undefined {
  return def.questions.find((q) => q.type === 'single_choice' || q.type === 'multi_choice');
}

/** The filter from the overview's query as this reader may apply it (only the provider filters by follow-up). */
export function listFilterFor(reader: DeclarationReader, query: { oppfolging?: FollowUpState | undefined; grunn?: string | undefined }): DeclarationListFilter {
  return { followUp: reader === 'provider' ? query.oppfolging : undefined, reason: query.grunn };
}

/**
 * The declarations the overview lists under its filters, and so exactly the rows of its CSV/XLSX download: one
 * function for both, so what is downloaded cannot differ from what the page lists.
 */
export function filterDeclarations(rows: readonly DeclarationView[], def: QuestionnaireDefinition, filter: DeclarationListFilter): DeclarationView[] {
  const reason = reasonQuestionOf(def);
  return rows.filter(
    (r) => (!filter.followUp || r.followUp === filter.followUp) && (!filter.reason || !reason || [r.answers[reason.id]].flat().includes(filter.reason)),
  );
}

/** A declaration in the API (`Declaration` schema): `followUp` only for the provider (null until followed up). */
export function presentDeclaration(d: DeclarationRow, reader: DeclarationReader, lang: Language, thresholds: SizeThresholds) {
  const { text, org } = localizer(lang);
  return {
    id: d.id,
    procurementId: d.procurementId,
    agency: { orgnr: d.agency.orgnr, name: text(d.agency.name), sizeClass: sizeClassOf(d.agency.employees, thresholds), kind: d.agency.kind },
    ministry: d.ministry ? org(d.ministry) : null,
    kind: d.kind,
    answers: d.answers,
    submittedAt: d.submittedAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    withdrawnAt: d.withdrawnAt?.toISOString() ?? null,
    ...(reader === 'provider' ? { followUp: d.followUp ? { state: d.followUp, note: d.followUpNote, at: d.followUpAt?.toISOString() ?? null, by: d.followUpBy } : null } : {}),
  };
}
