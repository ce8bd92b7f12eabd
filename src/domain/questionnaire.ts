/**
 * Questionnaires as data (the GOV.UK Digital Marketplace way): a definition lists questions with their type,
 * localized label and help, whether they are required (always, or when another answer has a value), options and
 * limits. Forms are rendered from it and answers are validated against it — opt-out reasons, accession
 * declarations, a voluntary non-use of a service, and user surveys (with a 1–5 `scale`). Pure: no I/O.
 */
import type { LocalizedText } from './catalogue.js';

export const QUESTION_TYPES = ['single_choice', 'multi_choice', 'text', 'long_text', 'integer', 'email', 'phone', 'date', 'scale'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export interface QuestionOption {
  value: string;
  label: LocalizedText;
  help?: LocalizedText;
}

export interface Question {
  /** Stable key of the answer: [a-z][a-z0-9_]*. */
  id: string;
  type: QuestionType;
  label: LocalizedText;
  /** A short name for table columns and charts ("Alt i alt"); the label when absent. */
  shortLabel?: LocalizedText;
  help?: LocalizedText;
  /** Always required. */
  required?: boolean;
  /** Required when another question's answer is (or includes) one of these values: "other" needs a text. */
  requiredWhen?: { question: string; anyOf: string[] };
  options?: QuestionOption[];
  /** integer and scale: inclusive bounds (a scale defaults to 1–5). */
  min?: number;
  max?: number;
  /** scale: what the lowest and the highest value mean ("Svært misfornøyd" … "Svært fornøyd"). */
  scaleLabels?: { min: LocalizedText; max: LocalizedText };
  /** text types: at most this many characters (default 200 for text, 4000 for long_text). */
  maxLength?: number;
}

export interface QuestionnaireDefinition {
  questions: Question[];
}

export type AnswerValue = string | number | string[];
export type Answers = Record<string, AnswerValue>;

export type AnswerProblem =
  | { question: string; code: 'required' }
  | { question: string; code: 'not_an_option'; value: string }
  | { question: string; code: 'not_an_integer' }
  | { question: string; code: 'out_of_range'; min?: number | undefined; max?: number | undefined }
  | { question: string; code: 'too_long'; max: number }
  | { question: string; code: 'invalid_email' }
  | { question: string; code: 'invalid_phone' }
  | { question: string; code: 'invalid_date' }
  | { question: string; code: 'unknown_question' }
  | { question: string; code: 'wrong_shape' };

export type AnswerResult = { ok: true; answers: Answers } | { ok: false; problems: AnswerProblem[] };

/** A scale without bounds of its own runs from 1 to 5. */
export const DEFAULT_SCALE = { min: 1, max: 5 } as const;

/** The values of a scale question, lowest first. */
export function scaleValues(q: Pick<Question, 'min' | 'max'>): number[] {
  const min = q.min ?? DEFAULT_SCALE.min;
  const max = q.max ?? DEFAULT_SCALE.max;
  return Array.from({ length: Math.max(0, max - min + 1) }, (_, i) => min + i);
}

export const DEFAULT_MAX_LENGTH: Record<'text' | 'long_text' | 'email' | 'phone', number> = { text: 200, long_text: 4000, email: 254, phone: 30 };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{5,20}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function present(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.trim() !== '';
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

function includesAny(v: AnswerValue | undefined, values: string[]): boolean {
  if (v === undefined) return false;
  return Array.isArray(v) ? v.some((x) => values.includes(x)) : values.includes(String(v));
}

/**
 * Checks raw answers (from a form: strings and string arrays; or JSON: numbers too) against a definition and
 * returns them normalised — trimmed text, numbers as numbers, multi-choice as arrays, empty answers left out —
 * or every problem found. Unknown keys are problems, so a client cannot store what the questionnaire does not ask.
 */
export function validateAnswers(def: QuestionnaireDefinition, raw: Record<string, unknown>): AnswerResult {
  const problems: AnswerProblem[] = [];
  const answers: Answers = {};
  const known = new Set(def.questions.map((q) => q.id));
  for (const key of Object.keys(raw)) if (!known.has(key)) problems.push({ question: key, code: 'unknown_question' });

  for (const q of def.questions) {
    const v = raw[q.id];
    if (!present(v)) continue;
    const options = new Set((q.options ?? []).map((o) => o.value));
    switch (q.type) {
      case 'single_choice': {
        if (typeof v !== 'string') problems.push({ question: q.id, code: 'wrong_shape' });
        else if (!options.has(v)) problems.push({ question: q.id, code: 'not_an_option', value: v.slice(0, 60) });
        else answers[q.id] = v;
        break;
      }
      case 'multi_choice': {
        const list = Array.isArray(v) ? v : [v];
        if (!list.every((x): x is string => typeof x === 'string')) {
          problems.push({ question: q.id, code: 'wrong_shape' });
          break;
        }
        const bad = list.find((x) => !options.has(x));
        if (bad !== undefined) problems.push({ question: q.id, code: 'not_an_option', value: bad.slice(0, 60) });
        // Keep the definition's order and drop repeats.
        else answers[q.id] = (q.options ?? []).map((o) => o.value).filter((o) => list.includes(o));
        break;
      }
      case 'integer':
      case 'scale': {
        const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim().replace(/[\s\u00a0]/g, '') : '';
        if (!/^-?\d{1,15}$/.test(s)) {
          problems.push({ question: q.id, code: 'not_an_integer' });
          break;
        }
        const n = Number(s);
        const [min, max] = q.type === 'scale' ? [q.min ?? DEFAULT_SCALE.min, q.max ?? DEFAULT_SCALE.max] : [q.min, q.max];
        if ((min !== undefined && n < min) || (max !== undefined && n > max)) problems.push({ question: q.id, code: 'out_of_range', min, max });
        else answers[q.id] = n;
        break;
      }
      case 'date': {
        const s = typeof v === 'string' ? v.trim() : '';
        if (!ISO_DATE.test(s) || Number.isNaN(Date.parse(s + 'T00:00:00Z')) || new Date(s + 'T00:00:00Z').toISOString().slice(0, 10) !== s) {
          problems.push({ question: q.id, code: 'invalid_date' });
        } else answers[q.id] = s;
        break;
      }
      default: {
        if (typeof v !== 'string') {
          problems.push({ question: q.id, code: 'wrong_shape' });
          break;
        }
        const s = v.trim();
        const max = q.maxLength ?? DEFAULT_MAX_LENGTH[q.type];
        if (s.length > max) problems.push({ question: q.id, code: 'too_long', max });
        else if (q.type === 'email' && !EMAIL.test(s)) problems.push({ question: q.id, code: 'invalid_email' });
        else if (q.type === 'phone' && !PHONE.test(s)) problems.push({ question: q.id, code: 'invalid_phone' });
        else answers[q.id] = s;
      }
    }
  }

  for (const q of def.questions) {
    if (answers[q.id] !== undefined || problems.some((p) => p.question === q.id)) continue;
    const needed = q.required || (q.requiredWhen && includesAny(answers[q.requiredWhen.question], q.requiredWhen.anyOf));
    if (needed) problems.push({ question: q.id, code: 'required' });
  }
  return problems.length ? { ok: false, problems } : { ok: true, answers };
}

/** Checks a definition itself (for data loaded from files or written by admins): ids, options, limits. */
export function definitionProblems(def: QuestionnaireDefinition): string[] {
  const out: string[] = [];
  const ids = new Set<string>();
  for (const q of def.questions) {
    if (!/^[a-z][a-z0-9_]*$/.test(q.id)) out.push(`question id "${q.id}" must be lower case letters, digits and _`);
    if (ids.has(q.id)) out.push(`question id "${q.id}" is used twice`);
    ids.add(q.id);
    if (!(QUESTION_TYPES as readonly string[]).includes(q.type)) out.push(`${q.id}: unknown type "${q.type}"`);
    if (!q.label?.nb) out.push(`${q.id}: label.nb is required`);
    const choice = q.type === 'single_choice' || q.type === 'multi_choice';
    if (choice && !(q.options && q.options.length > 0)) out.push(`${q.id}: a choice needs options`);
    if (!choice && q.options) out.push(`${q.id}: only choices have options`);
    const values = (q.options ?? []).map((o) => o.value);
    if (new Set(values).size !== values.length) out.push(`${q.id}: option values repeat`);
    if (q.min !== undefined && q.max !== undefined && q.min > q.max) out.push(`${q.id}: min > max`);
    if (q.type === 'scale') {
      const span = (q.max ?? DEFAULT_SCALE.max) - (q.min ?? DEFAULT_SCALE.min);
      if (span < 1 || span > 10) out.push(`${q.id}: a scale needs 2 to 11 steps`);
    } else if (q.scaleLabels) out.push(`${q.id}: only scales have scale labels`);
    if (q.requiredWhen && !ids.has(q.requiredWhen.question)) out.push(`${q.id}: requiredWhen refers to "${q.requiredWhen.question}", which is not an earlier question`);
  }
  return out;
}

/**
 * The label of a choice answer (or the answer itself), for lists, exports and mails. Numbers go through `number`
 * when given (the page's grouping: "250 000"), else they stay plain digits (downloads).
 */
export function answerLabel(q: Question, value: AnswerValue, pick: (t: LocalizedText) => string, number?: (n: number) => string): string {
  const one = (v: string) => {
    const o = q.options?.find((x) => x.value === v);
    return o ? pick(o.label) : v;
  };
  if (Array.isArray(value)) return value.map(one).join(', ');
  if (typeof value === 'number' && number) return number(value);
  return typeof value === 'string' ? one(value) : String(value);
}

/** The sum of each integer question's answers over the given answer sets (e.g. the declared yearly volume). */
export function integerTotals(def: QuestionnaireDefinition, answers: readonly Answers[]): { question: Question; total: number; count: number }[] {
  return def.questions
    .filter((q) => q.type === 'integer')
    .map((q) => {
      const values = answers.map((a) => a[q.id]).filter((v): v is number => typeof v === 'number');
      return { question: q, total: values.reduce((s, v) => s + v, 0), count: values.length };
    })
    .filter((x) => x.count > 0);
}
