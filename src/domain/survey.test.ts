import { describe, expect, it } from 'vitest';
import { definitionProblems, type QuestionnaireDefinition } from './questionnaire.js';
import { buildSurveyDefinition, checkSurveyDates, surveyWindow } from './survey.js';

describe('survey window', () => {
  const s = { opensOn: '2026-03-01', closesOn: '2026-03-15' };
  it('is open from the opening date to the closing date, both included', () => {
    expect(surveyWindow(s, '2026-02-28')).toBe('scheduled');
    expect(surveyWindow(s, '2026-03-01')).toBe('open');
    expect(surveyWindow(s, '2026-03-15')).toBe('open');
    expect(surveyWindow(s, '2026-03-16')).toBe('closed');
  });
});

describe('survey dates', () => {
  const today = '2026-03-10';
  it('accepts a new survey opening today or later and closing on or after that', () => {
    expect(checkSurveyDates({ opensOn: today, closesOn: today }, today)).toEqual([]);
    expect(checkSurveyDates({ opensOn: '2026-04-01', closesOn: '2026-04-30' }, today)).toEqual([]);
  });

  it('refuses invalid, past, reversed and overlong dates, all at once', () => {
    expect(checkSurveyDates({ opensOn: '2026-02-30', closesOn: 'snart' }, today)).toEqual([
      { field: 'opensOn', code: 'invalid' },
      { field: 'closesOn', code: 'invalid' },
    ]);
    expect(checkSurveyDates({ opensOn: '2026-03-09', closesOn: '2026-03-08' }, today)).toEqual([
      { field: 'opensOn', code: 'in_past' },
      { field: 'closesOn', code: 'before_opens' },
    ]);
    expect(checkSurveyDates({ opensOn: '2026-04-01', closesOn: '2027-04-03' }, today)).toEqual([{ field: 'closesOn', code: 'too_long' }]);
  });

  it('fixes the opening date once the survey is open, and lets the closing date move but not into the past', () => {
    const open = { opensOn: '2026-03-01', closesOn: '2026-03-15' };
    expect(checkSurveyDates({ opensOn: '2026-03-01', closesOn: '2026-03-31' }, today, open)).toEqual([]);
    expect(checkSurveyDates({ opensOn: '2026-03-05', closesOn: '2026-03-31' }, today, open)).toEqual([{ field: 'opensOn', code: 'fixed_once_open' }]);
    expect(checkSurveyDates({ opensOn: '2026-03-01', closesOn: '2026-03-09' }, today, open)).toEqual([{ field: 'closesOn', code: 'in_past' }]);
    const scheduled = { opensOn: '2026-04-01', closesOn: '2026-04-15' };
    expect(checkSurveyDates({ opensOn: '2026-03-20', closesOn: '2026-04-15' }, today, scheduled)).toEqual([]);
  });
});

describe('survey questionnaire from a template and custom questions', () => {
  const template: QuestionnaireDefinition = {
    questions: [
      { id: 'satisfaction', type: 'scale', label: { nb: 'Fornøyd' }, required: true, scaleLabels: { min: { nb: 'Svært misfornøyd' }, max: { nb: 'Svært fornøyd' } } },
      { id: 'comment', type: 'long_text', label: { nb: 'Kommentar' } },
    ],
  };

  it('puts the custom questions before the closing comment, with stable ids and option values', () => {
    const r = buildSurveyDefinition(template, [
      { label: 'Hvor fornøyd er dere med opplæringen?', labelEn: 'How satisfied are you with training?', type: 'scale', required: true },
      { label: 'Hvilke kanaler bruker dere?', type: 'multi_choice', options: ['Telefon', ' Chat ', '', 'E-post'] },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.definition.questions.map((q) => q.id)).toEqual(['satisfaction', 'custom_1', 'custom_2', 'comment']);
    expect(r.definition.questions[1]).toMatchObject({ type: 'scale', required: true, label: { nb: 'Hvor fornøyd er dere med opplæringen?', en: 'How satisfied are you with training?' }, scaleLabels: template.questions[0]!.scaleLabels });
    expect(r.definition.questions[2]!.options).toEqual([
      { value: 'o1', label: { nb: 'Telefon' } },
      { value: 'o2', label: { nb: 'Chat' } },
      { value: 'o3', label: { nb: 'E-post' } },
    ]);
    expect(definitionProblems(r.definition)).toEqual([]);
  });

  it('refuses empty labels, choices without two options, repeated options and more than five questions', () => {
    expect(
      buildSurveyDefinition(template, [
        { label: ' ', type: 'text' },
        { label: 'Velg en', type: 'single_choice', options: ['Bare én'] },
        { label: 'Velg flere', type: 'multi_choice', options: ['A', 'a'] },
        { label: 'Hva?', type: 'date' as never },
      ]),
    ).toEqual({
      ok: false,
      problems: [
        { index: 0, code: 'label' },
        { index: 1, code: 'options' },
        { index: 2, code: 'options_repeat' },
        { index: 3, code: 'type' },
      ],
    });
    const six = Array.from({ length: 6 }, (_, i) => ({ label: `Spørsmål ${i + 1}`, type: 'text' as const }));
    expect(buildSurveyDefinition(template, six)).toEqual({ ok: false, problems: [{ index: -1, code: 'too_many' }] });
  });
});
