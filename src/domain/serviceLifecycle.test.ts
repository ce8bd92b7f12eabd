import { describe, expect, it } from 'vitest';
import { SERVICE_STATUSES, type ServiceStatus } from './catalogue.js';
import {
  changedFields,
  DRAFT_ACTIONS,
  DRAFT_STATES,
  draftActionsFrom,
  diffVersions,
  draftTransition,
  operatingMoveAllowed,
  PUBLICATION_ACTIONS,
  PUBLICATION_STATES,
  publicationTransition,
} from './serviceLifecycle.js';
import { transitionTable } from './transitionTable.js';

/** The legal moves without review, and with review; every other (state, action) pair is refused. */
const WITHOUT_REVIEW = transitionTable(DRAFT_STATES, DRAFT_ACTIONS, {
  'draft edit': 'draft',
  'returned edit': 'returned',
  'draft publish': 'published',
  'returned publish': 'published',
  'in_review withdraw': 'draft',
});
const WITH_REVIEW = transitionTable(DRAFT_STATES, DRAFT_ACTIONS, {
  'draft edit': 'draft',
  'returned edit': 'returned',
  'draft submit': 'in_review',
  'returned submit': 'in_review',
  'in_review withdraw': 'draft',
  'in_review return': 'returned',
  'in_review approve': 'published',
});

describe('service draft lifecycle', () => {
  const ctx = (reviewRequired: boolean) => ({ reviewRequired, comment: 'Prisen mangler.', actorIsAuthor: false });

  it.each(WITHOUT_REVIEW.pairs)('without review: %s --%s--> is legal exactly when the table says so', (state, action) => {
    const result = draftTransition(state, action, ctx(false));
    const expected = WITHOUT_REVIEW.to(state, action);
    if (expected) expect(result).toEqual({ ok: true, to: expected });
    else expect(result.ok).toBe(false);
  });

  it.each(WITH_REVIEW.pairs)('with review: %s --%s--> is legal exactly when the table says so', (state, action) => {
    const result = draftTransition(state, action, ctx(true));
    const expected = WITH_REVIEW.to(state, action);
    if (expected) expect(result).toEqual({ ok: true, to: expected });
    else expect(result.ok).toBe(false);
  });

  it('says why a move is refused', () => {
    expect(draftTransition('published', 'edit', ctx(false))).toEqual({ ok: false, reason: 'final_state' });
    expect(draftTransition('in_review', 'edit', ctx(true))).toEqual({ ok: false, reason: 'wrong_state' });
    expect(draftTransition('draft', 'publish', ctx(true))).toEqual({ ok: false, reason: 'review_required' });
    expect(draftTransition('draft', 'submit', ctx(false))).toEqual({ ok: false, reason: 'review_not_required' });
  });

  it('returns a draft only with a comment', () => {
    expect(draftTransition('in_review', 'return', { reviewRequired: true, comment: '  ' })).toEqual({ ok: false, reason: 'comment_missing' });
    expect(draftTransition('in_review', 'return', { reviewRequired: true })).toEqual({ ok: false, reason: 'comment_missing' });
    expect(draftTransition('in_review', 'return', { reviewRequired: true, comment: 'Rett prisen.' })).toEqual({ ok: true, to: 'returned' });
  });

  it('needs a second person to approve', () => {
    expect(draftTransition('in_review', 'approve', { reviewRequired: true, actorIsAuthor: true })).toEqual({ ok: false, reason: 'own_draft' });
    expect(draftTransition('in_review', 'approve', { reviewRequired: true, actorIsAuthor: false })).toEqual({ ok: true, to: 'published' });
  });

  it('lists the actions from each state', () => {
    expect(draftActionsFrom('draft', false)).toEqual(['edit', 'publish']);
    expect(draftActionsFrom('draft', true)).toEqual(['edit', 'submit']);
    expect(draftActionsFrom('in_review', true)).toEqual(['withdraw', 'return', 'approve']);
    expect(draftActionsFrom('published', true)).toEqual([]);
  });
});

describe('retire and reinstate', () => {
  const legal = transitionTable(PUBLICATION_STATES, PUBLICATION_ACTIONS, { 'published retire': 'retired', 'retired reinstate': 'published' });
  it.each(legal.pairs)('%s --%s--> is legal exactly when the table says so', (state, action) => {
    const expected = legal.to(state, action);
    expect(publicationTransition(state, action)).toEqual(expected ? { ok: true, to: expected } : { ok: false, reason: 'wrong_state' });
  });
});

describe('operating status', () => {
  const allowed = new Set([
    'planned pilot',
    'planned active',
    'pilot planned',
    'pilot active',
    'pilot phasing_out',
    'active phasing_out',
    'phasing_out active',
  ]);
  const pairs = SERVICE_STATUSES.flatMap((a) => SERVICE_STATUSES.map((b) => [a, b] as [ServiceStatus, ServiceStatus]));
  it.each(pairs)('%s → %s', (from, to) => {
    expect(operatingMoveAllowed(from, to)).toBe(from === to || allowed.has(`${from} ${to}`));
  });
  it('lets a new service start in any status', () => {
    for (const s of SERVICE_STATUSES) expect(operatingMoveAllowed(null, s)).toBe(true);
  });
});

describe('field-by-field diff of two versions', () => {
  const v1 = {
    name: { nb: 'Lønn', nn: 'Løn' },
    summary: { nb: 'Lønnstjenester' },
    financing: ['user_paid'],
    website: null,
    serviceLevels: { uptimePercent: 99.5 },
    tiers: [{ slug: 'basis', name: { nb: 'Basis' } }],
  };

  it('finds nothing between equal versions, whatever the key order and absent values', () => {
    const same = { tiers: [{ name: { nb: 'Basis' }, slug: 'basis' }], serviceLevels: { uptimePercent: 99.5 }, website: '', financing: ['user_paid'], summary: { nb: 'Lønnstjenester', en: '' }, name: { nn: 'Løn', nb: 'Lønn' } };
    expect(diffVersions(v1, same)).toEqual([]);
  });

  it('names each changed field, descending into objects and comparing lists whole', () => {
    const v2 = { ...v1, name: { nb: 'Lønn', nn: 'Løn', en: 'Payroll' }, financing: ['user_paid', 'free'], serviceLevels: { uptimePercent: 99.7 }, website: 'https://dfo.no' };
    expect(diffVersions(v1, v2)).toEqual([
      { field: 'name.en', before: null, after: 'Payroll' },
      { field: 'financing', before: ['user_paid'], after: ['user_paid', 'free'] },
      { field: 'website', before: null, after: 'https://dfo.no' },
      { field: 'serviceLevels.uptimePercent', before: 99.5, after: 99.7 },
    ]);
    expect(changedFields(diffVersions(v1, v2))).toEqual(['name', 'financing', 'website', 'serviceLevels']);
  });

  it('reports fields removed, and every field of a first version', () => {
    const { website: _w, tiers: _t, ...without } = v1;
    expect(diffVersions(v1, { ...without, website: null })).toEqual([{ field: 'tiers', before: v1.tiers, after: null }]);
    expect(changedFields(diffVersions(null, v1))).toEqual(['name', 'summary', 'financing', 'serviceLevels', 'tiers']);
  });
});
