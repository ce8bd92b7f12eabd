/**
 * Early involvement before a procurement (the report's 2.1.4, 3.1 and 3.2; Difi's recommendation 3). Statens
 * innkjøpssenter's path starts with the target group's needs, then Statens innkjøpsråd's recommendation, then DFØ's
 * decision — all while the procurement is still planned, before any consultation:
 *
 *   needs survey (to every eligible agency) → council recommendation → DFØ's decision → consultation …
 *
 * The recommendation and the decision are dated milestones with a document (a title and a URL, or a reference to
 * where the document is kept). The rules are checked here, with today's Oslo date given by the caller. Pure: no I/O.
 */
import type { ProcurementState } from './procurementLifecycle.js';

export const EARLY_MILESTONE_KINDS = ['council_recommendation', 'decision'] as const;
export type EarlyMilestoneKind = (typeof EARLY_MILESTONE_KINDS)[number];

/** What the council can recommend and what DFØ can decide. */
export const EARLY_OUTCOMES = {
  council_recommendation: ['recommended', 'not_recommended'],
  decision: ['proceed', 'stop'],
} as const satisfies Record<EarlyMilestoneKind, readonly string[]>;
export type EarlyOutcome = (typeof EARLY_OUTCOMES)[EarlyMilestoneKind][number];

/** The steps of early involvement in order, and `done` once DFØ has decided. */
export const EARLY_STEPS = ['needs_survey', 'council_recommendation', 'decision'] as const;
export type EarlyStep = (typeof EARLY_STEPS)[number] | 'done';

export interface EarlyState {
  status: ProcurementState;
  /** The needs survey's dates (yyyy-mm-dd, both included), when one was started. */
  needsSurvey: { opensOn: string; closesOn: string } | null;
  recommendation: { decidedOn: string; outcome: string } | null;
  decision: { decidedOn: string; outcome: string } | null;
}

export interface EarlyMilestoneInput {
  kind: EarlyMilestoneKind;
  decidedOn: string;
  outcome: string;
  documentTitle: string;
  documentUrl?: string | undefined;
  documentRef?: string | undefined;
}

export type EarlyRefusal =
  | 'not_before_consultation' // early involvement happens while the procurement is planned
  | 'survey_exists' // one needs survey per procurement
  | 'already_recorded' // one recommendation and one decision
  | 'needs_recommendation' // DFØ decides on the council's recommendation
  | 'survey_still_open'; // the council recommends on the survey's result

export type EarlyFieldProblem =
  | { field: 'decidedOn'; code: 'invalid' | 'in_future' | 'before_recommendation' | 'before_survey_closes' }
  | { field: 'outcome'; code: 'not_an_option' }
  | { field: 'documentTitle'; code: 'missing' }
  | { field: 'documentUrl'; code: 'invalid' | 'missing' };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) => ISO_DATE.test(s) && new Date(s + 'T00:00:00Z').toISOString().slice(0, 10) === s;
const isHttpUrl = (s: string) => {
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
};

/** Whether a needs survey can be started now: only before the consultation, and only one. */
export function checkNeedsSurvey(s: Pick<EarlyState, 'status' | 'needsSurvey'>): EarlyRefusal | null {
  if (s.status !== 'planned') return 'not_before_consultation';
  if (s.needsSurvey) return 'survey_exists';
  return null;
}

/**
 * Whether a milestone can be recorded at all (a refusal, answered with 409), and if so, what is wrong with its
 * fields (every problem, answered with 400). A decision needs the council's recommendation first; the
 * recommendation waits for a started needs survey to close. Dates are not in the future and keep the order.
 */
export function checkEarlyMilestone(
  s: EarlyState,
  input: EarlyMilestoneInput,
  today: string,
): { ok: true } | { ok: false; refusal: EarlyRefusal } | { ok: false; problems: EarlyFieldProblem[] } {
  if (s.status !== 'planned') return { ok: false, refusal: 'not_before_consultation' };
  const existing = input.kind === 'decision' ? s.decision : s.recommendation;
  if (existing) return { ok: false, refusal: 'already_recorded' };
  if (input.kind === 'decision' && !s.recommendation) return { ok: false, refusal: 'needs_recommendation' };
  if (input.kind === 'council_recommendation' && s.needsSurvey && today <= s.needsSurvey.closesOn) return { ok: false, refusal: 'survey_still_open' };
  const problems: EarlyFieldProblem[] = [];
  if (!isDate(input.decidedOn)) problems.push({ field: 'decidedOn', code: 'invalid' });
  else if (input.decidedOn > today) problems.push({ field: 'decidedOn', code: 'in_future' });
  else if (input.kind === 'decision' && s.recommendation && input.decidedOn < s.recommendation.decidedOn) problems.push({ field: 'decidedOn', code: 'before_recommendation' });
  else if (input.kind === 'council_recommendation' && s.needsSurvey && input.decidedOn <= s.needsSurvey.closesOn) problems.push({ field: 'decidedOn', code: 'before_survey_closes' });
  if (!(EARLY_OUTCOMES[input.kind] as readonly string[]).includes(input.outcome)) problems.push({ field: 'outcome', code: 'not_an_option' });
  if (!input.documentTitle.trim()) problems.push({ field: 'documentTitle', code: 'missing' });
  const url = input.documentUrl?.trim() ?? '';
  const ref = input.documentRef?.trim() ?? '';
  if (url && !isHttpUrl(url)) problems.push({ field: 'documentUrl', code: 'invalid' });
  else if (!url && !ref) problems.push({ field: 'documentUrl', code: 'missing' });
  return problems.length ? { ok: false, problems } : { ok: true };
}

/** The step early involvement has reached: the first one not yet done (a stop decision ends it too). */
export function currentEarlyStep(s: EarlyState, today: string): EarlyStep {
  if (s.decision) return 'done';
  if (s.recommendation) return 'decision';
  if (s.needsSurvey && today > s.needsSurvey.closesOn) return 'council_recommendation';
  return 'needs_survey';
}
