import { and, asc, count, eq } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { procurementEarlyMilestones, surveyResponses, surveys } from '../../db/schema/index.js';
import type { EarlyState } from '../../domain/earlyInvolvement.js';
import { eligibleOrgnrs } from '../surveys/queries.js';

/** The needs survey of a procurement (if started) with its response and eligible counts, and the milestones. */
export async function earlyInvolvement(db: Executor, procurementId: string) {
  const [survey] = await db
    .select({ id: surveys.id, audience: surveys.audience, opensOn: surveys.opensOn, closesOn: surveys.closesOn, procurementId: surveys.procurementId })
    .from(surveys)
    .where(eq(surveys.procurementId, procurementId));
  const milestones = await db.select().from(procurementEarlyMilestones).where(eq(procurementEarlyMilestones.procurementId, procurementId)).orderBy(asc(procurementEarlyMilestones.decidedOn));
  let needsSurvey = null;
  if (survey) {
    const [answered] = await db.select({ n: count() }).from(surveyResponses).where(eq(surveyResponses.surveyId, survey.id));
    needsSurvey = { id: survey.id, opensOn: survey.opensOn, closesOn: survey.closesOn, responses: answered?.n ?? 0, eligible: (await eligibleOrgnrs(db, survey)).length };
  }
  return { needsSurvey, milestones };
}

export type EarlyInvolvement = Awaited<ReturnType<typeof earlyInvolvement>>;

/** The state the domain rules read (src/domain/earlyInvolvement.ts). */
export function earlyStateOf(status: EarlyState['status'], e: EarlyInvolvement): EarlyState {
  const of = (kind: string) => {
    const m = e.milestones.find((x) => x.kind === kind);
    return m ? { decidedOn: m.decidedOn, outcome: m.outcome } : null;
  };
  return { status, needsSurvey: e.needsSurvey, recommendation: of('council_recommendation'), decision: of('decision') };
}

/** DFØ's decision on a procurement, if made: the lifecycle refuses a consultation after a stop. */
export async function earlyDecision(db: Executor, procurementId: string): Promise<string | null> {
  const [m] = await db
    .select({ outcome: procurementEarlyMilestones.outcome })
    .from(procurementEarlyMilestones)
    .where(and(eq(procurementEarlyMilestones.procurementId, procurementId), eq(procurementEarlyMilestones.kind, 'decision')));
  return m?.outcome ?? null;
}
