/**
 * User surveys (the report's 5.4: "providers should involve users continuously"). A survey is a questionnaire
 * made from a template (data/questionnaires/survey-*.json) plus the provider's own questions, open from one date
 * to another (inclusive, Oslo dates). Eligible agencies answer once each and may change the answer until it
 * closes. Pure: no I/O.
 */
import type { Question, QuestionnaireDefinition } from './questionnaire.js';

export type SurveyWindow = 'scheduled' | 'open' | 'closed';

/** Where a survey stands on a date (yyyy-mm-dd in Oslo): dates compare as text. */
export function surveyWindow(s: { opensOn: string; closesOn: string }, today: string): SurveyWindow {
  if (today < s.opensOn) return 'scheduled';
  return today <= s.closesOn ? 'open' : 'closed';
}

/** A survey may run for at most a year. */
export const MAX_SURVEY_DAYS = 366;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) => ISO_DATE.test(s) && !Number.isNaN(Date.parse(s + 'T00:00:00Z')) && new Date(s + 'T00:00:00Z').toISOString().slice(0, 10) === s;
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / 86400_000);

export type SurveyDateProblem =
  | { field: 'opensOn' | 'closesOn'; code: 'invalid' }
  | { field: 'opensOn'; code: 'in_past' | 'fixed_once_open' }
  | { field: 'closesOn'; code: 'before_opens' | 'in_past' | 'too_long' };

/**
 * Checks the dates of a new survey, or a change to one (`current`): a new or scheduled survey opens today or
 * later; once open, its opening date is fixed and only the closing date may move (not into the past); a closed
 * survey cannot change at all (the caller refuses that first). Every problem is returned.
 */
export function checkSurveyDates(input: { opensOn: string; closesOn: string }, today: string, current?: { opensOn: string; closesOn: string }): SurveyDateProblem[] {
  const problems: SurveyDateProblem[] = [];
  const opensOk = isDate(input.opensOn);
  const closesOk = isDate(input.closesOn);
  if (!opensOk) problems.push({ field: 'opensOn', code: 'invalid' });
  if (!closesOk) problems.push({ field: 'closesOn', code: 'invalid' });
  const open = current && surveyWindow(current, today) !== 'scheduled';
  if (opensOk) {
    if (open && input.opensOn !== current.opensOn) problems.push({ field: 'opensOn', code: 'fixed_once_open' });
    else if (!open && input.opensOn < today) problems.push({ field: 'opensOn', code: 'in_past' });
  }
  if (closesOk) {
    if (opensOk && input.closesOn < input.opensOn) problems.push({ field: 'closesOn', code: 'before_opens' });
    else if (input.closesOn < today) problems.push({ field: 'closesOn', code: 'in_past' });
    else if (opensOk && daysBetween(input.opensOn, input.closesOn) > MAX_SURVEY_DAYS) problems.push({ field: 'closesOn', code: 'too_long' });
  }
  return problems;
}

export const CUSTOM_QUESTION_TYPES = ['scale', 'text', 'long_text', 'single_choice', 'multi_choice'] as const;
export type CustomQuestionType = (typeof CUSTOM_QUESTION_TYPES)[number];
export const MAX_CUSTOM_QUESTIONS = 5;
export const MAX_CUSTOM_OPTIONS = 10;

/** A provider's own question, as a form or the API gives it. */
export interface CustomQuestionInput {
  label: string;
  labelEn?: string | undefined;
  type: CustomQuestionType;
  /** Choices: one option per entry. */
  options?: string[] | undefined;
  required?: boolean | undefined;
}

export type CustomQuestionProblem = { index: number; code: 'label' | 'type' | 'options' | 'option_too_long' | 'options_repeat' } | { index: -1; code: 'too_many' };

/**
 * The survey's questionnaire: the template's questions with the provider's own (ids custom_1 …, options o1 …) before
 * the template's closing free-text questions. A custom scale gets the template's scale labels. Every problem with
 * the custom questions is returned.
 */
export function buildSurveyDefinition(template: QuestionnaireDefinition, custom: readonly CustomQuestionInput[]): { ok: true; definition: QuestionnaireDefinition } | { ok: false; problems: CustomQuestionProblem[] } {
  const problems: CustomQuestionProblem[] = [];
  if (custom.length > MAX_CUSTOM_QUESTIONS) problems.push({ index: -1, code: 'too_many' });
  const scaleLabels = template.questions.find((q) => q.type === 'scale' && q.scaleLabels)?.scaleLabels;
  const questions: Question[] = custom.slice(0, MAX_CUSTOM_QUESTIONS).map((c, index) => {
    const label = c.label.trim();
    const labelEn = c.labelEn?.trim();
    if (label.length < 3 || label.length > 300 || (labelEn && labelEn.length > 300)) problems.push({ index, code: 'label' });
    if (!(CUSTOM_QUESTION_TYPES as readonly string[]).includes(c.type)) problems.push({ index, code: 'type' });
    const q: Question = { id: `custom_${index + 1}`, type: c.type, label: labelEn ? { nb: label, en: labelEn } : { nb: label }, required: !!c.required };
    if (c.type === 'single_choice' || c.type === 'multi_choice') {
      const options = (c.options ?? []).map((o) => o.trim()).filter(Boolean);
      if (options.length < 2 || options.length > MAX_CUSTOM_OPTIONS) problems.push({ index, code: 'options' });
      else if (options.some((o) => o.length > 100)) problems.push({ index, code: 'option_too_long' });
      else if (new Set(options.map((o) => o.toLocaleLowerCase('nb'))).size !== options.length) problems.push({ index, code: 'options_repeat' });
      q.options = options.map((o, i) => ({ value: `o${i + 1}`, label: { nb: o } }));
    }
    if (c.type === 'scale' && scaleLabels) q.scaleLabels = scaleLabels;
    return q;
  });
  if (problems.length) return { ok: false, problems };
  // Own questions go before the template's closing free-text questions ("Kommentar"), which end the form.
  let cut = template.questions.length;
  while (cut > 0 && (template.questions[cut - 1]!.type === 'long_text' || template.questions[cut - 1]!.type === 'text')) cut--;
  return { ok: true, definition: { questions: [...template.questions.slice(0, cut), ...questions, ...template.questions.slice(cut)] } };
}
