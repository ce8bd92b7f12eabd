/**
 * The lifecycle of a procurement of a framework agreement (anskaffelse), as an explicit state machine:
 *
 *   planned → consultation → announced → awarded → active → expired
 *      └──────────┴─────────────┴──────────┴─────────┴──→ cancelled
 *
 * `consultation` is the window in which agencies opt out (mandatory agreements) or declare accession
 * (voluntary ones); it has an opening time and a deadline. Every transition is guarded here, with the time given
 * by the caller (a clock), so rules can be tested without waiting. Pure: no I/O.
 */

export const PROCUREMENT_STATES = ['planned', 'consultation', 'announced', 'awarded', 'active', 'expired', 'cancelled'] as const;
export type ProcurementState = (typeof PROCUREMENT_STATES)[number];

export const FINAL_STATES: readonly ProcurementState[] = ['expired', 'cancelled'];

export const PROCUREMENT_ACTIONS = ['open_consultation', 'announce', 'award', 'activate', 'expire', 'cancel'] as const;
export type ProcurementAction = (typeof PROCUREMENT_ACTIONS)[number];

/** Whether agencies must use the agreement unless they opt out, or may declare that they want it. */
export const PROCUREMENT_OBLIGATIONS = ['mandatory', 'voluntary'] as const;
export type ProcurementObligation = (typeof PROCUREMENT_OBLIGATIONS)[number];

/** The kind of declaration an agency makes in the consultation follows from the obligation. */
export const DECLARATION_KINDS = ['opt_out', 'accession'] as const;
export type DeclarationKind = (typeof DECLARATION_KINDS)[number];

export function declarationKindFor(obligation: ProcurementObligation): DeclarationKind {
  return obligation === 'mandatory' ? 'opt_out' : 'accession';
}

const TARGET: Record<ProcurementAction, ProcurementState> = {
  open_consultation: 'consultation',
  announce: 'announced',
  award: 'awarded',
  activate: 'active',
  expire: 'expired',
  cancel: 'cancelled',
};

const FROM: Record<Exclude<ProcurementAction, 'cancel'>, ProcurementState> = {
  open_consultation: 'planned',
  announce: 'consultation',
  award: 'announced',
  activate: 'awarded',
  expire: 'active',
};

/** What a transition needs to know besides the state. */
export interface TransitionContext {
  now: Date;
  /** open_consultation: when the window opens (default now) and closes. */
  opensAt?: Date | undefined;
  deadline?: Date | undefined;
  /** The current consultation's deadline (for announce). */
  currentDeadline?: Date | null | undefined;
  /** DFØ's decision in early involvement (src/domain/earlyInvolvement.ts), when there was one. */
  earlyDecision?: string | null | undefined;
}

export type TransitionRefusal =
  | 'final_state' // nothing happens after expired or cancelled
  | 'wrong_state' // the action does not start from this state
  | 'deadline_missing'
  | 'deadline_in_past'
  | 'opens_after_deadline'
  | 'consultation_still_open' // announce before the deadline has passed
  | 'decided_to_stop'; // DFØ decided in early involvement not to go on with the procurement

export type TransitionResult = { ok: true; to: ProcurementState } | { ok: false; reason: TransitionRefusal };

/** The shortest consultation a provider may open: agencies need time to answer. */
export const MIN_CONSULTATION_MS = 60 * 60 * 1000;

export function transition(from: ProcurementState, action: ProcurementAction, ctx: TransitionContext): TransitionResult {
  if (FINAL_STATES.includes(from)) return { ok: false, reason: 'final_state' };
  if (action === 'cancel') return { ok: true, to: 'cancelled' };
  if (FROM[action] !== from) return { ok: false, reason: 'wrong_state' };
  if (action === 'open_consultation') {
    if (ctx.earlyDecision === 'stop') return { ok: false, reason: 'decided_to_stop' };
    if (!ctx.deadline) return { ok: false, reason: 'deadline_missing' };
    const opens = ctx.opensAt ?? ctx.now;
    if (ctx.deadline.getTime() - ctx.now.getTime() < MIN_CONSULTATION_MS) return { ok: false, reason: 'deadline_in_past' };
    if (opens.getTime() >= ctx.deadline.getTime()) return { ok: false, reason: 'opens_after_deadline' };
  }
  if (action === 'announce' && ctx.currentDeadline && ctx.now.getTime() < ctx.currentDeadline.getTime()) {
    return { ok: false, reason: 'consultation_still_open' };
  }
  return { ok: true, to: TARGET[action] };
}

/** The actions a user could take from a state (before time-dependent guards), in lifecycle order. */
export function actionsFrom(state: ProcurementState): ProcurementAction[] {
  if (FINAL_STATES.includes(state)) return [];
  return PROCUREMENT_ACTIONS.filter((a) => a === 'cancel' || FROM[a as Exclude<ProcurementAction, 'cancel'>] === state);
}

/** Where the declaration window stands at a moment. */
export type WindowState = 'not_open' | 'open' | 'closed';

export function declarationWindow(
  p: { status: ProcurementState; consultationOpensAt: Date | null; consultationDeadline: Date | null },
  now: Date,
): WindowState {
  if (p.status === 'planned') return 'not_open';
  if (p.status !== 'consultation' || !p.consultationDeadline) return 'closed';
  if (p.consultationOpensAt && now.getTime() < p.consultationOpensAt.getTime()) return 'not_open';
  return now.getTime() < p.consultationDeadline.getTime() ? 'open' : 'closed';
}

/** Where the state sits in the main line (for a progress display); cancelled is off the line. */
export const MAIN_LINE: readonly ProcurementState[] = ['planned', 'consultation', 'announced', 'awarded', 'active', 'expired'];

/** Follow-up of an opt-out by the provider (report 5.3: contact those who opt out). */
export const FOLLOW_UP_STATES = ['to_contact', 'contacted', 'resolved'] as const;
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number];
