/**
 * The editorial life of a shared service in the catalogue, as explicit state machines (imitating
 * procurementLifecycle.ts). Pure: no I/O; the caller says whether the provider requires review and who acts.
 *
 * A change is made in a draft; the public sees only the published version until the draft is published:
 *
 *   draft ──publish──────────────────────────────→ published      (provider without review)
 *   draft ──submit──→ in_review ──approve──────────→ published      (provider with review: DFØ approves)
 *                         │  └──return (comment)──→ returned ──submit──→ in_review …
 *                         └──withdraw──→ draft
 *
 * A published service may be retired (the page stays, marked, out of default search) and reinstated:
 *
 *   published ──retire──→ retired ──reinstate──→ published
 *
 * Its operating status (planned, pilot, in operation, being phased out) is a field of the version, moved by edits
 * along `OPERATING_MOVES`.
 */
import type { ServiceStatus } from './catalogue.js';

export const DRAFT_STATES = ['draft', 'in_review', 'returned', 'published'] as const;
export type DraftState = (typeof DRAFT_STATES)[number];

export const DRAFT_ACTIONS = ['edit', 'submit', 'withdraw', 'return', 'approve', 'publish'] as const;
export type DraftAction = (typeof DRAFT_ACTIONS)[number];

export type DraftRefusal =
  | 'final_state' // a published draft is gone: nothing happens to it any more
  | 'wrong_state' // the action does not start from this state
  | 'review_required' // the provider requires review: submit instead of publishing
  | 'review_not_required' // nothing to review: publish directly
  | 'comment_missing' // returning a draft needs a comment saying why
  | 'own_draft'; // a second person approves: the author of the last change may not

export type DraftTransition = { ok: true; to: DraftState } | { ok: false; reason: DraftRefusal };

export interface DraftContext {
  /** The provider requires review (DFØ turns it on per provider). */
  reviewRequired: boolean;
  /** return: why the draft goes back to its editors. */
  comment?: string | undefined;
  /** approve: whether the approver is the one who last changed the draft. */
  actorIsAuthor?: boolean | undefined;
}

const FROM: Record<DraftAction, readonly DraftState[]> = {
  edit: ['draft', 'returned'],
  submit: ['draft', 'returned'],
  withdraw: ['in_review'],
  return: ['in_review'],
  approve: ['in_review'],
  publish: ['draft', 'returned'],
};

const TARGET: Record<DraftAction, DraftState | 'same'> = {
  edit: 'same',
  submit: 'in_review',
  withdraw: 'draft',
  return: 'returned',
  approve: 'published',
  publish: 'published',
};

export function draftTransition(from: DraftState, action: DraftAction, ctx: DraftContext): DraftTransition {
  if (from === 'published') return { ok: false, reason: 'final_state' };
  if (!FROM[action].includes(from)) return { ok: false, reason: 'wrong_state' };
  if (action === 'publish' && ctx.reviewRequired) return { ok: false, reason: 'review_required' };
  if ((action === 'submit' || action === 'approve' || action === 'return') && !ctx.reviewRequired) return { ok: false, reason: 'review_not_required' };
  if (action === 'return' && !ctx.comment?.trim()) return { ok: false, reason: 'comment_missing' };
  if (action === 'approve' && ctx.actorIsAuthor) return { ok: false, reason: 'own_draft' };
  const target = TARGET[action];
  return { ok: true, to: target === 'same' ? from : target };
}

/** The actions possible from a draft state for a provider with or without review (before who-acts guards). */
export function draftActionsFrom(state: DraftState, reviewRequired: boolean): DraftAction[] {
  return DRAFT_ACTIONS.filter((a) => {
    const r = draftTransition(state, a, { reviewRequired, comment: 'x', actorIsAuthor: false });
    return r.ok;
  });
}

/** Whether the published service is listed or retired. */
export const PUBLICATION_STATES = ['published', 'retired'] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];

export const PUBLICATION_ACTIONS = ['retire', 'reinstate'] as const;
export type PublicationAction = (typeof PUBLICATION_ACTIONS)[number];

export type PublicationTransition = { ok: true; to: PublicationState } | { ok: false; reason: 'wrong_state' };

export function publicationTransition(from: PublicationState, action: PublicationAction): PublicationTransition {
  if (action === 'retire') return from === 'published' ? { ok: true, to: 'retired' } : { ok: false, reason: 'wrong_state' };
  return from === 'retired' ? { ok: true, to: 'published' } : { ok: false, reason: 'wrong_state' };
}

/**
 * The operating status a new version may take after the published one. Forward along the line planned → pilot →
 * active → phasing_out (a step may be skipped), and back where it happens in practice: a pilot put back to
 * planning, a phase-out called off. A service in operation is not "planned" again.
 */
export const OPERATING_MOVES: Record<ServiceStatus, readonly ServiceStatus[]> = {
  planned: ['pilot', 'active'],
  pilot: ['planned', 'active', 'phasing_out'],
  active: ['phasing_out'],
  phasing_out: ['active'],
};

/** Whether a version may change the operating status from `from` to `to` (unchanged is always allowed). */
export function operatingMoveAllowed(from: ServiceStatus | null, to: ServiceStatus): boolean {
  if (from === null || from === to) return true;
  return OPERATING_MOVES[from].includes(to);
}

/** One field that differs between two versions: its path ("name.nn", "tiers") and both values. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const isPlainObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Missing, null and empty text are the same absence. */
const absent = (x: unknown) => x === undefined || x === null || x === '';

function sameValue(a: unknown, b: unknown): boolean {
  if (absent(a) && absent(b)) return true;
  return stableJson(a) === stableJson(b);
}

function stableJson(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(stableJson).join(',')}]`;
  if (isPlainObject(x)) {
    return `{${Object.keys(x)
      .filter((k) => !absent(x[k]))
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(x[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(x ?? null);
}

/**
 * The fields that differ between two versions of a service, field by field: objects are descended into (so a
 * changed English name is "name.en", not the whole name), lists are compared whole. In a stable order: the
 * order of the fields in `after`, then fields only in `before`. Used by the history page and by notifications.
 */
export function diffVersions(before: Record<string, unknown> | null, after: Record<string, unknown>, prefix = ''): FieldChange[] {
  const changes: FieldChange[] = [];
  const keys = [...Object.keys(after), ...Object.keys(before ?? {}).filter((k) => !(k in after))];
  for (const key of keys) {
    const a = before?.[key];
    const b = after[key];
    const field = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(a) && isPlainObject(b)) changes.push(...diffVersions(a, b, field));
    else if (isPlainObject(b) && absent(a)) changes.push(...diffVersions({}, b, field));
    else if (isPlainObject(a) && absent(b)) changes.push(...diffVersions(a, {}, field));
    else if (!sameValue(a, b)) changes.push({ field, before: a ?? null, after: b ?? null });
  }
  return changes;
}

/** The top-level fields among changes ("name.nn" → "name"), in order, once each: what a history line lists. */
export function changedFields(changes: readonly FieldChange[]): string[] {
  return [...new Set(changes.map((c) => c.field.split('.')[0]!))];
}
