import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/database.js';
import { surveyAudience } from '../../db/surveyAudience.js';
import { cached } from '../../db/readCache.js';
import { agencies, providers, questionnaires, services, surveyResponses, surveys, surveyServices } from '../../db/schema/index.js';
import type { LocalizedText } from '../../domain/catalogue.js';
import { osloDate, osloToday } from '../../domain/osloTime.js';
import { sizeClassOf, type SizeThresholds } from '../../domain/sizeClass.js';
import { surveyWindow, type SurveyWindow } from '../../domain/survey.js';
import { protectSummary, summarisedQuestions, summariseSurvey, type SurveySummary } from '../../domain/surveyResults.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SurveyFilter {
  ids?: string[] | undefined;
  provider?: string | undefined;
  service?: string | undefined;
}

/**
 * Surveys with their provider, services and questionnaire, newest opening first; cached per catalogue version
 * (surveys and their services bump it, migration 0011; questionnaires are only ever added). Do not modify the rows.
 */
export const listSurveys = cached('surveys', loadSurveys);

async function loadSurveys(db: Executor, f: SurveyFilter = {}) {
  const rows = await db
    .select({ s: surveys, provider: { id: providers.id, slug: providers.slug, name: providers.name }, questionnaire: { id: questionnaires.id, title: questionnaires.title, definition: questionnaires.definition } })
    .from(surveys)
    .innerJoin(providers, eq(providers.id, surveys.providerId))
    .innerJoin(questionnaires, eq(questionnaires.id, surveys.questionnaireId))
    .where(
      and(
        f.ids ? (f.ids.length ? inArray(surveys.id, f.ids) : sql`false`) : undefined,
        f.provider ? eq(providers.slug, f.provider) : undefined,
        f.service ? sql`${surveys.id} in (select ss.survey_id from ${surveyServices} ss join ${services} sv on sv.id = ss.service_id where sv.slug = ${f.service})` : undefined,
      ),
    )
    .orderBy(desc(surveys.opensOn), asc(surveys.id));
  const ids = rows.map((r) => r.s.id);
  const serviceRows = ids.length
    ? await db
        .select({ surveyId: surveyServices.surveyId, id: services.id, slug: services.slug, name: services.name })
        .from(surveyServices)
        .innerJoin(services, eq(services.id, surveyServices.serviceId))
        .where(inArray(surveyServices.surveyId, ids))
    : [];
  return rows.map((r) => ({
    ...r.s,
    provider: r.provider,
    definition: r.questionnaire.definition,
    templateTitle: r.questionnaire.title,
    services: serviceRows.filter((x) => x.surveyId === r.s.id).map(({ surveyId: _, ...x }) => x),
  }));
}

export type SurveyRow = Awaited<ReturnType<typeof loadSurveys>>[number];

export async function getSurvey(db: Executor, id: string): Promise<SurveyRow | undefined> {
  if (!UUID.test(id)) return undefined;
  return (await listSurveys(db, { ids: [id] }))[0];
}

/** Today's Oslo date at the app clock's now, and where the survey stands. */
export const windowOf = (s: { opensOn: string; closesOn: string }, now: Date): SurveyWindow => surveyWindow(s, osloDate(now));

/**
 * The agencies that may answer (of `only`, when given): the survey's audience (src/db/surveyAudience.ts), the same
 * query that decides who is told the survey has opened.
 */
export async function eligibleOrgnrs(db: Executor, s: Pick<SurveyRow, 'id'>, only?: string[]): Promise<string[]> {
  if (only?.length === 0) return [];
  const rows = await queryRows<{ orgnr: string }>(db, audienceSql(s.id, osloToday(), only));
  return rows.map((r) => r.orgnr);
}

/** A survey's audience on `today` as SQL selecting `orgnr`, of `only` when given (not empty). */
function audienceSql(surveyId: string, today: string, only?: string[]): SQL {
  const audience = surveyAudience(surveyId, today);
  return only ? sql`select orgnr from (${audience}) x where orgnr in (${sql.join(only.map((o) => sql`${o}`), sql`, `)})` : audience;
}

export async function getResponse(db: Executor, surveyId: string, orgnr: string) {
  const [row] = await db.select().from(surveyResponses).where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.agencyOrgnr, orgnr)));
  return row;
}

export interface SurveyResults {
  view: 'full' | 'public';
  /** Public results exist once the survey has closed. */
  published: boolean;
  summary: SurveySummary;
  eligible: number | null;
  comments: { question: string; text: string; sizeClass: ReturnType<typeof sizeClassOf> }[];
}

/**
 * A survey's results. `full` (the provider and DFØ): every group, live, with the free-text answers without agency
 * names and the number of eligible agencies. `public`: nothing until the survey has closed, then only groups of at
 * least 5 (protectSummary), no free text.
 */
export async function surveyResults(db: Executor, s: SurveyRow, view: 'full' | 'public', now: Date, thresholds: SizeThresholds): Promise<SurveyResults> {
  const published = windowOf(s, now) === 'closed';
  if (view === 'public' && !published) return { view, published, summary: protectSummary(summariseSurvey(s.definition, [])), eligible: null, comments: [] };
  const rows = await db
    .select({ answers: surveyResponses.answers, employees: surveyResponses.employees, ministryArea: surveyResponses.ministryArea })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, s.id))
    .orderBy(asc(surveyResponses.submittedAt));
  const respondents = rows.map((r) => ({ answers: r.answers, sizeClass: sizeClassOf(r.employees, thresholds), ministryArea: r.ministryArea }));
  const full = summariseSurvey(s.definition, respondents);
  if (view === 'public') return { view, published, summary: protectSummary(full), eligible: null, comments: [] };
  const textQuestions = s.definition.questions.filter((q) => q.type === 'text' || q.type === 'long_text');
  const comments = respondents.flatMap((r) => textQuestions.filter((q) => typeof r.answers[q.id] === 'string').map((q) => ({ question: q.id, text: String(r.answers[q.id]), sizeClass: r.sizeClass })));
  return { view, published, summary: full, eligible: (await eligibleOrgnrs(db, s)).length, comments };
}

/** The questions results are given for, for labels. */
export const resultQuestions = (s: SurveyRow) => summarisedQuestions(s.definition);

/** Surveys of a service: the newest closed one (for its public results) and any open now. */
export async function surveysOfService(db: Executor, serviceSlug: string, now: Date) {
  const all = await listSurveys(db, { service: serviceSlug });
  return {
    open: all.filter((s) => windowOf(s, now) === 'open'),
    latestClosed: all.filter((s) => windowOf(s, now) === 'closed').sort((a, b) => (a.closesOn < b.closesOn ? 1 : -1))[0],
  };
}

/**
 * Which of these agencies each of these surveys asks, on `today`: one query for them all, kept per catalogue and
 * procurement version (the audience comes from agencies, subscriptions, surveys and procurements' eligibility), so a
 * signed-in person's Min side does not plan it on every view (1.4 ms of PostgreSQL's time each, measured).
 */
const audiencesAmong = cached(
  'survey audiences',
  async (db, surveyIds: string[], orgnrs: string[], today: string) => {
    const each = surveyIds.map((id) => sql`select ${id}::text as survey_id, orgnr from (${audienceSql(id, today, orgnrs)}) a`);
    return queryRows<{ survey_id: string; orgnr: string }>(db, sql.join(each, sql` union all `));
  },
  ['catalogue', 'procurements'],
);

/** For an agency's editors: the open surveys each of their agencies may answer, and whether it has. */
export async function openSurveysFor(db: Executor, orgnrs: string[], now: Date) {
  if (orgnrs.length === 0) return [];
  const open = (await listSurveys(db)).filter((s) => windowOf(s, now) === 'open');
  if (open.length === 0) return [];
  const ids = open.map((s) => s.id);
  const [asked, answered] = await Promise.all([
    audiencesAmong(db, ids, orgnrs, osloToday()),
    db
      .select({ surveyId: surveyResponses.surveyId, orgnr: surveyResponses.agencyOrgnr })
      .from(surveyResponses)
      .where(and(inArray(surveyResponses.surveyId, ids), inArray(surveyResponses.agencyOrgnr, orgnrs))),
  ]);
  return open.flatMap((survey) =>
    asked.filter((r) => r.survey_id === survey.id).map((r) => ({ survey, orgnr: r.orgnr, answered: answered.some((a) => a.surveyId === survey.id && a.orgnr === r.orgnr) })),
  );
}

/** The names of ministries by organisation number, for the breakdown's labels. */
export async function ministryNames(db: Executor, orgnrs: string[]): Promise<Map<string, LocalizedText>> {
  if (orgnrs.length === 0) return new Map();
  const rows = await db.select({ orgnr: agencies.orgnr, name: agencies.name }).from(agencies).where(inArray(agencies.orgnr, orgnrs));
  return new Map(rows.map((r) => [r.orgnr, r.name]));
}

/** Services a new survey may be about (all, or those of some providers), with their provider, by slug. */
export function surveyServiceOptions(db: Executor, providerIds?: string[]) {
  return db
    .select({ slug: services.slug, name: services.name, providerId: services.providerId })
    .from(services)
    .where(providerIds ? inArray(services.providerId, providerIds) : undefined)
    .orderBy(asc(services.slug));
}

/** The questionnaires a survey can start from, by slug (every version; the form keeps one per slug). */
export function surveyTemplates(db: Executor) {
  return db.select({ slug: questionnaires.slug, title: questionnaires.title }).from(questionnaires).where(eq(questionnaires.purpose, 'survey_template')).orderBy(asc(questionnaires.slug));
}
