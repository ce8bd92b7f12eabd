import { eq } from 'drizzle-orm';
import { recordAudit } from '../../db/audit.js';
import type { Database } from '../../db/database.js';
import { procurementEarlyMilestones, procurements } from '../../db/schema/index.js';
import { currentQuestionnaire } from '../../db/seed/questionnaires.js';
import type { Actor } from '../../domain/actor.js';
import type { Language } from '../../domain/catalogue.js';
import { checkEarlyMilestone, checkNeedsSurvey, type EarlyFieldProblem, type EarlyMilestoneInput } from '../../domain/earlyInvolvement.js';
import { osloDate } from '../../domain/osloTime.js';
import { capacityForProvider } from '../../domain/principal.js';
import { checkSurveyDates } from '../../domain/survey.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import { insertSurvey } from '../surveys/commands.js';
import { earlyInvolvement, earlyStateOf } from './queries.js';
import { mayEarly } from './policy.js';

export const NEEDS_SURVEY_SLUG = 'behovskartlegging-anskaffelse';
const UUID = /^[0-9a-f-]{36}$/i;

const throwAll = (errors: { field: string; message: string }[]) => {
  if (errors.length) throw new HttpProblem(400, errors.map((e) => e.message).join(' '), { errors });
};

async function lockProcurement(tx: Parameters<Parameters<Database['transaction']>[0]>[0], id: string, lang: Language) {
  const [p] = UUID.test(id) ? await tx.select().from(procurements).where(eq(procurements.id, id)).for('update') : [];
  if (!p) throw new HttpProblem(404, messages[lang].procurement.errors.unknown);
  return p;
}

/**
 * needsSurveyStarter: a needs survey to every agency the procurement is for (not only today's users), from the
 * questionnaire data/questionnaires/needs-survey-procurement.json, while the procurement is planned; one per
 * procurement. Answered and summarised like any survey (src/resources/surveys/), with the small-group rule.
 */
export async function startNeedsSurvey(db: Database, actor: Actor, id: string, input: { opensOn: string; closesOn: string }, lang: Language): Promise<string> {
  const t = messages[lang];
  const template = await currentQuestionnaire(db, NEEDS_SURVEY_SLUG);
  if (!template) throw new Error('questionnaires are not loaded');
  return db.transaction(async (tx) => {
    const p = await lockProcurement(tx, id, lang);
    if (!mayEarly(actor.principal, 'start_needs_survey', p)) throw new HttpProblem(403, t.access.notYourProvider);
    const e = await earlyInvolvement(tx, p.id);
    const refusal = checkNeedsSurvey(earlyStateOf(p.status, e));
    if (refusal) throw new HttpProblem(409, t.early.refusal[refusal]);
    const dates = t.survey.errors.dates;
    throwAll(checkSurveyDates(input, osloDate(actor.now)).map((x) => ({ field: x.field, message: dates[x.code] })));
    const named = (l: Language) => `${messages[l].early.surveyTitle}: ${p.title[l] ?? p.title.nb}`;
    const title = { nb: named('nb'), nn: named('nn'), en: named('en') };
    return insertSurvey(tx, actor, {
      providerId: p.providerId,
      template: { slug: template.slug, title: template.title },
      definition: template.definition,
      audience: 'all_state',
      title,
      opensOn: input.opensOn,
      closesOn: input.closesOn,
      services: [],
      procurementId: p.id,
    });
  });
}

function fieldErrors(problems: EarlyFieldProblem[], lang: Language) {
  const t = messages[lang].early.errors;
  return problems.map((x) => ({ field: x.field, message: (t[x.field] as Record<string, string>)[x.code]! }));
}

/**
 * earlyMilestoneRecorder: Statens innkjøpsråd's recommendation (the provider or DFØ records it) or DFØ's decision
 * (DFØ's administrators), dated, with its document; one of each, in order, before the consultation. Milestone and
 * audit event in one transaction.
 */
export async function recordEarlyMilestone(db: Database, actor: Actor, id: string, input: EarlyMilestoneInput & { summary?: string | undefined }, lang: Language): Promise<string> {
  const t = messages[lang];
  return db.transaction(async (tx) => {
    const p = await lockProcurement(tx, id, lang);
    if (!mayEarly(actor.principal, input.kind, p)) throw new HttpProblem(403, input.kind === 'decision' ? t.early.errors.decisionAdminOnly : t.access.notYourProvider);
    const e = await earlyInvolvement(tx, p.id);
    const checked = checkEarlyMilestone(earlyStateOf(p.status, e), input, osloDate(actor.now));
    if (!checked.ok && 'refusal' in checked) throw new HttpProblem(409, t.early.refusal[checked.refusal]);
    if (!checked.ok) throwAll(fieldErrors(checked.problems, lang));
    const values = {
      procurementId: p.id,
      kind: input.kind,
      decidedOn: input.decidedOn,
      outcome: input.outcome,
      summary: input.summary?.trim() || null,
      documentTitle: input.documentTitle.trim(),
      documentUrl: input.documentUrl?.trim() || null,
      documentRef: input.documentRef?.trim() || null,
      recordedAt: actor.now,
      recordedBy: actor.principal.name,
    };
    const [row] = await tx.insert(procurementEarlyMilestones).values(values).returning({ id: procurementEarlyMilestones.id });
    await tx.update(procurements).set({ updatedAt: actor.now }).where(eq(procurements.id, p.id));
    const { recordedAt: _, ...after } = values;
    await recordAudit(tx, actor, capacityForProvider(actor.principal, p.providerId), { action: `procurement.${input.kind}`, entityType: 'procurement', entityId: p.id, after });
    return row!.id;
  });
}

