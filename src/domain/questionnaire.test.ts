import { describe, expect, it } from 'vitest';
import { answerLabel, definitionProblems, type QuestionnaireDefinition, scaleValues, validateAnswers } from './questionnaire.js';

const def: QuestionnaireDefinition = {
  questions: [
    {
      id: 'reason',
      type: 'single_choice',
      label: { nb: 'Grunn' },
      required: true,
      options: [
        { value: 'cost', label: { nb: 'Kostnad', en: 'Cost' } },
        { value: 'other', label: { nb: 'Annet' } },
      ],
    },
    { id: 'details', type: 'long_text', label: { nb: 'Utdyp' }, requiredWhen: { question: 'reason', anyOf: ['other'] }, maxLength: 20 },
    { id: 'areas', type: 'multi_choice', label: { nb: 'Områder' }, options: [{ value: 'a', label: { nb: 'A' } }, { value: 'b', label: { nb: 'B' } }] },
    { id: 'volume', type: 'integer', label: { nb: 'Volum' }, min: 0, max: 1000 },
    { id: 'email', type: 'email', label: { nb: 'E-post' } },
    { id: 'phone', type: 'phone', label: { nb: 'Telefon' } },
    { id: 'from', type: 'date', label: { nb: 'Fra' } },
  ],
};

describe('questionnaire answers', () => {
  it('accepts and normalises valid answers', () => {
    expect(validateAnswers(def, { reason: 'cost', details: '  ok  ', areas: ['b', 'a', 'b'], volume: ' 1 000 ', email: 'a@b.no', phone: '+47 22 24 20 00', from: '2026-02-28' })).toEqual({
      ok: true,
      answers: { reason: 'cost', details: 'ok', areas: ['a', 'b'], volume: 1000, email: 'a@b.no', phone: '+47 22 24 20 00', from: '2026-02-28' },
    });
  });

  it('leaves out empty answers and takes a single value for a multi-choice', () => {
    expect(validateAnswers(def, { reason: 'cost', details: '', areas: 'a', volume: '' })).toEqual({ ok: true, answers: { reason: 'cost', areas: ['a'] } });
  });

  it('requires what is required, and the details when the reason is "other"', () => {
    expect(validateAnswers(def, {})).toEqual({ ok: false, problems: [{ question: 'reason', code: 'required' }] });
    expect(validateAnswers(def, { reason: 'other', details: '   ' })).toEqual({ ok: false, problems: [{ question: 'details', code: 'required' }] });
  });

  it('reports every problem at once', () => {
    const r = validateAnswers(def, {
      reason: 'cheap',
      details: 'x'.repeat(21),
      areas: ['a', 'z'],
      volume: '1001',
      email: 'not-an-address',
      phone: 'call me',
      from: '2026-02-30',
      sneaky: 'x',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      { question: 'sneaky', code: 'unknown_question' },
      { question: 'reason', code: 'not_an_option', value: 'cheap' },
      { question: 'details', code: 'too_long', max: 20 },
      { question: 'areas', code: 'not_an_option', value: 'z' },
      { question: 'volume', code: 'out_of_range', min: 0, max: 1000 },
      { question: 'email', code: 'invalid_email' },
      { question: 'phone', code: 'invalid_phone' },
      { question: 'from', code: 'invalid_date' },
    ]);
  });

  it('refuses wrong shapes and non-integers', () => {
    const r = validateAnswers(def, { reason: ['cost'], volume: '1.5', details: 5 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      { question: 'reason', code: 'wrong_shape' },
      { question: 'details', code: 'wrong_shape' },
      { question: 'volume', code: 'not_an_integer' },
    ]);
  });

  it('labels answers in the reader’s language', () => {
    const pick = (t: { nb: string; en?: string }) => t.en ?? t.nb;
    expect(answerLabel(def.questions[0]!, 'cost', pick)).toBe('Cost');
    expect(answerLabel(def.questions[2]!, ['a', 'b'], pick)).toBe('A, B');
    expect(answerLabel(def.questions[3]!, 12, pick)).toBe('12');
  });
});

describe('scale questions (surveys)', () => {
  const survey: QuestionnaireDefinition = {
    questions: [
      { id: 'satisfaction', type: 'scale', label: { nb: 'Fornøyd' }, required: true, scaleLabels: { min: { nb: 'Svært misfornøyd' }, max: { nb: 'Svært fornøyd' } } },
      { id: 'grade', type: 'scale', label: { nb: 'Karakter' }, min: 0, max: 10 },
    ],
  };

  it('accepts whole numbers from 1 to 5 by default, from a form or JSON', () => {
    expect(validateAnswers(survey, { satisfaction: '5', grade: 0 })).toEqual({ ok: true, answers: { satisfaction: 5, grade: 0 } });
    expect(validateAnswers(survey, { satisfaction: 1 })).toEqual({ ok: true, answers: { satisfaction: 1 } });
  });

  it('refuses values off the scale, fractions and missing required answers', () => {
    expect(validateAnswers(survey, { satisfaction: '6', grade: '11' })).toEqual({
      ok: false,
      problems: [
        { question: 'satisfaction', code: 'out_of_range', min: 1, max: 5 },
        { question: 'grade', code: 'out_of_range', min: 0, max: 10 },
      ],
    });
    expect(validateAnswers(survey, { satisfaction: '0' })).toMatchObject({ ok: false, problems: [{ question: 'satisfaction', code: 'out_of_range' }] });
    expect(validateAnswers(survey, { satisfaction: '4.5' })).toMatchObject({ ok: false, problems: [{ question: 'satisfaction', code: 'not_an_integer' }] });
    expect(validateAnswers(survey, { grade: '3' })).toEqual({ ok: false, problems: [{ question: 'satisfaction', code: 'required' }] });
  });

  it('lists the values of a scale and checks its definition', () => {
    expect(scaleValues(survey.questions[0]!)).toEqual([1, 2, 3, 4, 5]);
    expect(scaleValues(survey.questions[1]!)).toHaveLength(11);
    expect(definitionProblems(survey)).toEqual([]);
    expect(
      definitionProblems({
        questions: [
          { id: 'flat', type: 'scale', label: { nb: 'Flat' }, min: 3, max: 3 },
          { id: 'long', type: 'scale', label: { nb: 'Lang' }, min: 0, max: 100 },
          { id: 'text', type: 'text', label: { nb: 'Tekst' }, scaleLabels: { min: { nb: 'a' }, max: { nb: 'b' } } },
        ],
      }),
    ).toEqual(['flat: a scale needs 2 to 11 steps', 'long: a scale needs 2 to 11 steps', 'text: only scales have scale labels']);
  });
});

describe('questionnaire definitions', () => {
  it('accepts a sound definition', () => {
    expect(definitionProblems(def)).toEqual([]);
  });

  it('finds broken ones', () => {
    expect(
      definitionProblems({
        questions: [
          { id: 'Bad id', type: 'text', label: { nb: '' } },
          { id: 'c', type: 'single_choice', label: { nb: 'C' } },
          { id: 'c', type: 'integer', label: { nb: 'C' }, min: 5, max: 1, options: [{ value: 'x', label: { nb: 'x' } }] },
          { id: 'd', type: 'text', label: { nb: 'D' }, requiredWhen: { question: 'later', anyOf: ['x'] } },
        ],
      }),
    ).toEqual([
      'question id "Bad id" must be lower case letters, digits and _',
      'Bad id: label.nb is required',
      'c: a choice needs options',
      'question id "c" is used twice',
      'c: only choices have options',
      'c: min > max',
      'd: requiredWhen refers to "later", which is not an earlier question',
    ]);
  });
});
