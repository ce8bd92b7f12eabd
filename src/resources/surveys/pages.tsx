import { Alert, Button, Paragraph } from '@digdir/designsystemet-react';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { LocalizedText } from '../../domain/catalogue.js';
import { isAdmin, providerScopes } from '../../domain/principal.js';
import { answerLabel, type Question } from '../../domain/questionnaire.js';
import { CUSTOM_QUESTION_TYPES, MAX_CUSTOM_QUESTIONS, type SurveyWindow } from '../../domain/survey.js';
import { type GroupResult, MIN_GROUP_SIZE, NO_MINISTRY, type QuestionResult } from '../../domain/surveyResults.js';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { ChoiceField, JsonLink, DataTable, DefinitionList, PageHeader, Section, SelectField, TextAreaField, TextField } from '../../web/components.js';
import { Text, usePage } from '../../web/context.js';
import { type AfterPost, usePageKit } from '../../web/pageKit.js';
import { errorMap, type Errors, ErrorSummary, FormBody, type FormValues, Notice, OkQuery, one, PostForm, Refusal, useFormPage } from '../../web/forms.js';
import { messages } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { answersFromForm, QuestionnaireFields } from '../../web/questionnaireFields.js';
import { prefix, sendPage } from '../../web/render.js';
import { actorOf } from '../../server/actor.js';
import { actingAgencies, agencyOfForm, CodeTag, CollabBreadcrumbs, submitForm } from '../collaboration/components.js';
import { CollabFormPage } from '../collaboration/formPage.js';
import { CollabListLayout } from '../collaboration/listPage.js';
import { LinkParagraph, LinkSeries, TextLink } from '../../web/components/links.js';
import { agencyNames } from '../shared/queries.js';
import { changeSurveyDates, createSurvey, submitResponse } from './commands.js';
import { maySurvey } from './policy.js';
import { eligibleOrgnrs, getResponse, getSurvey, listSurveys, ministryNames, type SurveyResults, surveyResults, type SurveyRow, windowOf } from './queries.js';
import { parseSurveyInput } from './schema.js';
import { editableProviders } from '../shared/queries.js';
import { FollowButton } from '../../web/follow.js';
import { isFollowing } from '../follows/queries.js';
import { registerTableDownloads } from '../shared/tableDownloads.js';
import { StatDownloads } from '../../web/export/StatTableView.js';
import { surveyTables } from './tables.js';
import { surveyServiceOptions, surveyTemplates } from './queries.js';

const IdParams = Type.Object({ id: Type.String({ maxLength: 60 }) });
type Agency = { orgnr: string; name: LocalizedText };

export async function registerSurveyPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const thresholds = deps.config.sizeThresholds;
  const now = () => (deps.clock ?? (() => new Date()))();

  app.get('/undersokelser', { schema: { hide: true, querystring: Type.Object({}) } }, async (req, reply) => {
    const rows = await listSurveys(db);
    const mayCreate = isAdmin(req.principal) || providerScopes(req.principal).length > 0;
    return sendPage(req, reply, <SurveyListPage rows={rows} now={now()} mayCreate={mayCreate} />);
  });

  const newForm = async (req: FastifyRequest, reply: FastifyReply, values: FormValues, errors: Errors) => {
    const t = messages[req.lang];
    if (!req.principal) throw new HttpProblem(401, t.access.signInRequired);
    const admin = isAdmin(req.principal);
    if (!admin && providerScopes(req.principal).length === 0) throw new HttpProblem(403, t.access.notYourProvider);
    const [providerRows, serviceRows, templates] = await Promise.all([editableProviders(db, req.principal), surveyServiceOptions(db, admin ? undefined : providerScopes(req.principal)), surveyTemplates(db)]);
    return sendPage(req, reply, <NewSurveyPage providers={providerRows} services={serviceRows} templates={[...new Map(templates.map((x) => [x.slug, x])).values()]} admin={admin} values={values} errors={errors} />, errors.length ? 400 : 200);
  };
  app.get('/undersokelser/ny', { schema: { hide: true, querystring: Type.Object({}) } }, async (req, reply) => newForm(req, reply, { template: 'brukerundersokelse' }, []));
  app.post('/undersokelser/ny', { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const body = req.body as FormValues;
    return submitForm(
      reply,
      async () => `${prefix(req)}/undersokelser/${await createSurvey(db, actorOf(req, deps), parseSurveyInput(body, req.lang), req.lang)}?ok=created`,
      (errors) => newForm(req, reply, body, errors),
    );
  });

  const load = async (req: FastifyRequest, id: string) => {
    const s = await getSurvey(db, id);
    if (!s) throw new HttpProblem(404, messages[req.lang].survey.errors.unknown);
    return s;
  };
  /** The results this reader may see: the provider and DFØ the full view, everyone else the public one. */
  const readerResults = async (req: FastifyRequest, s: SurveyRow) => {
    const manage = maySurvey(req.principal, 'results', { providerId: s.provider.id });
    const results = await surveyResults(db, s, manage ? 'full' : 'public', now(), thresholds);
    return { manage, results, names: await ministryNames(db, results.summary.byMinistry.map((g) => g.key)) };
  };
  registerTableDownloads(
    app,
    '/undersokelser/:id',
    { querystring: Type.Object({}), params: IdParams },
    async (req) => {
      const s = await load(req, (req.params as { id: string }).id);
      const { results, names } = await readerResults(req, s);
      return { tables: surveyTables(s, results, names, req.lang), fileName: (table) => `undersokelse-${s.id.slice(0, 8)}-${table.id}` };
    },
    { signedIn: true },
  );
  const show = async (req: FastifyRequest, reply: FastifyReply, s: SurveyRow, state: { ok?: string | undefined; dateErrors?: Errors; refusal?: string }, status = 200) => {
    const { manage, results, names } = await readerResults(req, s);
    const acting = await actingAgencies(db, req.principal);
    const eligible = acting.length ? await eligibleOrgnrs(db, s, acting.map((a) => a.orgnr)) : [];
    const answered = await Promise.all(eligible.map(async (orgnr) => ({ orgnr, answered: !!(await getResponse(db, s.id, orgnr)) })));
    const follow = req.principal?.kind === 'user' ? await isFollowing(db, req.principal.id, 'survey', s.id) : undefined;
    return sendPage(
      req,
      reply,
      <SurveyPage s={s} window={windowOf(s, now())} manage={manage} results={results} ministries={names} agencies={acting.filter((a) => eligible.includes(a.orgnr)).map((a) => ({ ...a, answered: answered.find((x) => x.orgnr === a.orgnr)!.answered }))} following={follow?.following} {...state} />,
      status,
    );
  };
  app.get('/undersokelser/:id', { schema: { hide: true, params: IdParams, querystring: OkQuery } }, async (req, reply) => show(req, reply, await load(req, req.params.id), { ok: req.query.ok }));
  app.post('/undersokelser/:id/datoer', { schema: { hide: true, params: IdParams, body: FormBody } }, async (req, reply) => {
    const s = await load(req, req.params.id);
    const body = req.body as FormValues;
    try {
      await changeSurveyDates(db, actorOf(req, deps), s.id, { opensOn: one(body.opensOn) ?? '', closesOn: one(body.closesOn) ?? '' }, req.lang);
      return reply.redirect(`${prefix(req)}/undersokelser/${s.id}?ok=rescheduled`, 303);
    } catch (e) {
      if (e instanceof HttpProblem && e.status === 400) return show(req, reply, s, { dateErrors: e.extra.errors ?? [] }, 400);
      if (e instanceof HttpProblem && e.status === 409) return show(req, reply, s, { refusal: e.detail }, 409);
      throw e;
    }
  });

  const answerForm = async (req: FastifyRequest, reply: FastifyReply, s: SurveyRow, orgnr: string, state: { values?: Record<string, unknown>; errors?: Errors; refusal?: string; ok?: string | undefined }, status = 200) => {
    const t = messages[req.lang];
    if (!maySurvey(req.principal, 'respond', { providerId: s.provider.id, agencyOrgnr: orgnr })) throw new HttpProblem(403, t.access.notYourAgency(orgnr));
    const agency = (await agencyNames(db, [orgnr]))(orgnr);
    if (!agency) throw new HttpProblem(404, t.errors.unknownAgency(orgnr));
    const [response, eligible] = await Promise.all([getResponse(db, s.id, orgnr), eligibleOrgnrs(db, s, [orgnr])]);
    return sendPage(req, reply, <AnswerPage s={s} agency={agency} window={windowOf(s, now())} eligible={eligible.length > 0} response={response} {...state} />, status);
  };
  app.get('/undersokelser/:id/svar', { schema: { hide: true, params: IdParams, querystring: Type.Object({ virksomhet: Type.Optional(Type.String({ maxLength: 20 })), ok: Type.Optional(Type.String({ maxLength: 20 })) }) } }, async (req, reply) => {
    const s = await load(req, req.params.id);
    return answerForm(req, reply, s, agencyOfForm(req, req.query.virksomhet), { ok: req.query.ok });
  });
  app.post('/undersokelser/:id/svar', { schema: { hide: true, params: IdParams, body: FormBody } }, async (req, reply) => {
    const s = await load(req, req.params.id);
    const body = req.body as FormValues;
    const orgnr = agencyOfForm(req, one(body.virksomhet));
    const answers = answersFromForm(body);
    try {
      const r = await submitResponse(db, actorOf(req, deps), s.id, orgnr, answers, req.lang);
      return reply.redirect(`${prefix(req)}/undersokelser/${s.id}/svar?virksomhet=${orgnr}&ok=${r.outcome}`, 303);
    } catch (e) {
      if (e instanceof HttpProblem && e.status === 400) return answerForm(req, reply, s, orgnr, { values: answers, errors: e.extra.errors ?? [] }, 400);
      if (e instanceof HttpProblem && e.status === 409) return answerForm(req, reply, s, orgnr, { values: answers, refusal: e.detail }, 409);
      throw e;
    }
  });
}

const WINDOW_COLOR = { scheduled: 'neutral', open: 'success', closed: 'info' } as const;

export function WindowTag({ window }: { window: SurveyWindow }) {
  const { t } = usePage();
  return <CodeTag label={t.survey.window[window]} color={WINDOW_COLOR[window]} />;
}

function SurveyListPage({ rows, now, mayCreate }: { rows: SurveyRow[]; now: Date; mayCreate: boolean }) {
  const { t, fmt, href, text } = usePageKit();
  const groups = (['open', 'scheduled', 'closed'] as const).map((w) => ({ window: w, rows: rows.filter((s) => windowOf(s, now) === w) }));
  return (
    <CollabListLayout title={t.survey.title} lead={t.survey.lead} action={{ href: href('/undersokelser/ny'), label: t.survey.create, show: mayCreate }}>
      {rows.length === 0 ? <Paragraph>{t.survey.none}</Paragraph> : null}
      {groups
        .filter((g) => g.rows.length > 0)
        .map((g) => (
          <Section key={g.window} title={t.survey.windowHeading[g.window]} id={g.window}>
            <DataTable caption={t.survey.windowHeading[g.window]} captionHidden columns={[t.survey.survey, t.common.provider, t.survey.services, t.survey.period]}>
              {g.rows.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <TextLink path={`/undersokelser/${s.id}`} value={s.title} />
                    <span className="block muted">
                      <Text value={s.templateTitle} />
                    </span>
                  </th>
                  <td>
                    <Text value={s.provider.name} />
                  </td>
                  <td>{s.audience === 'all_state' ? t.survey.allState : s.services.map((x) => text(x.name)).join(', ')}</td>
                  <td className="nowrap">
                    {fmt.date(s.opensOn)} – {fmt.date(s.closesOn)}
                  </td>
                </tr>
              ))}
            </DataTable>
          </Section>
        ))}
      <JsonLink href="/api/v1/surveys" />
    </CollabListLayout>
  );
}

function NewSurveyPage({
  providers: providerRows,
  services: serviceRows,
  templates,
  admin,
  values,
  errors,
}: {
  providers: { id: string; slug: string; name: LocalizedText }[];
  services: { slug: string; name: LocalizedText; providerId: string }[];
  templates: { slug: string; title: LocalizedText }[];
  admin: boolean;
  values: FormValues;
  errors: Errors;
}) {
  const { t, href, text, e, v, field } = useFormPage(values, errors);
  const providerName = (id: string) => text(providerRows.find((p) => p.id === id)?.name);
  return (
    <CollabFormPage title={t.survey.create} lead={t.survey.createLead} crumbs={[{ label: t.survey.title, href: href('/undersokelser') }, { label: t.survey.create }]} errors={errors} action={href('/undersokelser/ny')} submit={t.survey.createButton}>
      <SelectField {...field('provider')} label={t.common.provider} options={providerRows.map((p) => ({ value: p.slug, label: text(p.name) }))} />
      <ChoiceField {...field('template')} legend={t.survey.template} options={templates.map((x) => ({ value: x.slug, label: text(x.title) }))} description={t.survey.templateHelp} />
      <TextField id="f-title" name="title" label={t.survey.titleLabel} description={t.survey.titleHelp} value={v('title')} error={e.title} maxLength={200} />
      <TextField id="f-titleEn" name="titleEn" label={t.survey.titleEn} value={v('titleEn')} maxLength={200} />
      {admin ? (
        <ChoiceField id="f-audience" name="audience" legend={t.survey.audience} value={v('audience') ?? 'service_users'} error={e.audience} options={[{ value: 'service_users', label: t.survey.audienceLong.service_users }, { value: 'all_state', label: t.survey.audienceLong.all_state }]} />
      ) : null}
      <ChoiceField
        id="f-services"
        name="services"
        legend={t.survey.services}
        description={t.survey.servicesHelp}
        multiple
        value={values.services}
        error={e.services}
        options={serviceRows.map((s) => ({ value: s.slug, label: providerRows.length > 1 ? `${text(s.name)} (${providerName(s.providerId)})` : text(s.name) }))}
      />
      <div className="field-pair">
        <TextField id="f-opensOn" name="opensOn" type="date" label={t.survey.opensOn} value={v('opensOn')} error={e.opensOn} />
        <TextField id="f-closesOn" name="closesOn" type="date" label={t.survey.closesOn} description={t.survey.closesOnHelp} value={v('closesOn')} error={e.closesOn} />
      </div>
      <details className="ds-details custom-questions" open={Object.keys(values).some((k) => k.startsWith('cq') && one(values[k]))}>
        <summary>{t.survey.customQuestions(MAX_CUSTOM_QUESTIONS)}</summary>
        {e.customQuestions ? <p className="ds-validation-message field-error" data-color="danger">{e.customQuestions}</p> : null}
        {Array.from({ length: MAX_CUSTOM_QUESTIONS }, (_, i) => i + 1).map((i) => (
          <fieldset key={i} className="custom-question" id={`f-cq${i}`}>
            <legend>{t.survey.customQuestion(i)}</legend>
            <TextField id={`f-cq${i}_label`} name={`cq${i}_label`} label={t.survey.questionText} value={v(`cq${i}_label`)} error={e[`cq${i}_label`]} maxLength={300} />
            <SelectField id={`f-cq${i}_type`} name={`cq${i}_type`} label={t.survey.questionType} value={v(`cq${i}_type`) ?? 'scale'} options={CUSTOM_QUESTION_TYPES.map((x) => ({ value: x, label: t.survey.questionTypes[x] }))} />
            <TextAreaField id={`f-cq${i}_options`} name={`cq${i}_options`} label={t.survey.questionOptions} description={t.survey.questionOptionsHelp} value={v(`cq${i}_options`)} rows={3} maxLength={1200} />
            <ChoiceField id={`f-cq${i}_required`} name={`cq${i}_required`} legend={t.survey.questionRequired} value={v(`cq${i}_required`) ?? 'no'} options={[{ value: 'no', label: t.common.no }, { value: 'yes', label: t.common.yes }]} />
          </fieldset>
        ))}
      </details>
    </CollabFormPage>
  );
}

function SurveyPage({
  s,
  window,
  manage,
  results,
  ministries,
  agencies,
  ok,
  dateErrors = [],
  refusal,
  following,
}: {
  s: SurveyRow;
  window: SurveyWindow;
  manage: boolean;
  results: SurveyResults;
  ministries: Map<string, LocalizedText>;
  agencies: (Agency & { answered: boolean })[];
  dateErrors?: Errors;
  following?: boolean | undefined;
} & AfterPost) {
  const { t, fmt, href, text } = usePageKit();
  const title = text(s.title);
  return (
    <Layout title={title} section="collaboration">
      <CollabBreadcrumbs items={[{ label: t.survey.title, href: href('/undersokelser') }, { label: title }]} />
      <PageHeader title={title} lead={<Text value={s.templateTitle} />}>
        <div className="tag-row">
          <WindowTag window={window} />
        </div>
        <FollowButton type="survey" id={s.id} following={following} />
      </PageHeader>
      <Notice text={ok ? (t.survey.done as Record<string, string>)[ok] : undefined} />
      <Refusal text={refusal} />
      <Paragraph>{t.survey.windowText[window](fmt.date(s.opensOn), fmt.date(s.closesOn))}</Paragraph>
      <DefinitionList
        items={[
          { term: t.common.provider, value: <a href={href(`/leverandorer/${s.provider.slug}`)}><Text value={s.provider.name} /></a> },
          {
            term: t.survey.whoAnswers,
            value:
              s.audience === 'all_state' ? (
                t.survey.allState
              ) : (
                <>
                  {t.survey.usersOf}{' '}
                  <LinkSeries items={s.services} path={(x) => `/tjenester/${x.slug}`} />
                </>
              ),
          },
        ]}
      />
      {agencies.length > 0 ? (
        <Section title={t.survey.yourAnswers} id="answer">
          <ul className="link-list">
            {agencies.map((a) => (
              <li key={a.orgnr}>
                <a href={href(`/undersokelser/${s.id}/svar?virksomhet=${a.orgnr}`)}>{window === 'open' ? (a.answered ? t.survey.changeAnswerFor(text(a.name)) : t.survey.answerFor(text(a.name))) : t.survey.seeAnswerFor(text(a.name))}</a>{' '}
                <CodeTag label={a.answered ? t.survey.answered : t.survey.notAnswered} color={a.answered ? 'success' : 'warning'} />
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <SurveyResultsView s={s} results={results} ministries={ministries} />
      <Section title={t.survey.questions} id="questions">
        <ol className="question-list">
          {s.definition.questions.map((q) => (
            <li key={q.id}>
              <Text value={q.label} /> <span className="muted">({t.survey.questionTypes[q.type]}{q.required ? `, ${t.questionnaire.requiredMark}` : ''})</span>
            </li>
          ))}
        </ol>
      </Section>
      {manage && window !== 'closed' ? (
        <Section title={t.survey.reschedule} id="dates">
          <ErrorSummary errors={dateErrors} />
          <PostForm action={href(`/undersokelser/${s.id}/datoer`)}>
            {window === 'open' ? <input type="hidden" name="opensOn" value={s.opensOn} /> : <TextField id="f-opensOn" name="opensOn" type="date" label={t.survey.opensOn} value={s.opensOn} error={errorMap(dateErrors).opensOn} />}
            <TextField id="f-closesOn" name="closesOn" type="date" label={t.survey.closesOn} value={s.closesOn} error={errorMap(dateErrors).closesOn} />
            <Button type="submit" variant="secondary">
              {t.survey.saveDates}
            </Button>
          </PostForm>
        </Section>
      ) : null}
      <JsonLink href={`/api/v1/surveys/${s.id}/results`} />
    </Layout>
  );
}

/** A mean on the question's scale: "4,2 av 5". */
function Mean({ q, r }: { q: Question; r: QuestionResult | undefined }) {
  const { t, fmt } = usePage();
  if (!r || r.mean === null) return <span className="muted">–</span>;
  const shown = fmt.number(Math.round(r.mean * 10) / 10);
  return <>{q.type === 'scale' ? t.survey.meanOf(shown, q.max ?? 5) : shown}</>;
}

/**
 * A survey's results: in all, then by size class and by ministry area. Hidden groups say so; the public view says
 * why. Used on the survey's page and, for the newest closed survey, on the service's page.
 */
export function SurveyResultsView({ s, results, ministries, id = 'results', level = 2 }: { s: SurveyRow; results: SurveyResults; ministries: Map<string, LocalizedText>; id?: string; level?: 2 | 3 }) {
  const { t, fmt, lang, href, text } = usePageKit();
  const summary = results.summary;
  const questions = s.definition.questions;
  const q = (id: string) => questions.find((x) => x.id === id)!;
  const numeric = summary.questions.filter((r) => q(r.question).type === 'scale' || q(r.question).type === 'integer');
  const choices = summary.questions.filter((r) => q(r.question).type === 'single_choice' || q(r.question).type === 'multi_choice');
  const groupLabel = (dim: 'size' | 'ministry', key: string) => (dim === 'size' ? t.vocab.sizeClass[key as 'small'] : key === NO_MINISTRY ? t.survey.noMinistry : text(ministries.get(key) ?? { nb: key }));
  const short = (id: string) => text(q(id).shortLabel ?? q(id).label);
  // Hidden groups share one row, so the table shows what can be shown and says which groups are hidden and why.
  const Breakdown = ({ dim, groups }: { dim: 'size' | 'ministry'; groups: GroupResult[] }) => {
    const shown = groups.filter((g) => !g.hidden);
    if (dim === 'ministry') shown.sort((a, b) => (b.respondents ?? 0) - (a.respondents ?? 0));
    const hidden = groups.filter((g) => g.hidden);
    return groups.length === 0 ? null : (
      <div className="table-scroll">
        <DataTable caption={dim === 'size' ? t.survey.bySize : t.survey.byMinistry} columns={[dim === 'size' ? t.agency.sizeClass : t.common.ministry, t.survey.respondents, ...numeric.map((r) => short(r.question))]}>
          {shown.map((g) => (
            <tr key={g.key}>
              <th scope="row">{groupLabel(dim, g.key)}</th>
              <td className="num">{fmt.number(g.respondents ?? 0)}</td>
              {numeric.map((r) => (
                <td key={r.question} className="num">
                  <Mean q={q(r.question)} r={g.questions.find((x) => x.question === r.question)} />
                </td>
              ))}
            </tr>
          ))}
          {hidden.length > 0 ? (
            <tr>
              <th scope="row">{t.survey.hiddenGroups(hidden.length)}</th>
              <td colSpan={1 + numeric.length} className="muted hidden-groups">
                {t.survey.hiddenGroup}: {hidden.map((g) => groupLabel(dim, g.key)).join(', ')}
              </td>
            </tr>
          ) : null}
        </DataTable>
      </div>
    );
  };
  return (
    <Section title={t.survey.results} id={id} level={level}>
      {results.view === 'full' ? <Paragraph data-size="sm">{results.published ? t.survey.fullViewClosed : t.survey.fullViewLive}</Paragraph> : null}
      {results.view === 'public' && !results.published ? (
        <Paragraph>{t.survey.publishedAfter(fmt.date(s.closesOn))}</Paragraph>
      ) : summary.tooFew || summary.respondents === 0 ? (
        <Paragraph>{summary.respondents === 0 ? t.survey.noResponses : t.survey.tooFew(MIN_GROUP_SIZE)}</Paragraph>
      ) : (
        <>
          <Paragraph>
            <strong>{t.survey.respondentCount(summary.respondents ?? 0)}</strong>
            {results.eligible !== null ? ` ${t.survey.ofEligible(results.eligible)}` : ''}
          </Paragraph>
          {numeric.length > 0 ? (
            <DataTable caption={t.survey.overall} columns={[t.survey.question, t.survey.answers, t.survey.mean]}>
              {numeric.map((r) => (
                <tr key={r.question}>
                  <th scope="row">
                    <Text value={q(r.question).label} />
                  </th>
                  <td className="num">{fmt.number(r.n)}</td>
                  <td className="num">
                    <Mean q={q(r.question)} r={r} />
                  </td>
                </tr>
              ))}
            </DataTable>
          ) : null}
          {choices.map((r) => (
            <DataTable key={r.question} caption={text(q(r.question).label)} columns={[t.survey.answer, t.survey.agencies, t.survey.share]}>
              {r.counts.map((c) => (
                <tr key={c.value}>
                  <th scope="row">{answerLabel(q(r.question), c.value, text)}</th>
                  <td className="num">{fmt.number(c.count)}</td>
                  <td className="num">{r.n ? fmt.percent(c.count / r.n) : '–'}</td>
                </tr>
              ))}
            </DataTable>
          ))}
          <Breakdown dim="size" groups={summary.bySize} />
          <Breakdown dim="ministry" groups={summary.byMinistry} />
          {results.view === 'public' ? <Paragraph data-size="sm" className="muted">{t.survey.anonymityNote(MIN_GROUP_SIZE)}</Paragraph> : null}
          {level === 2
            ? surveyTables(s, results, ministries, lang).map((table) => <StatDownloads key={table.id} table={table} download={{ path: href(`/undersokelser/${s.id}`), query: '' }} />)
            : null}
          {results.comments.length > 0 && level === 2 ? (
            <Section title={t.survey.comments} id={`${id}-comments`} level={3}>
              <ul className="comment-list">
                {results.comments.map((c, i) => (
                  <li key={i}>
                    <p className="prewrap">{c.text}</p>
                    <span className="muted">
                      {text(q(c.question).label)} · {t.vocab.sizeClass[c.sizeClass]}
                    </span>
                  </li>
                ))}
              </ul>
            </Section>
          ) : null}
        </>
      )}
    </Section>
  );
}

function AnswerPage({
  s,
  agency,
  window,
  eligible,
  response,
  values,
  errors = [],
  refusal,
  ok,
}: {
  s: SurveyRow;
  agency: Agency;
  window: SurveyWindow;
  eligible: boolean;
  response: Awaited<ReturnType<typeof getResponse>>;
  values?: Record<string, unknown> | undefined;
  errors?: Errors;
} & AfterPost) {
  const { t, fmt, href, text } = usePageKit();
  const title = t.survey.answerTitle(text(agency.name));
  return (
    <Layout title={title} section="collaboration">
      <CollabBreadcrumbs items={[{ label: t.survey.title, href: href('/undersokelser') }, { label: text(s.title), href: href(`/undersokelser/${s.id}`) }, { label: t.survey.answer }]} />
      <div className="page-narrow">
        <PageHeader title={title} lead={text(s.title)}>
          <div className="tag-row">
            <WindowTag window={window} />
            <CodeTag label={response ? t.survey.answered : t.survey.notAnswered} color={response ? 'success' : 'warning'} />
          </div>
        </PageHeader>
        <Notice text={ok ? (t.survey.answerDone as Record<string, string>)[ok] : undefined} />
        <Refusal text={refusal} />
        <Paragraph>{t.survey.windowText[window](fmt.date(s.opensOn), fmt.date(s.closesOn))}</Paragraph>
        <Paragraph>{t.survey.privacy(MIN_GROUP_SIZE)}</Paragraph>
        {response ? <Paragraph data-size="sm">{t.survey.lastAnswered(response.submittedBy, fmt.dateTime(response.updatedAt))}</Paragraph> : null}
        {window === 'open' && eligible ? (
          <>
            <ErrorSummary errors={errors} />
            <PostForm action={href(`/undersokelser/${s.id}/svar`)}>
              <input type="hidden" name="virksomhet" value={agency.orgnr} />
              <QuestionnaireFields definition={s.definition} values={values ?? response?.answers} errors={errorMap(errors)} />
              <Button type="submit">{response ? t.survey.saveChange : t.survey.send}</Button>
            </PostForm>
          </>
        ) : !eligible ? (
          <Alert data-color="info" className="page-alert">
            <Paragraph>{t.survey.errors.notEligible}</Paragraph>
          </Alert>
        ) : response ? (
          <Section title={t.survey.yourAnswer} id="answer">
            <DefinitionList items={s.definition.questions.filter((q) => response.answers[q.id] !== undefined).map((q) => ({ term: text(q.label), value: answerLabel(q, response.answers[q.id]!, text, fmt.number) }))} />
          </Section>
        ) : null}
        <LinkParagraph path={`/undersokelser/${s.id}`} label={t.survey.back} />
      </div>
    </Layout>
  );
}
