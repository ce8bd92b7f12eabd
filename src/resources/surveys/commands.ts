import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Database, Executor } from '../../db/database.js';
import { agencies, providers, questionnaires, services, surveyResponses, surveys, surveyServices } from '../../db/schema/index.js';
import type { Language, LocalizedText } from '../../domain/catalogue.js';
import type { SurveyAudience } from '../../domain/collaboration.js';
import { ministryAreaOf } from '../../domain/eligibility.js';
import { formatOrgnr } from '../../domain/orgnr.js';
import { osloDate } from '../../domain/osloTime.js';
import { capacityForAgency, capacityForProvider } from '../../domain/principal.js';
import { type QuestionnaireDefinition, validateAnswers } from '../../domain/questionnaire.js';
import { buildSurveyDefinition, checkSurveyDates, type CustomQuestionProblem, type SurveyDateProblem, surveyWindow } from '../../domain/survey.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import type { Actor } from '../../domain/actor.js';
import { recordAudit } from '../../db/audit.js';
import { fieldProblem } from '../shared/input.js';
import { answerProblems } from '../shared/questionnaireMessages.js';
import { maySurvey } from './policy.js';
import { eligibleOrgnrs } from './queries.js';
import type { SurveyInput } from './schema.js';

function dateErrors(problems: SurveyDateProblem[], lang: Language) {
  const t = messages[lang].survey.errors.dates;
  return problems.map((p) => ({ field: p.field, message: t[p.code] }));
}

function customErrors(problems: CustomQuestionProblem[], lang: Language) {
  const t = messages[lang].survey.errors.custom;
  return problems.map((p) => ({ field: p.index < 0 ? 'customQuestions' : `cq${p.index + 1}_label`, message: p.index < 0 ? t.too_many : t[p.code as Exclude<typeof p.code, 'too_many'>](p.index + 1) }));
}

const throwAll = (errors: { field: string; message: string }[]) => {
  if (errors.length) throw new HttpProblem(400, errors.map((e) => e.message).join(' '), { errors });
};

/**
 * surveyCreator: a survey from a template and the provider's own questions, for some of the provider's services.
 * The questionnaire is written as its own row (purpose survey), so the survey's questions never change afterwards.
 */
export async function createSurvey(db: Database, actor: Actor, input: SurveyInput, lang: Language): Promise<string> {
  const t = messages[lang];
  const [provider] = await db.select({ id: providers.id }).from(providers).where(eq(providers.slug, input.provider));
  if (!provider) throw fieldProblem('provider', t.errors.unknownProvider(input.provider));
  if (!maySurvey(actor.principal, 'create', { providerId: provider.id, audience: input.audience })) {
    throw new HttpProblem(403, input.audience === 'all_state' ? t.survey.errors.allStateAdminOnly : t.access.notYourProvider);
  }
  const [template] = await db
    .select()
    .from(questionnaires)
    .where(and(eq(questionnaires.slug, input.template), eq(questionnaires.purpose, 'survey_template')))
    .orderBy(desc(questionnaires.version))
    .limit(1);
  if (!template) throw fieldProblem('template', t.survey.errors.unknownTemplate(input.template));
  const serviceRows = input.services.length
    ? await db.select({ id: services.id, slug: services.slug, providerId: services.providerId }).from(services).where(inArray(services.slug, input.services))
    : [];
  const missing = input.services.find((s) => !serviceRows.some((r) => r.slug === s));
  if (missing) throw fieldProblem('services', t.errors.unknownService(missing));
  if (serviceRows.some((r) => r.providerId !== provider.id)) throw fieldProblem('services', t.survey.errors.notProvidersService);
  const built = buildSurveyDefinition(template.definition, input.custom);
  throwAll([...dateErrors(checkSurveyDates(input, osloDate(actor.now)), lang), ...(built.ok ? [] : customErrors(built.problems, lang))]);
  if (!built.ok) throw new Error('unreachable');
  return db.transaction((tx) =>
    insertSurvey(tx, actor, {
      providerId: provider.id,
      template: { slug: template.slug, title: template.title },
      definition: built.definition,
      audience: input.audience,
      title: input.title,
      opensOn: input.opensOn,
      closesOn: input.closesOn,
      services: input.services.map((slug) => serviceRows.find((r) => r.slug === slug)!),
    }),
  );
}

export interface NewSurvey {
  providerId: string;
  template: { slug: string; title: LocalizedText };
  definition: QuestionnaireDefinition;
  audience: SurveyAudience;
  title: LocalizedText;
  opensOn: string;
  closesOn: string;
  services: { id: string; slug: string }[];
  /** A needs survey before this procurement (early involvement). */
  procurementId?: string;
}

/**
 * Writes a survey inside the caller's transaction: its own frozen questionnaire row (purpose survey), the survey,
 * its services and the audit event. The caller has checked who may and the dates.
 */
export async function insertSurvey(tx: Executor, actor: Actor, n: NewSurvey): Promise<string> {
  const [q] = await tx
    .insert(questionnaires)
    .values({ slug: `undersokelse-${randomBytes(5).toString('hex')}`, version: 1, purpose: 'survey', title: n.template.title, definition: n.definition, createdAt: actor.now })
    .returning();
  const [row] = await tx
    .insert(surveys)
    .values({
      providerId: n.providerId,
      template: n.template.slug,
      audience: n.audience,
      title: n.title,
      questionnaireId: q!.id,
      opensOn: n.opensOn,
      closesOn: n.closesOn,
      procurementId: n.procurementId ?? null,
      createdBy: actor.principal.name,
      createdAt: actor.now,
      updatedAt: actor.now,
    })
    .returning();
  if (n.services.length) await tx.insert(surveyServices).values(n.services.map((s) => ({ surveyId: row!.id, serviceId: s.id })));
  await recordAudit(tx, actor, capacityForProvider(actor.principal, n.providerId), {
    action: 'survey.create',
    entityType: 'survey',
    entityId: row!.id,
    after: {
      title: n.title,
      template: n.template.slug,
      audience: n.audience,
      services: n.services.map((s) => s.slug),
      opensOn: n.opensOn,
      closesOn: n.closesOn,
      questions: n.definition.questions.map((x) => x.id),
      ...(n.procurementId ? { procurement: n.procurementId } : {}),
    },
  });
  return row!.id;
}

/** surveyRescheduler: moves the dates of a scheduled survey, or the closing date of an open one. Closed: 409. */
export async function changeSurveyDates(db: Database, actor: Actor, id: string, input: { opensOn: string; closesOn: string }, lang: Language): Promise<void> {
  const t = messages[lang];
  await db.transaction(async (tx) => {
    const [s] = /^[0-9a-f-]{36}$/i.test(id) ? await tx.select().from(surveys).where(eq(surveys.id, id)).for('update') : [];
    if (!s) throw new HttpProblem(404, t.survey.errors.unknown);
    if (!maySurvey(actor.principal, 'edit', { providerId: s.providerId })) throw new HttpProblem(403, t.access.notYourProvider);
    const today = osloDate(actor.now);
    if (surveyWindow(s, today) === 'closed') throw new HttpProblem(409, t.survey.errors.closedNoChange);
    throwAll(dateErrors(checkSurveyDates(input, today, s), lang));
    if (s.opensOn === input.opensOn && s.closesOn === input.closesOn) return;
    await tx.update(surveys).set({ opensOn: input.opensOn, closesOn: input.closesOn, updatedAt: actor.now }).where(eq(surveys.id, id));
    await recordAudit(tx, actor, capacityForProvider(actor.principal, s.providerId), {
      action: 'survey.reschedule',
      entityType: 'survey',
      entityId: id,
      before: { opensOn: s.opensOn, closesOn: s.closesOn },
      after: input,
    });
  });
}

export interface ResponseOutcome {
  outcome: 'created' | 'changed' | 'unchanged';
}

/**
 * surveyResponder: an agency's answer, checked against the survey's questionnaire. One per agency and survey,
 * changeable until the survey closes; the same answers again change nothing. Refusals: 404 survey or agency, 403
 * not yours, 409 not open or not eligible, 400 invalid answers. The agency's size and ministry area are kept with
 * the answer; the audit event records which questions were answered, not what, since results are anonymous.
 */
export async function submitResponse(db: Database, actor: Actor, surveyId: string, orgnr: string, raw: Record<string, unknown>, lang: Language): Promise<ResponseOutcome> {
  const t = messages[lang];
  return db.transaction(async (tx) => {
    const [s] = /^[0-9a-f-]{36}$/i.test(surveyId) ? await tx.select().from(surveys).where(eq(surveys.id, surveyId)).for('share') : [];
    if (!s) throw new HttpProblem(404, t.survey.errors.unknown);
    const [agency] = await tx.select({ orgnr: agencies.orgnr, kind: agencies.kind, ministryOrgnr: agencies.ministryOrgnr, employees: agencies.employees }).from(agencies).where(eq(agencies.orgnr, orgnr));
    if (!agency) throw new HttpProblem(404, t.errors.unknownAgency(formatOrgnr(orgnr)));
    if (!maySurvey(actor.principal, 'respond', { providerId: s.providerId, agencyOrgnr: orgnr })) throw new HttpProblem(403, t.access.notYourAgency(formatOrgnr(orgnr)));
    const window = surveyWindow(s, osloDate(actor.now));
    if (window !== 'open') throw new HttpProblem(409, window === 'scheduled' ? t.survey.errors.notOpen : t.survey.errors.closed);
    if ((await eligibleOrgnrs(tx, s, [orgnr])).length === 0) throw new HttpProblem(409, t.survey.errors.notEligible);
    const [q] = await tx.select({ definition: questionnaires.definition }).from(questionnaires).where(eq(questionnaires.id, s.questionnaireId));
    const result = validateAnswers(q!.definition, raw);
    if (!result.ok) {
      const errors = answerProblems(q!.definition, result.problems, lang);
      throw new HttpProblem(400, errors.map((e) => e.message).join(' '), { errors });
    }
    const [existing] = await tx.select().from(surveyResponses).where(and(eq(surveyResponses.surveyId, s.id), eq(surveyResponses.agencyOrgnr, orgnr))).for('update');
    if (existing && isDeepStrictEqual(existing.answers, result.answers)) return { outcome: 'unchanged' as const };
    const values = { answers: result.answers, employees: agency.employees, ministryArea: ministryAreaOf(agency), updatedAt: actor.now, submittedBy: actor.principal.name };
    const [row] = existing
      ? await tx.update(surveyResponses).set(values).where(eq(surveyResponses.id, existing.id)).returning()
      : await tx.insert(surveyResponses).values({ ...values, surveyId: s.id, agencyOrgnr: orgnr, submittedAt: actor.now }).returning();
    await recordAudit(tx, actor, capacityForAgency(actor.principal, orgnr), {
      action: existing ? 'survey.change_response' : 'survey.respond',
      entityType: 'survey_response',
      entityId: row!.id,
      after: { survey: s.id, answered: Object.keys(result.answers) },
    });
    return { outcome: existing ? ('changed' as const) : ('created' as const) };
  });
}
