import { describe, expect, it } from 'vitest';
import {
  actionsFrom,
  declarationKindFor,
  declarationWindow,
  FINAL_STATES,
  PROCUREMENT_ACTIONS,
  PROCUREMENT_STATES,
  type ProcurementState,
  transition,
} from './procurementLifecycle.js';
import { transitionTable } from './transitionTable.js';

const now = new Date('2026-03-01T12:00:00Z');
const hours = (h: number) => new Date(now.getTime() + h * 3600_000);
const ok = { now, deadline: hours(24 * 14), currentDeadline: hours(-1) };

/** The legal moves, and nothing else: every other (state, action) pair must be refused. */
const LEGAL = transitionTable(PROCUREMENT_STATES, PROCUREMENT_ACTIONS, {
  'planned open_consultation': 'consultation',
  'consultation announce': 'announced',
  'announced award': 'awarded',
  'awarded activate': 'active',
  'active expire': 'expired',
  'planned cancel': 'cancelled',
  'consultation cancel': 'cancelled',
  'announced cancel': 'cancelled',
  'awarded cancel': 'cancelled',
  'active cancel': 'cancelled',
});

describe('procurement lifecycle', () => {
  it.each(LEGAL.pairs)('%s --%s--> is legal exactly when the table says so', (state, action) => {
    const result = transition(state, action, ok);
    const expected = LEGAL.to(state, action);
    if (expected) expect(result).toEqual({ ok: true, to: expected });
    else expect(result).toEqual({ ok: false, reason: FINAL_STATES.includes(state) ? 'final_state' : 'wrong_state' });
  });

  it('covers all 42 state × action pairs, 10 of them legal', () => {
    expect(LEGAL.pairs).toHaveLength(42);
    expect(LEGAL.pairs.filter(([s, a]) => transition(s, a, ok).ok)).toHaveLength(10);
  });

  it('opens a consultation only with a deadline at least an hour ahead and an opening before it', () => {
    expect(transition('planned', 'open_consultation', { now })).toEqual({ ok: false, reason: 'deadline_missing' });
    expect(transition('planned', 'open_consultation', { now, deadline: hours(-1) })).toEqual({ ok: false, reason: 'deadline_in_past' });
    expect(transition('planned', 'open_consultation', { now, deadline: hours(0.5) })).toEqual({ ok: false, reason: 'deadline_in_past' });
    expect(transition('planned', 'open_consultation', { now, deadline: hours(2), opensAt: hours(3) })).toEqual({ ok: false, reason: 'opens_after_deadline' });
    expect(transition('planned', 'open_consultation', { now, deadline: hours(2), opensAt: hours(1) })).toEqual({ ok: true, to: 'consultation' });
  });

  it('announces only after the consultation deadline has passed', () => {
    expect(transition('consultation', 'announce', { now, currentDeadline: hours(1) })).toEqual({ ok: false, reason: 'consultation_still_open' });
    expect(transition('consultation', 'announce', { now, currentDeadline: now })).toEqual({ ok: true, to: 'announced' });
  });

  it('lists the actions available from each state', () => {
    expect(actionsFrom('planned')).toEqual(['open_consultation', 'cancel']);
    expect(actionsFrom('active')).toEqual(['expire', 'cancel']);
    expect(actionsFrom('expired')).toEqual([]);
    expect(actionsFrom('cancelled')).toEqual([]);
  });

  it('tells opt-out from accession by obligation', () => {
    expect(declarationKindFor('mandatory')).toBe('opt_out');
    expect(declarationKindFor('voluntary')).toBe('accession');
  });
});

describe('declaration window', () => {
  const p = (status: ProcurementState, opens: Date | null, deadline: Date | null) => ({ status, consultationOpensAt: opens, consultationDeadline: deadline });

  it('is open only in consultation, from the opening until (not including) the deadline', () => {
    expect(declarationWindow(p('consultation', hours(-1), hours(1)), now)).toBe('open');
    expect(declarationWindow(p('consultation', hours(1), hours(2)), now)).toBe('not_open');
    expect(declarationWindow(p('consultation', hours(-2), now), now)).toBe('closed');
    expect(declarationWindow(p('consultation', null, hours(1)), now)).toBe('open');
  });

  it.each(PROCUREMENT_STATES.filter((s) => s !== 'consultation'))('is never open in %s', (s) => {
    expect(declarationWindow(p(s, hours(-1), hours(1)), now)).toBe(s === 'planned' ? 'not_open' : 'closed');
  });
});
