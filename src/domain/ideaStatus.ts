/**
 * The life of an idea or improvement proposal (the report's 5.4: providers should involve users continuously). An
 * agency proposes; the provider answers and moves it on. Pure: no I/O.
 *
 *   received → under_consideration → planned → done
 *        ↘             ↘                ↘
 *                     declined (with a reason) → under_consideration (taken up again)
 *
 * `received` may go straight to `planned`; a plan may be put back under consideration. `done` is final. Declining
 * needs a reason the proposer can read. Staying in the same state with a note is an answer without a change.
 */

export const IDEA_STATUSES = ['received', 'under_consideration', 'planned', 'done', 'declined'] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];

export const IDEA_MOVES: Record<IdeaStatus, readonly IdeaStatus[]> = {
  received: ['under_consideration', 'planned', 'declined'],
  under_consideration: ['planned', 'declined'],
  planned: ['done', 'declined', 'under_consideration'],
  done: [],
  declined: ['under_consideration'],
};

export type IdeaMoveProblem = 'not_allowed' | 'reason_required' | 'nothing_to_do';

export type IdeaMove = { ok: true; kind: 'move' | 'answer' } | { ok: false; problem: IdeaMoveProblem };

/** Whether a provider may move an idea from one state to another with this note (trimmed; empty is none). */
export function checkIdeaMove(from: IdeaStatus, to: IdeaStatus, note: string | undefined | null): IdeaMove {
  const text = (note ?? '').trim();
  if (from === to) return text ? { ok: true, kind: 'answer' } : { ok: false, problem: 'nothing_to_do' };
  if (!IDEA_MOVES[from].includes(to)) return { ok: false, problem: 'not_allowed' };
  if (to === 'declined' && !text) return { ok: false, problem: 'reason_required' };
  return { ok: true, kind: 'move' };
}

/** Whether agencies may still vote and comment: not once it is done or declined. */
export function ideaIsOpen(status: IdeaStatus): boolean {
  return status !== 'done' && status !== 'declined';
}
