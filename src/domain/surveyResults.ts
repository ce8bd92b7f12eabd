/**
 * Survey results: totals and breakdowns by size class and ministry area, and the anonymity rule for what everyone
 * may see. Pure: no I/O.
 *
 * The provider running a survey and DFØ see every group (`summariseSurvey`). Everyone else sees the aggregate
 * through `protectSummary`, which keeps a minimum group size of k = 5 respondents:
 *
 * 1. With fewer than k respondents in all, nothing is shown but that there are too few.
 * 2. In each breakdown, a group with fewer than k respondents is hidden (primary suppression).
 * 3. The total minus the groups shown is the hidden groups together, so that remainder must itself hold at least k
 *    respondents (or none): while it holds fewer, the smallest group still shown is hidden too (complementary
 *    suppression). A hidden group can then never be worked out from the total.
 * 4. The same holds per question, since a question may be left unanswered: a question's mean or counts are hidden
 *    in a group where fewer than k answered it, and the hidden groups' answers together reach k or are none. A
 *    question answered by fewer than k in all is hidden in the total too.
 *
 * Each breakdown is a separate marginal; no cross-tabulation (size class × ministry) is ever shown to the public.
 * Free-text answers are never part of the public results.
 */
import { type Answers, type Question, type QuestionnaireDefinition, scaleValues } from './questionnaire.js';
import type { SizeClass } from './sizeClass.js';
import { cellsToHide, MIN_GROUP_SIZE } from './smallGroups.js';

// The small-group rule itself lives in one place for every aggregate of agencies' answers.
export { cellsToHide, MIN_GROUP_SIZE } from './smallGroups.js';

export interface SurveyRespondent {
  answers: Answers;
  sizeClass: SizeClass;
  /** The ministry area at the time of answering (null: under no ministry). */
  ministryArea: string | null;
}

/** A question's answers in a group: for scales the mean, for choices the count per option. */
export interface QuestionResult {
  question: string;
  /** How many answered it. */
  n: number;
  /** Scales and integers: the mean, rounded to two decimals. */
  mean: number | null;
  /** Scales and choices: how many gave each value, in the definition's order (values nobody gave included). */
  counts: { value: string; count: number }[];
}

export interface GroupResult {
  key: string;
  /** Null when hidden. */
  respondents: number | null;
  hidden: boolean;
  /** Per summarised question; a question hidden in this group is absent. */
  questions: QuestionResult[];
}

export interface SurveySummary {
  /** Null when there are too few respondents to show anything. */
  respondents: number | null;
  /** True when fewer than k answered and nothing is shown (public view only). */
  tooFew: boolean;
  questions: QuestionResult[];
  bySize: GroupResult[];
  byMinistry: GroupResult[];
}

/** The questions results are computed for: scales, integers and choices. Text is read, not counted. */
export function summarisedQuestions(def: QuestionnaireDefinition): Question[] {
  return def.questions.filter((q) => q.type === 'scale' || q.type === 'integer' || q.type === 'single_choice' || q.type === 'multi_choice');
}

function resultFor(q: Question, respondents: readonly SurveyRespondent[]): QuestionResult {
  const given = respondents.map((r) => r.answers[q.id]).filter((v) => v !== undefined);
  const numeric = q.type === 'scale' || q.type === 'integer';
  const values = q.type === 'scale' ? scaleValues(q).map(String) : (q.options ?? []).map((o) => o.value);
  const counts = values.map((value) => ({ value, count: given.filter((v) => (Array.isArray(v) ? v.includes(value) : String(v) === value)).length }));
  const numbers = numeric ? given.map(Number).filter((x) => Number.isFinite(x)) : [];
  return {
    question: q.id,
    n: given.length,
    mean: numbers.length ? Math.round((numbers.reduce((a, b) => a + b, 0) / numbers.length) * 100) / 100 : null,
    counts: q.type === 'integer' ? [] : counts,
  };
}

function groupsBy(def: QuestionnaireDefinition, respondents: readonly SurveyRespondent[], keyOf: (r: SurveyRespondent) => string, order: (a: string, b: string) => number): GroupResult[] {
  const keys = [...new Set(respondents.map(keyOf))].sort(order);
  const questions = summarisedQuestions(def);
  return keys.map((key) => {
    const members = respondents.filter((r) => keyOf(r) === key);
    return { key, respondents: members.length, hidden: false, questions: questions.map((q) => resultFor(q, members)) };
  });
}

const SIZE_ORDER: Record<SizeClass, number> = { small: 0, medium: 1, gap: 2, large: 3, unknown: 4 };
/** The key of respondents under no ministry. */
export const NO_MINISTRY = 'none';

/** Every figure, every group: what the survey's provider and DFØ see. */
export function summariseSurvey(def: QuestionnaireDefinition, respondents: readonly SurveyRespondent[]): SurveySummary {
  return {
    respondents: respondents.length,
    tooFew: false,
    questions: summarisedQuestions(def).map((q) => resultFor(q, respondents)),
    bySize: groupsBy(def, respondents, (r) => r.sizeClass, (a, b) => SIZE_ORDER[a as SizeClass] - SIZE_ORDER[b as SizeClass]),
    byMinistry: groupsBy(def, respondents, (r) => r.ministryArea ?? NO_MINISTRY, (a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  };
}

function protectBreakdown(groups: readonly GroupResult[], k: number, hiddenQuestions: ReadonlySet<string>): GroupResult[] {
  const hiddenGroups = cellsToHide(groups.map((g) => ({ key: g.key, n: g.respondents ?? 0 })), k);
  const questionIds = groups[0]?.questions.map((q) => q.question) ?? [];
  const hiddenPerQuestion = new Map(
    questionIds.map((id) => [id, cellsToHide(groups.map((g) => ({ key: g.key, n: g.questions.find((q) => q.question === id)?.n ?? 0 })), k, hiddenGroups)]),
  );
  return groups.map((g) =>
    hiddenGroups.has(g.key)
      ? { key: g.key, respondents: null, hidden: true, questions: [] }
      : { ...g, questions: g.questions.filter((q) => !hiddenQuestions.has(q.question) && !hiddenPerQuestion.get(q.question)!.has(g.key)) },
  );
}

/** What everyone may see: the summary with every group and question under k hidden, as described above. */
export function protectSummary(full: SurveySummary, k = MIN_GROUP_SIZE): SurveySummary {
  const total = full.respondents ?? 0;
  if (total < k) return { respondents: null, tooFew: true, questions: [], bySize: [], byMinistry: [] };
  const hiddenQuestions = new Set(full.questions.filter((q) => q.n < k).map((q) => q.question));
  return {
    respondents: total,
    tooFew: false,
    questions: full.questions.filter((q) => !hiddenQuestions.has(q.question)),
    bySize: protectBreakdown(full.bySize, k, hiddenQuestions),
    byMinistry: protectBreakdown(full.byMinistry, k, hiddenQuestions),
  };
}
