import { Type } from 'typebox';
import type { LocalizedText } from '../../domain/catalogue.js';
import { SURVEY_AUDIENCES, type SurveyAudience } from '../../domain/collaboration.js';
import { QUESTION_TYPES } from '../../domain/questionnaire.js';
import { SIZE_CLASSES } from '../../domain/sizeClass.js';
import { CUSTOM_QUESTION_TYPES, type CustomQuestionInput, MAX_CUSTOM_QUESTIONS } from '../../domain/survey.js';
import { oneOf, parser, sized, withEnglish } from '../shared/fields.js';
import { text } from '../shared/input.js';
import { enumOf, Lang, nullable, OrgRef, Ref } from '../shared/schema.js';

export const SURVEY_WINDOWS = ['scheduled', 'open', 'closed'] as const;

export const SurveyIdParams = Type.Object({ id: Type.String({ maxLength: 60 }) });
export const ResponseParams = Type.Object({ id: Type.String({ maxLength: 60 }), orgnr: Type.String({ maxLength: 20 }) });

export const SurveyListQuery = Type.Object({
  window: Type.Optional(enumOf(SURVEY_WINDOWS, 'scheduled, open or closed (by Oslo date).')),
  service: Type.Optional(Type.String({ maxLength: 120, description: 'Slug of a service the survey asks about.' })),
  provider: Type.Optional(Type.String({ maxLength: 120, description: 'Slug of the provider running it.' })),
  lang: Lang,
});

const QuestionSchema = Type.Object({
  id: Type.String(),
  type: enumOf(QUESTION_TYPES),
  label: Type.String(),
  required: Type.Boolean(),
  options: Type.Optional(Type.Array(Type.Object({ value: Type.String(), label: Type.String() }))),
  scale: Type.Optional(Type.Object({ min: Type.Integer(), max: Type.Integer(), minLabel: nullable(Type.String()), maxLabel: nullable(Type.String()) })),
});

export const SurveySchema = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    provider: Ref,
    template: Type.Object({ slug: Type.String(), title: Type.String() }),
    audience: enumOf(SURVEY_AUDIENCES, 'service_users: agencies using one of the services; all_state: every state agency.'),
    services: Type.Array(Ref),
    opensOn: Type.String({ format: 'date' }),
    closesOn: Type.String({ format: 'date', description: 'The last day answers are taken (Oslo time).' }),
    window: enumOf(SURVEY_WINDOWS),
    questions: Type.Array(QuestionSchema),
    url: Type.String(),
  },
  { $id: 'Survey' },
);

const QuestionResult = Type.Object({
  question: Type.String(),
  label: Type.String(),
  n: Type.Integer(),
  mean: nullable(Type.Number()),
  counts: Type.Array(Type.Object({ value: Type.String(), label: Type.String(), count: Type.Integer() })),
});
const GroupResult = Type.Object({
  key: Type.String({ description: 'A size class code, or a ministry organisation number ("none": under no ministry).' }),
  label: Type.String(),
  respondents: nullable(Type.Integer()),
  hidden: Type.Boolean({ description: 'Hidden to protect anonymity: fewer than 5 respondents, or the hidden groups together would be fewer than 5.' }),
  questions: Type.Array(QuestionResult),
});

export const SurveyResultsSchema = Type.Object(
  {
    survey: Type.Object({ id: Type.String(), title: Type.String(), window: enumOf(SURVEY_WINDOWS) }),
    view: enumOf(['full', 'public'] as const, 'full: the provider and DFØ, every group; public: at least minGroupSize respondents per group.'),
    minGroupSize: Type.Integer(),
    published: Type.Boolean({ description: 'Public results exist only once the survey has closed.' }),
    respondents: nullable(Type.Integer()),
    eligible: nullable(Type.Integer({ description: 'Agencies that may answer (full view only).' })),
    tooFew: Type.Boolean(),
    questions: Type.Array(QuestionResult),
    bySize: Type.Array(GroupResult),
    byMinistry: Type.Array(GroupResult),
    comments: Type.Array(Type.Object({ question: Type.String(), text: Type.String(), sizeClass: enumOf(SIZE_CLASSES) }), { description: 'Free-text answers without agency names (full view only).' }),
  },
  { $id: 'SurveyResults' },
);

export const SurveyResponseSchema = Type.Object(
  {
    survey: Type.String(),
    agency: OrgRef,
    answers: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Array(Type.String())])),
    submittedAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'SurveyResponse' },
);

export const CustomQuestionBody = Type.Object({
  label: Type.String({ maxLength: 300 }),
  labelEn: Type.Optional(Type.String({ maxLength: 300 })),
  type: enumOf(CUSTOM_QUESTION_TYPES),
  options: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 10 })),
  required: Type.Optional(Type.Boolean()),
});

export const SurveyCreateBody = Type.Object({
  provider: Type.String({ maxLength: 120, description: 'Slug of the provider running the survey; you must be its editor (or an administrator).' }),
  template: Type.String({ maxLength: 120, description: 'brukerundersokelse (satisfaction) or dokumentforvaltning-og-arkiv (5.6 mapping).' }),
  title: Type.String({ maxLength: 200 }),
  titleEn: Type.Optional(Type.String({ maxLength: 200 })),
  audience: Type.Optional(enumOf(SURVEY_AUDIENCES, 'all_state is for administrators only.')),
  services: Type.Optional(Type.Array(Type.String({ maxLength: 120 }), { maxItems: 50, description: "Slugs of the provider's services; required for service_users." })),
  opensOn: Type.String({ maxLength: 10, description: 'yyyy-mm-dd, today or later.' }),
  closesOn: Type.String({ maxLength: 10, description: 'yyyy-mm-dd, the last day answers are taken.' }),
  customQuestions: Type.Optional(Type.Array(CustomQuestionBody, { maxItems: MAX_CUSTOM_QUESTIONS + 1 })),
});

export const SurveyDatesBody = Type.Object({ opensOn: Type.String({ maxLength: 10 }), closesOn: Type.String({ maxLength: 10 }) });

export const ResponseBody = Type.Object({
  answers: Type.Record(Type.String({ maxLength: 60 }), Type.Union([Type.String({ maxLength: 5000 }), Type.Number(), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 })]), {
    description: 'Answers keyed by question id, checked against the survey questionnaire.',
  }),
});

export interface SurveyInput {
  provider: string;
  template: string;
  title: LocalizedText;
  audience: SurveyAudience;
  services: string[];
  opensOn: string;
  closesOn: string;
  custom: CustomQuestionInput[];
}

/**
 * Checks a new survey's fields (JSON, or form strings with custom questions as cq<n>_label …); every problem at once.
 * Dates and custom questions are checked by the domain in the command, which knows today and the template.
 */
export const parseSurveyInput = parser('survey', (b, t, err): SurveyInput => {
  const provider = sized(b, 'provider', 1, Infinity, err, t.provider);
  const template = sized(b, 'template', 1, Infinity, err, t.template);
  const title = sized(b, 'title', 3, 200, err, t.title);
  const audience = oneOf(b, 'audience', SURVEY_AUDIENCES, err, t.audience, 'service_users');
  const services = [b.services ?? []].flat().map(text).filter(Boolean);
  if (audience === 'service_users' && services.length === 0) err('services', t.services);
  return {
    provider,
    template,
    title: withEnglish(b, 'title', title),
    audience,
    services: [...new Set(services)],
    opensOn: text(b.opensOn),
    closesOn: text(b.closesOn),
    custom: Array.isArray(b.customQuestions) ? (b.customQuestions as CustomQuestionInput[]) : customQuestionsFromForm(b),
  };
});

/** The form's custom question slots (cq1_label, cq1_type, cq1_options one per line, cq1_required): filled ones only. */
export function customQuestionsFromForm(b: Record<string, unknown>): CustomQuestionInput[] {
  const out: CustomQuestionInput[] = [];
  for (let i = 1; i <= MAX_CUSTOM_QUESTIONS; i++) {
    const label = text(b[`cq${i}_label`]);
    if (!label) continue;
    out.push({
      label,
      type: (text(b[`cq${i}_type`]) || 'scale') as CustomQuestionInput['type'],
      options: text(b[`cq${i}_options`]).split(/\r?\n/),
      required: text(b[`cq${i}_required`]) === 'yes',
    });
  }
  return out;
}
