import type { Language, LocalizedText } from '../../domain/catalogue.js';
import { pickText } from '../../domain/catalogue.js';
import { answerLabel } from '../../domain/questionnaire.js';
import { type GroupResult, NO_MINISTRY, type QuestionResult } from '../../domain/surveyResults.js';
import { type StatTable, tableOf } from '../../web/export/table.js';
import { messages } from '../../web/i18n/index.js';
import type { SurveyResults, SurveyRow } from './queries.js';

/** Whether the results can be shown to this reader at all (published or the full view, and enough respondents). */
export function resultsShown(results: SurveyResults): boolean {
  const summary = results.summary;
  return !(results.view === 'public' && !results.published) && !summary.tooFew && (summary.respondents ?? 0) > 0;
}

/**
 * A survey's results as the tables its page shows: overall means, one table per choice question, and means by size
 * class and by ministry area. Built from the results the reader may see (the public view hides small groups: their
 * row has no figures), so a download never holds more than the page. None when the page shows no results.
 */
export function surveyTables(s: SurveyRow, results: SurveyResults, ministries: Map<string, LocalizedText>, lang: Language): StatTable[] {
  if (!resultsShown(results)) return [];
  const t = messages[lang];
  const text = (v: LocalizedText) => pickText(v, lang).text;
  const summary = results.summary;
  const q = (id: string) => s.definition.questions.find((x) => x.id === id)!;
  const numeric = summary.questions.filter((r) => q(r.question).type === 'scale' || q(r.question).type === 'integer');
  const choices = summary.questions.filter((r) => q(r.question).type === 'single_choice' || q(r.question).type === 'multi_choice');
  const short = (id: string) => text(q(id).shortLabel ?? q(id).label);
  const groupLabel = (dim: 'size' | 'ministry', key: string) => (dim === 'size' ? t.vocab.sizeClass[key as 'small'] : key === NO_MINISTRY ? t.survey.noMinistry : text(ministries.get(key) ?? { nb: key }));
  const breakdown = (dim: 'size' | 'ministry', groups: GroupResult[]): StatTable => ({
    id: dim === 'size' ? 'storrelse' : 'departement',
    title: dim === 'size' ? t.survey.bySize : t.survey.byMinistry,
    columns: [
      { key: 'group', label: dim === 'size' ? t.agency.sizeClass : t.common.ministry, type: 'text' },
      { key: 'respondents', label: t.survey.respondents, type: 'integer' },
      ...numeric.map((r) => ({ key: `q-${r.question}`, label: `${short(r.question)} (${t.survey.mean.toLowerCase()})`, type: 'number' as const })),
    ],
    rows: groups.map((g) => [groupLabel(dim, g.key), g.hidden ? null : g.respondents, ...numeric.map((r) => g.questions.find((x) => x.question === r.question)?.mean ?? null)]),
    ...(groups.some((g) => g.hidden) ? { note: t.survey.hiddenGroup } : {}),
  });
  return [
    tableOf<QuestionResult>(
      { id: 'samlet', title: t.tables.surveyOverall },
      [
        { key: 'question', label: t.survey.question, type: 'text', value: (r) => text(q(r.question).label) },
        { key: 'answers', label: t.survey.answers, type: 'integer', value: (r) => r.n },
        { key: 'mean', label: t.survey.mean, type: 'number', value: (r) => r.mean },
      ],
      numeric,
    ),
    ...choices.map(
      (r, i): StatTable => ({
        id: `svar-${i + 1}`,
        title: t.tables.surveyChoice(text(q(r.question).label)),
        columns: [
          { key: 'answer', label: t.survey.answer, type: 'text' },
          { key: 'agencies', label: t.survey.agencies, type: 'integer' },
          { key: 'share', label: t.survey.share, type: 'percent' },
        ],
        rows: r.counts.map((c) => [answerLabel(q(r.question), c.value, text), c.count, r.n ? c.count / r.n : null]),
      }),
    ),
    breakdown('size', summary.bySize),
    breakdown('ministry', summary.byMinistry),
  ];
}
