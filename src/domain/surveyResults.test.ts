import { describe, expect, it } from 'vitest';
import type { QuestionnaireDefinition } from './questionnaire.js';
import type { SizeClass } from './sizeClass.js';
import { cellsToHide, MIN_GROUP_SIZE, protectSummary, summariseSurvey, type SurveyRespondent, type SurveySummary } from './surveyResults.js';

const def: QuestionnaireDefinition = {
  questions: [
    { id: 'satisfaction', type: 'scale', label: { nb: 'Fornøyd' }, required: true },
    { id: 'involvement', type: 'scale', label: { nb: 'Involvert' } },
    { id: 'system', type: 'single_choice', label: { nb: 'System' }, options: [{ value: 'a', label: { nb: 'A' } }, { value: 'b', label: { nb: 'B' } }] },
    { id: 'comment', type: 'long_text', label: { nb: 'Kommentar' } },
  ],
};

const respondent = (sizeClass: SizeClass, satisfaction: number, over: Partial<SurveyRespondent> = {}, extra: Record<string, string | number> = {}): SurveyRespondent => ({
  sizeClass,
  ministryArea: 'KUD',
  answers: { satisfaction, comment: 'hemmelig', ...extra },
  ...over,
});
const many = (count: number, sizeClass: SizeClass, satisfaction: number, over: Partial<SurveyRespondent> = {}) => Array.from({ length: count }, () => respondent(sizeClass, satisfaction, over));

describe('the full summary (provider and DFØ)', () => {
  it('gives totals, means, counts per value and every group, however small', () => {
    const s = summariseSurvey(def, [respondent('small', 5, {}, { system: 'a' }), respondent('small', 3, { ministryArea: null }), respondent('large', 4, {}, { involvement: 2, system: 'b' })]);
    expect(s.respondents).toBe(3);
    expect(s.questions.map((q) => q.question)).toEqual(['satisfaction', 'involvement', 'system']);
    expect(s.questions[0]).toEqual({
      question: 'satisfaction',
      n: 3,
      mean: 4,
      counts: [
        { value: '1', count: 0 },
        { value: '2', count: 0 },
        { value: '3', count: 1 },
        { value: '4', count: 1 },
        { value: '5', count: 1 },
      ],
    });
    expect(s.questions[1]).toMatchObject({ n: 1, mean: 2 });
    expect(s.questions[2]!.counts).toEqual([
      { value: 'a', count: 1 },
      { value: 'b', count: 1 },
    ]);
    expect(s.bySize.map((g) => [g.key, g.respondents])).toEqual([
      ['small', 2],
      ['large', 1],
    ]);
    expect(s.byMinistry.map((g) => [g.key, g.respondents])).toEqual([
      ['KUD', 2],
      ['none', 1],
    ]);
    expect(JSON.stringify(s)).not.toContain('hemmelig');
  });
});

describe('the public summary: at least 5 respondents per group', () => {
  it('shows nothing with 4 respondents in all, and the results with 5', () => {
    const four = protectSummary(summariseSurvey(def, many(4, 'small', 5)));
    expect(four).toEqual({ respondents: null, tooFew: true, questions: [], bySize: [], byMinistry: [] });
    const five = protectSummary(summariseSurvey(def, many(5, 'small', 5)));
    expect(five.tooFew).toBe(false);
    expect(five.respondents).toBe(5);
    expect(five.questions[0]).toMatchObject({ question: 'satisfaction', n: 5, mean: 5 });
    expect(five.bySize).toEqual([expect.objectContaining({ key: 'small', respondents: 5, hidden: false })]);
  });

  it('hides a group of 4 and shows a group of 5', () => {
    const s = protectSummary(summariseSurvey(def, [...many(4, 'small', 1), ...many(5, 'medium', 5), ...many(6, 'large', 3)]));
    const bySize = Object.fromEntries(s.bySize.map((g) => [g.key, g]));
    expect(bySize.small).toEqual({ key: 'small', respondents: null, hidden: true, questions: [] });
    // The 4 hidden small ones could be found as 15 − 5 − 6: so the next smallest group (5) is hidden too.
    expect(bySize.medium!.hidden).toBe(true);
    expect(bySize.large).toMatchObject({ respondents: 6, hidden: false });
    expect(bySize.large!.questions[0]).toMatchObject({ question: 'satisfaction', mean: 3 });
  });

  it('shows two groups of 5 as they are', () => {
    const s = protectSummary(summariseSurvey(def, [...many(5, 'small', 2), ...many(5, 'large', 4)]));
    expect(s.bySize.map((g) => [g.key, g.respondents, g.questions[0]?.mean])).toEqual([
      ['small', 5, 2],
      ['large', 5, 4],
    ]);
  });

  it('needs no second group hidden when the hidden groups together reach 5', () => {
    const s = protectSummary(summariseSurvey(def, [...many(3, 'small', 1), ...many(2, 'gap', 1), ...many(7, 'large', 4)]));
    expect(s.bySize.map((g) => [g.key, g.hidden])).toEqual([
      ['small', true],
      ['gap', true],
      ['large', false],
    ]);
  });

  it('hides a question in a group where fewer than 5 answered it, and one answered by fewer than 5 in all', () => {
    const rs = [
      ...many(6, 'small', 4).map((r, i) => (i < 4 ? { ...r, answers: { ...r.answers, involvement: 2 } } : r)),
      ...many(6, 'large', 2).map((r) => ({ ...r, answers: { ...r.answers, involvement: 5 } })),
    ];
    const s = protectSummary(summariseSurvey(def, rs));
    const small = s.bySize.find((g) => g.key === 'small')!;
    const large = s.bySize.find((g) => g.key === 'large')!;
    expect(small.hidden).toBe(false);
    expect(small.questions.map((q) => q.question)).toEqual(['satisfaction']);
    // 4 small agencies' involvement = total − large: so it is hidden for large too.
    expect(large.questions.map((q) => q.question)).toEqual(['satisfaction']);
    expect(s.questions.find((q) => q.question === 'involvement')).toMatchObject({ n: 10 });
    expect(s.questions.find((q) => q.question === 'system')).toBeUndefined();
  });

  it('never lets the total reveal a hidden group (respondents, answers and sums), on many random surveys', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const sizes: SizeClass[] = ['small', 'medium', 'gap', 'large', 'unknown'];
    const ministries = ['KUD', 'JD', 'KD', 'FIN', null];
    for (let round = 0; round < 300; round++) {
      const count = 1 + Math.floor(random() * 30);
      const rs: SurveyRespondent[] = Array.from({ length: count }, () => ({
        sizeClass: sizes[Math.floor(random() * sizes.length)]!,
        ministryArea: ministries[Math.floor(random() * ministries.length)]!,
        answers: { satisfaction: 1 + Math.floor(random() * 5), ...(random() < 0.6 ? { involvement: 1 + Math.floor(random() * 5) } : {}) },
      }));
      const full = summariseSurvey(def, rs);
      const shown = protectSummary(full);
      expectNothingDerivable(full, shown);
    }
  });
});

/** For each breakdown: what the total minus the shown groups leaves is none or at least k, for people and answers. */
function expectNothingDerivable(full: SurveySummary, shown: SurveySummary) {
  const k = MIN_GROUP_SIZE;
  if (shown.tooFew) {
    expect(full.respondents!).toBeLessThan(k);
    return;
  }
  for (const dim of ['bySize', 'byMinistry'] as const) {
    const visible = shown[dim].filter((g) => !g.hidden);
    for (const g of shown[dim]) {
      const real = full[dim].find((x) => x.key === g.key)!;
      if (!g.hidden) expect(g.respondents).toBe(real.respondents);
      if (!g.hidden) expect(real.respondents!).toBeGreaterThanOrEqual(k);
    }
    const remainder = shown.respondents! - visible.reduce((s, g) => s + g.respondents!, 0);
    expect(remainder === 0 || remainder >= k, `${dim}: remainder of ${remainder} respondents`).toBe(true);
    for (const q of shown.questions) {
      const shownIn = visible.map((g) => g.questions.find((x) => x.question === q.question)).filter((x) => x !== undefined);
      for (const r of shownIn) expect(r.n === 0 || r.n >= k, `${dim}/${q.question}: a group shows ${r.n} answers`).toBe(true);
      const rest = q.n - shownIn.reduce((s, r) => s + r.n, 0);
      expect(rest === 0 || rest >= k, `${dim}/${q.question}: remainder of ${rest} answers`).toBe(true);
    }
  }
}

describe('cellsToHide', () => {
  it('hides under k, then the smallest shown cell until the hidden ones reach k', () => {
    expect([...cellsToHide([{ key: 'a', n: 4 }, { key: 'b', n: 6 }, { key: 'c', n: 5 }])].sort()).toEqual(['a', 'c']);
    expect([...cellsToHide([{ key: 'a', n: 5 }, { key: 'b', n: 5 }])]).toEqual([]);
    expect([...cellsToHide([{ key: 'a', n: 4 }, { key: 'b', n: 9 }])].sort()).toEqual(['a', 'b']);
    expect([...cellsToHide([{ key: 'a', n: 0 }, { key: 'b', n: 9 }])]).toEqual([]);
    expect([...cellsToHide([{ key: 'a', n: 7 }, { key: 'b', n: 1 }, { key: 'c', n: 9 }], 5, new Set(['a']))].sort()).toEqual(['a', 'b']);
  });
});
