import { describe, expect, it } from 'vitest';
import { checkEarlyMilestone, checkNeedsSurvey, currentEarlyStep, type EarlyMilestoneInput, type EarlyState } from './earlyInvolvement.js';
import { PROCUREMENT_STATES, transition } from './procurementLifecycle.js';

const today = '2026-03-10';
const fresh: EarlyState = { status: 'planned', needsSurvey: null, recommendation: null, decision: null };
const surveyed: EarlyState = { ...fresh, needsSurvey: { opensOn: '2026-02-01', closesOn: '2026-02-28' } };
const recommended: EarlyState = { ...surveyed, recommendation: { decidedOn: '2026-03-03', outcome: 'recommended' } };
const council = (x: Partial<EarlyMilestoneInput> = {}): EarlyMilestoneInput => ({ kind: 'council_recommendation', decidedOn: '2026-03-03', outcome: 'recommended', documentTitle: 'Referat', documentUrl: 'https://dfo.no/referat.pdf', ...x });
const decision = (x: Partial<EarlyMilestoneInput> = {}): EarlyMilestoneInput => ({ kind: 'decision', decidedOn: '2026-03-05', outcome: 'proceed', documentTitle: 'Beslutning', documentRef: 'DFØ 2026/17', ...x });

describe('early involvement', () => {
  it('starts one needs survey, only while the procurement is planned', () => {
    expect(checkNeedsSurvey(fresh)).toBeNull();
    expect(checkNeedsSurvey(surveyed)).toBe('survey_exists');
    for (const status of PROCUREMENT_STATES.filter((s) => s !== 'planned')) expect(checkNeedsSurvey({ ...fresh, status })).toBe('not_before_consultation');
  });

  it('records the recommendation after the survey has closed, and the decision after the recommendation', () => {
    expect(checkEarlyMilestone(surveyed, council(), today)).toEqual({ ok: true });
    expect(checkEarlyMilestone(fresh, council(), today)).toEqual({ ok: true }); // no survey was run: nothing to wait for
    expect(checkEarlyMilestone({ ...surveyed, needsSurvey: { opensOn: '2026-03-01', closesOn: today } }, council(), today)).toEqual({ ok: false, refusal: 'survey_still_open' });
    expect(checkEarlyMilestone(surveyed, decision(), today)).toEqual({ ok: false, refusal: 'needs_recommendation' });
    expect(checkEarlyMilestone(recommended, decision(), today)).toEqual({ ok: true });
    expect(checkEarlyMilestone(recommended, council(), today)).toEqual({ ok: false, refusal: 'already_recorded' });
    expect(checkEarlyMilestone({ ...recommended, decision: { decidedOn: '2026-03-05', outcome: 'stop' } }, decision(), today)).toEqual({ ok: false, refusal: 'already_recorded' });
    expect(checkEarlyMilestone({ ...recommended, status: 'consultation' }, decision(), today)).toEqual({ ok: false, refusal: 'not_before_consultation' });
  });

  it('reports every problem with the fields at once', () => {
    expect(checkEarlyMilestone(surveyed, council({ decidedOn: '2026-02-30', outcome: 'proceed', documentTitle: ' ', documentUrl: 'ftp://x' }), today)).toEqual({
      ok: false,
      problems: [
        { field: 'decidedOn', code: 'invalid' },
        { field: 'outcome', code: 'not_an_option' },
        { field: 'documentTitle', code: 'missing' },
        { field: 'documentUrl', code: 'invalid' },
      ],
    });
    expect(checkEarlyMilestone(surveyed, council({ decidedOn: '2026-03-11', documentUrl: undefined }), today)).toEqual({
      ok: false,
      problems: [
        { field: 'decidedOn', code: 'in_future' },
        { field: 'documentUrl', code: 'missing' },
      ],
    });
    expect(checkEarlyMilestone(surveyed, council({ decidedOn: '2026-02-28' }), today)).toEqual({ ok: false, problems: [{ field: 'decidedOn', code: 'before_survey_closes' }] });
    expect(checkEarlyMilestone(recommended, decision({ decidedOn: '2026-03-02' }), today)).toEqual({ ok: false, problems: [{ field: 'decidedOn', code: 'before_recommendation' }] });
    // A reference alone will do, and so will a URL alone.
    expect(checkEarlyMilestone(recommended, decision({ documentUrl: undefined, documentRef: '2026/17' }), today)).toEqual({ ok: true });
    expect(checkEarlyMilestone(surveyed, council({ documentRef: undefined }), today)).toEqual({ ok: true });
  });

  it('names the step reached', () => {
    expect(currentEarlyStep(fresh, today)).toBe('needs_survey');
    expect(currentEarlyStep({ ...surveyed, needsSurvey: { opensOn: '2026-03-01', closesOn: today } }, today)).toBe('needs_survey');
    expect(currentEarlyStep(surveyed, today)).toBe('council_recommendation');
    expect(currentEarlyStep(recommended, today)).toBe('decision');
    expect(currentEarlyStep({ ...recommended, decision: { decidedOn: '2026-03-05', outcome: 'proceed' } }, today)).toBe('done');
  });

  it('keeps a procurement DFØ decided to stop from consultation, and only that', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    const deadline = new Date('2026-04-01T12:00:00Z');
    expect(transition('planned', 'open_consultation', { now, deadline, earlyDecision: 'stop' })).toEqual({ ok: false, reason: 'decided_to_stop' });
    expect(transition('planned', 'open_consultation', { now, deadline, earlyDecision: 'proceed' })).toEqual({ ok: true, to: 'consultation' });
    expect(transition('planned', 'open_consultation', { now, deadline, earlyDecision: null })).toEqual({ ok: true, to: 'consultation' });
    // A stop does not block cancelling, which is what follows it.
    expect(transition('planned', 'cancel', { now, earlyDecision: 'stop' })).toEqual({ ok: true, to: 'cancelled' });
  });
});
