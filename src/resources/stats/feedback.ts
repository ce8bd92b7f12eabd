/**
 * Satisfaction and gains for the statistics (issue 4's page for the feedback issue): every closed survey's public
 * results — the anonymity rule of src/domain/surveyResults.ts applied, exactly what the survey's public page shows —
 * and every service's gain indicators with the latest result against the baseline.
 */
import type { SizeThresholds } from '../../domain/sizeClass.js';
import type { Executor } from '../../db/database.js';
import { allGains } from '../gains/queries.js';
import { listSurveys, surveyResults, windowOf } from '../surveys/queries.js';

export async function feedbackReport(db: Executor, now: Date, th: SizeThresholds) {
  const [surveys, gains] = await Promise.all([listSurveys(db), allGains(db)]);
  const closed = surveys.filter((s) => windowOf(s, now) === 'closed').sort((a, b) => b.closesOn.localeCompare(a.closesOn));
  const results = await Promise.all(closed.map(async (s) => ({ survey: s, results: await surveyResults(db, s, 'public', now, th) })));
  return { surveys: results, gains };
}

export type FeedbackReport = Awaited<ReturnType<typeof feedbackReport>>;
