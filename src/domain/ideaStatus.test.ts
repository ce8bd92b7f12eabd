import { describe, expect, it } from 'vitest';
import { checkIdeaMove, IDEA_MOVES, IDEA_STATUSES, ideaIsOpen } from './ideaStatus.js';

describe('idea status', () => {
  it('allows exactly the documented moves, for every pair of states', () => {
    const allowed = IDEA_STATUSES.flatMap((from) => IDEA_STATUSES.filter((to) => to !== from && checkIdeaMove(from, to, 'svar').ok).map((to) => `${from}→${to}`));
    expect(allowed).toEqual([
      'received→under_consideration',
      'received→planned',
      'received→declined',
      'under_consideration→planned',
      'under_consideration→declined',
      'planned→under_consideration',
      'planned→done',
      'planned→declined',
      'declined→under_consideration',
    ]);
    for (const from of IDEA_STATUSES) for (const to of IDEA_MOVES[from]) expect(checkIdeaMove(from, to, 'x')).toEqual({ ok: true, kind: 'move' });
  });

  it('keeps done final and refuses skipping from received to done', () => {
    for (const to of IDEA_STATUSES.filter((s) => s !== 'done')) expect(checkIdeaMove('done', to, 'x')).toEqual({ ok: false, problem: 'not_allowed' });
    expect(checkIdeaMove('received', 'done', 'x')).toEqual({ ok: false, problem: 'not_allowed' });
  });

  it('needs a reason to decline', () => {
    expect(checkIdeaMove('received', 'declined', '   ')).toEqual({ ok: false, problem: 'reason_required' });
    expect(checkIdeaMove('planned', 'declined', undefined)).toEqual({ ok: false, problem: 'reason_required' });
    expect(checkIdeaMove('planned', 'declined', 'Passer ikke i veikartet')).toEqual({ ok: true, kind: 'move' });
    expect(checkIdeaMove('received', 'under_consideration', '')).toEqual({ ok: true, kind: 'move' });
  });

  it('treats a note without a change as an answer, and no note as nothing to do', () => {
    expect(checkIdeaMove('planned', 'planned', 'Kommer i versjon 3')).toEqual({ ok: true, kind: 'answer' });
    expect(checkIdeaMove('done', 'done', 'Takk for innspillet')).toEqual({ ok: true, kind: 'answer' });
    expect(checkIdeaMove('received', 'received', ' ')).toEqual({ ok: false, problem: 'nothing_to_do' });
  });

  it('closes voting when done or declined', () => {
    expect(IDEA_STATUSES.filter(ideaIsOpen)).toEqual(['received', 'under_consideration', 'planned']);
  });
});
