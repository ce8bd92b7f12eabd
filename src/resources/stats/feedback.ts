/**
 * Satisfaction and gains for the statistics (issue 4's page for the feedback issue): every closed survey's public
 * results — the anonymity rule of src/domain/surveyResults.ts applied, exactly what the survey's public page shows —
 * and every service's gain indicators with the latest result against the baseline.
 *
 * `asOf` (issue 17, item 6): the surveys closed by the end of that Oslo day (their answers all came while they were
 * open), and the indicators and results recorded by then, the latest of those against the baseline. A result
 * corrected later is not in a past day's figures until the day of its correction (the audit log keeps the old value).
 */
import { osloDayEnd } from '../../domain/osloTime.js';
import type { SizeThresholds } from '../../domain/sizeClass.js';
import type { Executor } from '../../db/database.js';
import { allGains } from '../gains/queries.js';
import { listSurveys, surveyResults, windowOf } from '../surveys/queries.js';

export async function feedbackReport(db: Executor, asOf: string, th: SizeThresholds) {
  const end = osloDayEnd(asOf)!;
  // The last instant of the day: a survey is closed on it when it closed on an earlier day.
  const lastInstant = new Date(end.getTime() - 1);
  const [surveys, all] = await Promise.all([listSurveys(db), allGains(db)]);
  const closed = surveys.filter((s) => windowOf(s, lastInstant) === 'closed').sort((a, b) => b.closesOn.localeCompare(a.closesOn));
  const results = await Promise.all(closed.map(async (s) => ({ survey: s, results: await surveyResults(db, s, 'public', lastInstant, th) })));
  const gains = all
    .map((g) => ({
      ...g,
      indicators: g.indicators
        .filter((i) => i.createdAt < end)
        .map((i) => {
          const measurements = i.measurements.filter((m) => m.recordedAt < end);
          return { ...i, measurements, latest: measurements.at(-1) ?? null };
        }),
    }))
    .filter((g) => g.indicators.length > 0);
  return { surveys: results, gains };
}

export type FeedbackReport = Awaited<ReturnType<typeof feedbackReport>>;
