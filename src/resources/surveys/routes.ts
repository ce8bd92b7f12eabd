import { Type } from 'typebox';
import type { Language } from '../../domain/catalogue.js';
import { answerLabel, type Question, scaleValues } from '../../domain/questionnaire.js';
import { MIN_GROUP_SIZE, NO_MINISTRY, type GroupResult, type QuestionResult } from '../../domain/surveyResults.js';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import { requireOrgnr } from '../agencies/orgnrInput.js';
import { actorOf } from '../../server/actor.js';
import { localizer, pageUrl } from '../shared/present.js';
import { agencyNames } from '../shared/queries.js';
import { problem, security } from '../shared/schema.js';
import { postCreate, putUpsert } from '../shared/routes.js';
import { changeSurveyDates, createSurvey, submitResponse } from './commands.js';
import { maySurvey } from './policy.js';
import { getResponse, getSurvey, listSurveys, ministryNames, type SurveyResults, surveyResults, type SurveyRow, windowOf } from './queries.js';
import { parseSurveyInput, ResponseBody, ResponseParams, SurveyCreateBody, SurveyDatesBody, SurveyIdParams, SurveyListQuery, SurveyResponseSchema, SurveyResultsSchema, SurveySchema } from './schema.js';

export function presentQuestion(q: Question, lang: Language) {
  const { text } = localizer(lang);
  return {
    id: q.id,
    type: q.type,
    label: text(q.label),
    required: !!q.required,
    ...(q.options ? { options: q.options.map((o) => ({ value: o.value, label: text(o.label) })) } : {}),
    ...(q.type === 'scale'
      ? { scale: { min: scaleValues(q)[0]!, max: scaleValues(q).at(-1)!, minLabel: q.scaleLabels ? text(q.scaleLabels.min) : null, maxLabel: q.scaleLabels ? text(q.scaleLabels.max) : null } }
      : {}),
  };
}

export function presentSurvey(s: SurveyRow, lang: Language, now: Date, publicUrl: string) {
  const { text, ref } = localizer(lang);
  return {
    id: s.id,
    title: text(s.title),
    provider: ref(s.provider),
    template: { slug: s.template, title: text(s.templateTitle) },
    audience: s.audience,
    services: s.services.map(ref),
    opensOn: s.opensOn,
    closesOn: s.closesOn,
    window: windowOf(s, now),
    questions: s.definition.questions.map((q) => presentQuestion(q, lang)),
    url: pageUrl(publicUrl, lang, `/undersokelser/${s.id}`),
  };
}

/**
 * A survey's results with labels in a language: the shape the API gives and the statistics pages can take (at
 * merge: the satisfaction and document-archive results beside the usage figures).
 */
export async function presentResults(deps: AppDeps, s: SurveyRow, r: SurveyResults, lang: Language) {
  const t = messages[lang];
  const { text } = localizer(lang);
  const names = await ministryNames(deps.database.db, r.summary.byMinistry.map((g) => g.key).filter((k) => k !== NO_MINISTRY));
  const question = (id: string) => s.definition.questions.find((q) => q.id === id)!;
  const presentQ = (x: QuestionResult) => ({
    question: x.question,
    label: text(question(x.question).label),
    n: x.n,
    mean: x.mean,
    counts: x.counts.map((c) => ({ value: c.value, label: answerLabel(question(x.question), c.value, text), count: c.count })),
  });
  const group = (label: (key: string) => string) => (g: GroupResult) => ({ key: g.key, label: label(g.key), respondents: g.respondents, hidden: g.hidden, questions: g.questions.map(presentQ) });
  return {
    survey: { id: s.id, title: text(s.title), window: windowOf(s, (deps.clock ?? (() => new Date()))()) },
    view: r.view,
    minGroupSize: MIN_GROUP_SIZE,
    published: r.published,
    respondents: r.summary.respondents,
    eligible: r.eligible,
    tooFew: r.summary.tooFew,
    questions: r.summary.questions.map(presentQ),
    bySize: r.summary.bySize.map(group((k) => t.vocab.sizeClass[k as 'small'])),
    byMinistry: r.summary.byMinistry.map(group((k) => (k === NO_MINISTRY ? t.survey.noMinistry : text(names.get(k) ?? { nb: k })))),
    comments: r.comments,
  };
}

export async function registerSurveyApi(api: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const { publicUrl, sizeThresholds: thresholds } = deps.config;
  const now = () => (deps.clock ?? (() => new Date()))();
  api.addSchema(SurveySchema);
  api.addSchema(SurveyResultsSchema);
  api.addSchema(SurveyResponseSchema);
  const load = async (id: string, lang: Language) => {
    const s = await getSurvey(db, id);
    if (!s) throw new HttpProblem(404, messages[lang].survey.errors.unknown);
    return s;
  };
  const presentResponse = async (surveyId: string, orgnr: string, lang: Language) => {
    const r = await getResponse(db, surveyId, orgnr);
    if (!r) throw new HttpProblem(404, messages[lang].survey.errors.noResponse);
    const name = (await agencyNames(db, [orgnr]))(orgnr);
    return { survey: surveyId, agency: localizer(lang).org(name!), answers: r.answers, submittedAt: r.submittedAt.toISOString(), updatedAt: r.updatedAt.toISOString() };
  };

  api.get(
    '/surveys',
    {
      schema: {
        tags: ['surveys'],
        summary: 'User surveys',
        description: 'Public. Newest first; filter by window (Oslo date), service or provider.',
        querystring: SurveyListQuery,
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Survey')), total: Type.Integer() }), 400: problem },
      },
    },
    async (req) => {
      const items = (await listSurveys(db, { service: req.query.service, provider: req.query.provider }))
        .filter((s) => !req.query.window || windowOf(s, now()) === req.query.window)
        .map((s) => presentSurvey(s, req.lang, now(), publicUrl));
      return { items, total: items.length };
    },
  );

  api.get(
    '/surveys/:id',
    { schema: { tags: ['surveys'], summary: 'One survey with its questions', params: SurveyIdParams, querystring: Type.Object({ lang: Type.Optional(Type.String()) }), response: { 200: { $ref: 'Survey#' }, 404: problem } } },
    async (req) => presentSurvey(await load(req.params.id, req.lang), req.lang, now(), publicUrl),
  );

  api.get(
    '/surveys/:id/results',
    {
      schema: {
        tags: ['surveys'],
        summary: "A survey's results, by size class and ministry",
        description:
          'The provider running it and administrators get every group, live, with free-text answers without names (view=full). Everyone else gets the results once the survey has closed, in the aggregate: fewer than 5 respondents in all shows nothing; a group with fewer than 5, and any group whose hiding is needed so the total cannot reveal a hidden one, is hidden (view=public).',
        params: SurveyIdParams,
        querystring: Type.Object({ lang: Type.Optional(Type.String()), view: Type.Optional(Type.Union([Type.Literal('full'), Type.Literal('public')], { description: 'public: what everyone sees, also for the provider.' })) }),
        response: { 200: { $ref: 'SurveyResults#' }, 400: problem, 404: problem },
      },
    },
    async (req) => {
      const s = await load(req.params.id, req.lang);
      const full = req.query.view !== 'public' && maySurvey(req.principal, 'results', { providerId: s.provider.id });
      return presentResults(deps, s, await surveyResults(db, s, full ? 'full' : 'public', now(), thresholds), req.lang);
    },
  );

  postCreate(
    api,
    '/surveys',
    {
      tags: ['surveys'],
      summary: 'Create a survey',
      description: "For the provider's editors (and administrators, who may also ask every state agency: audience all_state). Questions come from the template, plus up to 5 of your own. Answers 201.",
      body: SurveyCreateBody,
      item: 'Survey',
    },
    (req, body) => createSurvey(db, actorOf(req, deps), parseSurveyInput(body, req.lang), req.lang),
    async (id, lang) => presentSurvey(await load(id, lang), lang, now(), publicUrl),
  );

  api.put(
    '/surveys/:id/dates',
    {
      schema: {
        tags: ['surveys'],
        summary: "Move a survey's dates",
        description: 'Before it opens, both dates; while open, only the closing date (not into the past); a closed survey is a 409.',
        security,
        params: SurveyIdParams,
        body: SurveyDatesBody,
        response: { 200: { $ref: 'Survey#' }, 400: problem, 401: problem, 403: problem, 404: problem, 409: problem },
      },
    },
    async (req) => {
      await changeSurveyDates(db, actorOf(req, deps), req.params.id, req.body, req.lang);
      return presentSurvey(await load(req.params.id, req.lang), req.lang, now(), publicUrl);
    },
  );

  api.get(
    '/surveys/:id/responses/:orgnr',
    {
      schema: {
        tags: ['surveys'],
        summary: "An agency's own response",
        description: "For the agency's editors and administrators: responses are anonymous to everyone else.",
        security,
        params: ResponseParams,
        querystring: Type.Object({ lang: Type.Optional(Type.String()) }),
        response: { 200: { $ref: 'SurveyResponse#' }, 400: problem, 401: problem, 403: problem, 404: problem },
      },
    },
    async (req) => {
      const t = messages[req.lang];
      const orgnr = requireOrgnr(req.params.orgnr, req.lang, 'orgnr');
      const s = await load(req.params.id, req.lang);
      if (!req.principal) throw new HttpProblem(401, t.access.signInRequired);
      if (!maySurvey(req.principal, 'respond', { providerId: s.provider.id, agencyOrgnr: orgnr })) throw new HttpProblem(403, t.access.notYourAgency(orgnr));
      return presentResponse(s.id, orgnr, req.lang);
    },
  );

  putUpsert(
    api,
    '/surveys/:id/responses/:orgnr',
    {
      tags: ['surveys'],
      summary: "Submit or change an agency's response",
      description: 'One per agency and survey, changeable until the survey closes (409 before it opens, after it closes, or for an agency that does not use the services). The same answers again change nothing (200). 201 when created.',
      params: ResponseParams,
      body: ResponseBody,
      item: 'SurveyResponse',
    },
    async (req, params, body) => {
      const orgnr = requireOrgnr(params.orgnr, req.lang, 'orgnr');
      const r = await submitResponse(db, actorOf(req, deps), params.id, orgnr, body.answers, req.lang);
      return { created: r.outcome === 'created', item: await presentResponse(params.id, orgnr, req.lang) };
    },
  );
}
