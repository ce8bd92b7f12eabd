import { Alert, Button, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { agencyScopes, editsProvider, isAdmin, ministryScopes, type Principal } from '../../domain/principal.js';
import { formatOrgnr } from '../../domain/orgnr.js';
import { osloDate, toOsloLocal } from '../../domain/osloTime.js';
import {
  actionsFrom,
  declarationKindFor,
  declarationWindow,
  MAIN_LINE,
  PROCUREMENT_ACTIONS,
  PROCUREMENT_OBLIGATIONS,
  type ProcurementAction,
  type ProcurementState,
} from '../../domain/procurementLifecycle.js';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { Breadcrumbs, DataTable, FactsAside, PageHeader, Section, SelectField, TextField } from '../../web/components.js';
import { Text, usePage, useHref, useText } from '../../web/context.js';
import { errorMap, ErrorSummary, formBody, Notice, OkQuery, PostForm } from '../../web/forms.js';
import { messages } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { FollowButton } from '../../web/follow.js';
import { NoticesSent, ReachPreview } from '../reach/components.js';
import { type PageReach, reachOfPage, type ReachSummary } from '../reach/queries.js';
import { isFollowing } from '../follows/queries.js';
import { prefix, sendPage } from '../../web/render.js';
import { actorOf } from '../../server/actor.js';
import { agencyNames } from '../shared/queries.js';
import { createProcurement, transitionProcurement } from './commands.js';
import { mayProcurement } from './policy.js';
import { publishedQuestions, QuestionsSection, unansweredQuestions } from '../procurementQuestions/pages.js';
import { answerQuestion, askQuestion } from '../procurementQuestions/routes.js';
import { recordEarlyMilestone, startNeedsSurvey } from '../earlyInvolvement/commands.js';
import { EarlySection, type PostedForm } from '../earlyInvolvement/pages.js';
import { mayEarly } from '../earlyInvolvement/policy.js';
import { earlyInvolvement, earlyStateOf } from '../earlyInvolvement/queries.js';
import { currentEarlyStep, EARLY_MILESTONE_KINDS, type EarlyMilestoneKind } from '../../domain/earlyInvolvement.js';
import { procurementDetail, listProcurements, type ProcurementDetail, type ProcurementListRow } from './queries.js';
import { parseInstant, parseProcurementInput } from './schema.js';
import { ELIGIBILITIES } from '../../db/schema/index.js';
import { getDeclaration } from '../declarations/queries.js';
import { editableProviders } from '../shared/queries.js';
import { registerTableDownloads } from '../shared/tableDownloads.js';
import { StatDownloads } from '../../web/export/StatTableView.js';
import { procurementTable } from './tables.js';
import { type TagColor, VocabularyTag } from '../../web/components/tags.js';
import { labelled } from '../../web/components/filterFields.js';
import { RowTable } from '../../web/components/rowTable.js';
import { TextLink } from '../../web/components/links.js';

const STATE_COLOR: Record<ProcurementState, TagColor> = { planned: 'neutral', consultation: 'warning', announced: 'info', awarded: 'info', active: 'success', expired: 'neutral', cancelled: 'danger' };

export function StateTag({ state }: { state: ProcurementState }) {
  const { t } = usePage();
  return <VocabularyTag value={state} colors={STATE_COLOR} labels={t.terms.procurementState} />;
}

const FormBody = formBody({ maxLength: 5000 });
const IdParams = Type.Object({ id: Type.String({ maxLength: 60 }) });

/** The providers a principal may create procurements for: their own, or all for administrators. */
function creatableProviders(deps: AppDeps, p: Principal | undefined) {
  return editableProviders(deps.database.db, p);
}

export async function registerProcurementPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const now = () => (deps.clock ?? (() => new Date()))();

  const load = async (req: FastifyRequest, id: string): Promise<ProcurementDetail> => {
    const p = await procurementDetail(db, id);
    if (!p) throw new HttpProblem(404, messages[req.lang].procurement.errors.unknown);
    return p;
  };

  registerTableDownloads(app, '/anskaffelser', { querystring: Type.Object({}) }, async (req) => ({ tables: [procurementTable(await listProcurements(db), req.lang)], fileName: () => 'anskaffelser' }));

  app.get('/anskaffelser', { schema: { hide: true, querystring: Type.Object({}) } }, async (req, reply) => {
    const rows = await listProcurements(db);
    const mayCreate = (await creatableProviders(deps, req.principal)).length > 0;
    return sendPage(req, reply, <ProcurementListPage rows={rows} mayCreate={mayCreate} />);
  });

  const newForm = async (req: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors: { field: string; message: string }[]) => {
    const choices = await creatableProviders(deps, req.principal);
    if (!req.principal) throw new HttpProblem(401, messages[req.lang].access.signInRequired);
    if (choices.length === 0) throw new HttpProblem(403, messages[req.lang].access.notYourProvider, { roles: ['provider_editor', 'admin'] });
    return sendPage(req, reply, <NewProcurementPage providers={choices} values={values} errors={errors} />, errors.length ? 400 : 200);
  };

  app.get('/anskaffelser/ny', { schema: { hide: true, querystring: Type.Object({}) } }, async (req, reply) => newForm(req, reply, {}, []));

  app.post('/anskaffelser/ny', { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const body = req.body as Record<string, string>;
    try {
      const actor = actorOf(req, deps);
      const input = parseProcurementInput(body, req.lang);
      const id = await createProcurement(db, actor, body.provider ?? '', input, body.service || undefined, req.lang);
      return reply.redirect(`${prefix(req)}/anskaffelser/${id}?ok=created`, 303);
    } catch (e) {
      if (e instanceof HttpProblem && (e.status === 400 || (e.status === 404 && e.extra.errors))) return newForm(req, reply, body, e.extra.errors ?? [{ field: 'form', message: e.detail }]);
      throw e;
    }
  });

  /** The procurement page, with a form that came back with errors when `posted` is given. */
  const showProcurement = async (req: FastifyRequest, reply: FastifyReply, p: ProcurementDetail, ok: string | undefined, posted?: PostedForm, status = 200) => {
    const mine = agencyScopes(req.principal);
    const manage = mayProcurement(req.principal, 'transition', p);
    const [names, ownDeclarations, questions, follow, early, unanswered, reach] = await Promise.all([
      agencyNames(db, mine),
      Promise.all(mine.map(async (orgnr) => ({ orgnr, declaration: await getDeclaration(db, p.id, orgnr) }))),
      publishedQuestions(db, p.id),
      req.principal?.kind === 'user' ? isFollowing(db, req.principal.id, 'procurement', p.id) : undefined,
      earlyInvolvement(db, p.id),
      manage ? unansweredQuestions(db, p.id) : undefined,
      reachOfPage(db, p, manage),
    ]);
    const askerNames = unanswered ? await agencyNames(db, unanswered.map((q) => q.agency)) : undefined;
    const nameOf = (orgnr: string) => names(orgnr)?.name ?? { nb: formatOrgnr(orgnr) };
    const today = osloDate(now());
    return sendPage(
      req,
      reply,
      <ProcurementPage
        p={p}
        now={now()}
        manage={manage}
        reach={reach}
        mayReadDeclarations={isAdmin(req.principal) || editsProvider(req.principal, p.providerId) || ministryScopes(req.principal).length > 0 || mine.length > 0}
        own={ownDeclarations.map((o) => ({ ...o, name: nameOf(o.orgnr) }))}
        ok={ok}
        following={follow?.following}
      >
        <EarlySection
          procurementId={p.id}
          planned={p.status === 'planned'}
          e={early}
          step={currentEarlyStep(earlyStateOf(p.status, early), today)}
          may={{ survey: mayEarly(req.principal, 'start_needs_survey', p), council_recommendation: mayEarly(req.principal, 'council_recommendation', p), decision: mayEarly(req.principal, 'decision', p) }}
          today={today}
          posted={posted}
        />
        <QuestionsSection
          procurementId={p.id}
          items={questions}
          askFor={p.status === 'consultation' ? mine.map((orgnr) => ({ orgnr, name: nameOf(orgnr) })) : undefined}
          unanswered={unanswered?.map((q) => ({ ...q, agencyName: askerNames?.(q.agency)?.name }))}
          posted={posted}
        />
      </ProcurementPage>,
      status,
    );
  };

  app.get('/anskaffelser/:id', { schema: { hide: true, params: IdParams, querystring: OkQuery } }, async (req, reply) => showProcurement(req, reply, await load(req, req.params.id), req.query.ok));

  /**
   * The forms of early involvement and questions post here and come back to the procurement page: on success with
   * `?ok=`, on a 400 or 409 with the errors beside the fields (or the refusal above the form).
   */
  const pageForm = (path: string, form: (body: Record<string, string>, params: Record<string, string>) => string, run: (req: FastifyRequest, id: string, body: Record<string, string>, params: Record<string, string>) => Promise<string>, anchor: string) =>
    app.post(path, { schema: { hide: true, params: Type.Object({ id: Type.String({ maxLength: 60 }), qid: Type.Optional(Type.String({ maxLength: 60 })) }), body: FormBody } }, async (req, reply) => {
      const body = req.body as Record<string, string>;
      const params = req.params as Record<string, string>;
      const p = await load(req, params.id!);
      try {
        const ok = await run(req, p.id, body, params);
        return reply.redirect(`${prefix(req)}/anskaffelser/${p.id}?ok=${ok}#${anchor}`, 303);
      } catch (e) {
        if (e instanceof HttpProblem && (e.status === 400 || e.status === 409)) {
          const posted = { form: form(body, params), values: body, errors: e.extra.errors ?? [], refusal: e.extra.errors ? undefined : e.detail };
          return showProcurement(req, reply, p, undefined, posted, e.status);
        }
        throw e;
      }
    });

  pageForm('/anskaffelser/:id/behovskartlegging', () => 'needs_survey', async (req, id, body) => {
    await startNeedsSurvey(db, actorOf(req, deps), id, { opensOn: body.opensOn ?? '', closesOn: body.closesOn ?? '' }, req.lang);
    return 'needs_survey';
  }, 'early');
  pageForm('/anskaffelser/:id/tidlig-involvering', (body) => body.kind ?? '', async (req, id, body) => {
    const kind = body.kind as EarlyMilestoneKind;
    if (!(EARLY_MILESTONE_KINDS as readonly string[]).includes(kind)) throw new HttpProblem(400, messages[req.lang].procurement.errors.unknownAction);
    const { decidedOn = '', outcome = '', summary, documentTitle = '', documentUrl, documentRef } = body;
    await recordEarlyMilestone(db, actorOf(req, deps), id, { kind, decidedOn, outcome, summary, documentTitle, documentUrl, documentRef }, req.lang);
    return kind;
  }, 'early');
  pageForm('/anskaffelser/:id/sporsmal', () => 'question', async (req, id, body) => {
    await askQuestion(db, actorOf(req, deps), id, { agency: body.agency ?? '', question: body.question ?? '' }, req.lang);
    return 'question_sent';
  }, 'questions');
  pageForm('/anskaffelser/:id/sporsmal/:qid/svar', (_b, params) => `answer:${params.qid}`, async (req, id, body, params) => {
    await answerQuestion(db, actorOf(req, deps), id, params.qid ?? '', body.answer ?? '', req.lang);
    return 'question_answered';
  }, 'questions');

  app.post('/anskaffelser/:id/overgang', { schema: { hide: true, params: IdParams, body: FormBody } }, async (req, reply) => {
    const body = req.body as Record<string, string>;
    const p = await load(req, req.params.id);
    const action = body.action as ProcurementAction;
    if (!(PROCUREMENT_ACTIONS as readonly string[]).includes(action)) {
      throw new HttpProblem(400, messages[req.lang].procurement.errors.unknownAction);
    }
    try {
      const actor = actorOf(req, deps);
      await transitionProcurement(
        db,
        actor,
        p.id,
        { action, deadline: parseInstant(body.deadline, 'deadline', req.lang), opensAt: parseInstant(body.opensAt, 'opensAt', req.lang), note: body.note },
        req.lang,
        deps.config.publicUrl,
      );
      deps.outbox?.kick();
      return reply.redirect(`${prefix(req)}/anskaffelser/${p.id}?ok=${action}`, 303);
    } catch (e) {
      if (e instanceof HttpProblem && (e.status === 400 || e.status === 409)) {
        return sendPage(
          req,
          reply,
          <ProcurementPage p={p} now={now()} manage own={[]} mayReadDeclarations reach={await reachOfPage(db, p, true)} transitionError={{ action, message: e.detail, values: body }} />,
          e.status,
        );
      }
      throw e;
    }
  });
}

function ProcurementListPage({ rows, mayCreate }: { rows: ProcurementListRow[]; mayCreate: boolean }) {
  const { t, fmt } = usePage();
  const href = useHref();
  return (
    <Layout
      title={t.procurement.title}
      section="procurements"
      description={t.procurement.lead}
      feeds={[
        { href: href('/feeds/anskaffelser.atom'), title: t.notify.feeds.procurements, type: 'application/atom+xml' },
        { href: href('/feeds/anskaffelser.ics'), title: t.notify.feeds.calendar, type: 'text/calendar' },
      ]}
    >
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: t.procurement.title }]} />
      <PageHeader title={t.procurement.title} lead={t.procurement.lead}>
        {mayCreate ? (
          <Paragraph>
            <a className="ds-button" data-variant="primary" href={href('/anskaffelser/ny')}>
              {t.procurement.create}
            </a>
          </Paragraph>
        ) : null}
      </PageHeader>
      <RowTable caption={t.procurement.title} columns={[t.procurement.name, t.common.provider, t.common.status, t.procurement.deadline, t.procurement.declarations]} rows={rows} none={t.procurement.none} rowKey={(r) => r.id} head={(r) => <ProcurementHead r={r} />} cells={(r) => (
        <>
          <td>{r.provider.shortName ?? <Text value={r.provider.name} />}</td>
          <td>
            <StateTag state={r.status} />
          </td>
          <td>{r.consultationDeadline ? fmt.dateTime(r.consultationDeadline) : r.plannedAnnouncementOn ? t.procurement.plannedFor(fmt.date(r.plannedAnnouncementOn)) : '–'}</td>
          <td className="num">{fmt.number(r.declarationCount)}</td>
        </>
      )} />
      {rows.length > 0 ? <StatDownloads table={{ id: 'anskaffelser', title: t.tables.procurements }} download={{ path: href('/anskaffelser'), query: '' }} /> : null}
      <Paragraph data-size="sm">
        <a href="/api/v1/procurements">JSON</a>
      </Paragraph>
    </Layout>
  );
}

/** A procurement's row head in the list: its title, linked, and its category and obligation under it. */
function ProcurementHead({ r }: { r: ProcurementListRow }) {
  const { t } = usePage();
  return (
    <>
      <TextLink path={`/anskaffelser/${r.id}`} value={r.title} />
      <span className="block muted">
        {r.category} · {t.terms.procurementObligation[r.obligation]}
      </span>
    </>
  );
}

function NewProcurementPage({ providers: choices, values, errors }: { providers: { slug: string; name: { nb: string } }[]; values: Record<string, string>; errors: { field: string; message: string }[] }) {
  const { t } = usePage();
  const href = useHref();
  const text = useText();
  const e = errorMap(errors);
  return (
    <Layout title={t.procurement.create} section="procurements">
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: t.procurement.title, href: href('/anskaffelser') }, { label: t.procurement.create }]} />
      <div className="page-narrow">
        <PageHeader title={t.procurement.create} lead={t.procurement.createLead} />
        <ErrorSummary errors={errors} />
        <PostForm action={href('/anskaffelser/ny')}>
          <SelectField id="f-provider" name="provider" label={t.common.provider} value={values.provider} options={choices.map((c) => ({ value: c.slug, label: text(c.name) }))} error={e.provider} />
          <TextField id="f-title" name="title" label={t.procurement.name} value={values.title} required maxLength={200} error={e.title} />
          <TextField id="f-titleEn" name="titleEn" label={t.procurement.nameEn} value={values.titleEn} maxLength={200} />
          <TextField id="f-category" name="category" label={t.procurement.category} description={t.procurement.categoryHelp} value={values.category} required maxLength={100} error={e.category} />
          <TextAreaField id="f-description" name="description" label={t.procurement.description} value={values.description} error={e.description} />
          <SelectField id="f-obligation" name="obligation" label={t.procurement.obligation} value={values.obligation ?? 'mandatory'} options={labelled(PROCUREMENT_OBLIGATIONS, t.terms.procurementObligationLong)} error={e.obligation} />
          <SelectField id="f-eligibility" name="eligibility" label={t.procurement.eligibility} value={values.eligibility ?? 'state'} options={labelled(ELIGIBILITIES, t.terms.eligibility)} error={e.eligibility} />
          <TextField id="f-plannedAnnouncementOn" name="plannedAnnouncementOn" type="date" label={t.procurement.plannedAnnouncement} value={values.plannedAnnouncementOn} error={e.plannedAnnouncementOn} />
          <TextField id="f-estimatedValueNok" name="estimatedValueNok" inputMode="numeric" label={t.procurement.estimatedValue} description={t.procurement.estimatedValueHelp} value={values.estimatedValueNok} error={e.estimatedValueNok} />
          <TextField id="f-service" name="service" label={t.procurement.serviceSlug} description={t.procurement.serviceSlugHelp} value={values.service} maxLength={120} error={e.service} />
          <Button type="submit">{t.procurement.createButton}</Button>
        </PostForm>
      </div>
    </Layout>
  );
}

export function TextAreaField({ id, name, label, value, error, description }: { id: string; name: string; label: string; value?: string | undefined; error?: string | undefined; description?: string }) {
  const describedBy = [description ? `${id}-desc` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="ds-field">
      <label className="ds-label" htmlFor={id}>
        {label}
      </label>
      {description ? (
        <p className="ds-paragraph field-description" data-size="sm" id={`${id}-desc`}>
          {description}
        </p>
      ) : null}
      <textarea className="ds-input" id={id} name={name} rows={5} defaultValue={value} maxLength={4000} aria-describedby={describedBy} aria-invalid={error ? true : undefined} />
      {error ? (
        <p className="ds-validation-message field-error" id={`${id}-error`} data-color="danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function Lifecycle({ state }: { state: ProcurementState }) {
  const { t } = usePage();
  const at = MAIN_LINE.indexOf(state);
  return (
    <ol className="lifecycle" aria-label={t.procurement.lifecycle}>
      {MAIN_LINE.map((s, i) => (
        <li key={s} className={i < at ? 'lifecycle__done' : i === at ? 'lifecycle__current' : undefined} aria-current={i === at ? 'step' : undefined}>
          {t.terms.procurementState[s]}
          {i < at ? <span className="visually-hidden"> ({t.procurement.stepDone})</span> : null}
        </li>
      ))}
    </ol>
  );
}

interface ProcurementPageProps {
  p: ProcurementDetail;
  now: Date;
  manage: boolean;
  mayReadDeclarations: boolean;
  own: { orgnr: string; name: { nb: string }; declaration: Awaited<ReturnType<typeof getDeclaration>> }[];
  ok?: string | undefined;
  transitionError?: { action: ProcurementAction; message: string; values: Record<string, string> };
  following?: boolean | undefined;
  /** Who the consultation notice reaches (before it opens, for the provider) and how many it reached (after). */
  reach?: PageReach | undefined;
  /** Questions and answers (src/resources/procurementQuestions/pages.tsx). */
  children?: import('react').ReactNode;
}

function ProcurementPage({ p, now, manage, mayReadDeclarations, own, ok, transitionError, following, reach, children }: ProcurementPageProps) {
  const { t, fmt } = usePage();
  const href = useHref();
  const text = useText();
  const window = declarationWindow(p, now);
  const kind = declarationKindFor(p.obligation);
  const title = text(p.title);
  const okTexts: Record<string, string> = { ...t.procurement.done, ...t.early.done, question_sent: t.questionForm.sent, question_answered: t.questionForm.answered };
  const okText = ok ? okTexts[ok] : undefined;
  return (
    <Layout title={title} section="procurements" feeds={[{ href: href(`/feeds/anskaffelser/${p.id}.ics`), title: t.notify.feeds.deadline(title), type: 'text/calendar' }]}>
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: t.procurement.title, href: href('/anskaffelser') }, { label: title }]} />
      <PageHeader title={title} lead={p.category}>
        <div className="tag-row">
          <StateTag state={p.status} />
          <Tag data-size="sm" data-color="neutral">
            {t.terms.procurementObligation[p.obligation]}
          </Tag>
        </div>
        <FollowButton type="procurement" id={p.id} following={following} />
      </PageHeader>
      <Notice text={okText} />
      {p.status === 'cancelled' ? (
        <Alert data-color="danger" className="page-alert">
          <Paragraph>{t.procurement.cancelledNotice}</Paragraph>
        </Alert>
      ) : (
        <Lifecycle state={p.status} />
      )}
      <div className="two-col">
        <div className="two-col__main">
          <Section title={t.procurement.about} id="about">
            <Text value={p.description} as="p" />
          </Section>
          <Section title={kind === 'opt_out' ? t.procurement.windowOptOut : t.procurement.windowAccession} id="window">
            <Paragraph>{t.procurement.windowState[window](p.consultationDeadline ? fmt.dateTime(p.consultationDeadline) : '', p.consultationOpensAt ? fmt.dateTime(p.consultationOpensAt) : '')}</Paragraph>
            {reach?.notices ? <NoticesSent eligible={p.eligibleCount} notices={reach.notices} /> : null}
            {own.length > 0 ? (
              <ul className="link-list">
                {own.map((o) => {
                  const d = o.declaration;
                  const standing = d && !d.withdrawnAt;
                  return (
                    <li key={o.orgnr}>
                      <Text value={o.name} />: {standing ? t.declaration.statusOf[d.kind] : d?.withdrawnAt ? t.declaration.withdrawnStatus : t.declaration.noneStatus}{' '}
                      {window === 'open' || d ? (
                        <a href={href(`/anskaffelser/${p.id}/erklaering?virksomhet=${o.orgnr}`)}>
                          {window === 'open' ? (standing ? t.declaration.change : t.declaration.declare[kind]) : t.declaration.view}
                          <span className="visually-hidden"> – {text(o.name)}</span>
                        </a>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            ) : null}
            {mayReadDeclarations ? (
              <Paragraph>
                <a href={href(`/anskaffelser/${p.id}/erklaeringer`)}>{t.procurement.seeDeclarations}</a>
              </Paragraph>
            ) : null}
          </Section>
          {manage ? <ManageSection p={p} now={now} error={transitionError} reach={reach?.preview} /> : null}
          <Section title={t.procurement.milestones} id="milestones">
            <DataTable caption={t.procurement.milestones} captionHidden columns={[t.procurement.when, t.procurement.step, t.procurement.by]}>
              {p.milestones.map((m) => (
                <tr key={m.id}>
                  <td className="nowrap">{fmt.dateTime(m.at)}</td>
                  <td>
                    {m.fromStatus ? `${t.terms.procurementState[m.fromStatus]} → ` : ''}
                    {t.terms.procurementState[m.toStatus]}
                    {m.note ? <span className="block muted">{m.note}</span> : null}
                  </td>
                  <td>{m.byName}</td>
                </tr>
              ))}
            </DataTable>
          </Section>
        </div>
        <FactsAside
          title={t.common.facts}
          source={null}
          items={[
            { term: t.common.provider, value: <a href={href(`/leverandorer/${p.provider.slug}`)}>{p.provider.shortName ?? text(p.provider.name)}</a> },
            { term: t.procurement.obligation, value: t.terms.procurementObligationLong[p.obligation] },
            { term: t.procurement.eligibility, value: `${t.terms.eligibility[p.eligibility]} (${t.common.agencies(p.eligibleCount)})` },
            ...(p.plannedAnnouncementOn ? [{ term: t.procurement.plannedAnnouncement, value: fmt.date(p.plannedAnnouncementOn) }] : []),
            ...(p.estimatedValueNok !== null ? [{ term: t.procurement.estimatedValue, value: `${fmt.number(p.estimatedValueNok)} kr` }] : []),
            ...(p.consultationOpensAt ? [{ term: t.procurement.opensAt, value: fmt.dateTime(p.consultationOpensAt) }] : []),
            ...(p.consultationDeadline ? [{ term: t.procurement.deadline, value: fmt.dateTime(p.consultationDeadline) }] : []),
            ...(p.service ? [{ term: t.procurement.agreement, value: <a href={href(`/tjenester/${p.service.slug}`)}>{text(p.service.name)}</a> }] : []),
          ]}
        >
          <Paragraph data-size="sm">
            <a href={`/api/v1/procurements/${p.id}`}>JSON</a>
          </Paragraph>
        </FactsAside>
      </div>
      {children}
    </Layout>
  );
}

function ManageSection({ p, now, error, reach }: { p: ProcurementDetail; now: Date; error: ProcurementPageProps['transitionError']; reach: ReachSummary | undefined }) {
  const { t, fmt } = usePage();
  const actions = actionsFrom(p.status);
  return (
    <Section title={t.procurement.manage} id="manage">
      {actions.length === 0 ? <Paragraph>{t.procurement.finalState}</Paragraph> : null}
      {error ? (
        <Alert data-color="danger" className="page-alert" role="alert">
          <Paragraph>{error.message}</Paragraph>
        </Alert>
      ) : null}
      {actions.map((a) => (
        <div key={a} className="action-card">
          <Heading level={3} data-size="2xs">
            {t.procurement.action[a]}
          </Heading>
          <Paragraph data-size="sm">{t.procurement.actionHelp[a]}</Paragraph>
          {a === 'open_consultation' && reach ? <ReachPreview reach={reach} /> : null}
          {a === 'announce' && p.consultationDeadline && now < p.consultationDeadline ? (
            <Paragraph data-size="sm">
              <strong>{t.procurement.availableAfter(fmt.dateTime(p.consultationDeadline))}</strong>
            </Paragraph>
          ) : (
            <TransitionForm p={p} action={a} now={now} error={error?.action === a ? error : undefined} />
          )}
        </div>
      ))}
    </Section>
  );
}

/** One lifecycle step as a form: the deadline (and opening) for a consultation, an optional note for every step. */
function TransitionForm({ p, action: a, now, error }: { p: ProcurementDetail; action: ProcurementAction; now: Date; error: ProcurementPageProps['transitionError'] | undefined }) {
  const { t } = usePage();
  const href = useHref();
  // Three weeks ahead at noon, Oslo time: the usual consultation.
  const suggested = toOsloLocal(new Date(now.getTime() + 21 * 86400_000)).slice(0, 11) + '12:00';
  return (
    <PostForm action={href(`/anskaffelser/${p.id}/overgang`)} id={`form-${a}`}>
      <input type="hidden" name="action" value={a} />
      {a === 'open_consultation' ? (
        <>
          <TextField id={`${a}-deadline`} name="deadline" type="datetime-local" label={t.procurement.deadline} description={t.procurement.deadlineHelp} value={error ? error.values.deadline : suggested} required />
          <TextField id={`${a}-opensAt`} name="opensAt" type="datetime-local" label={t.procurement.opensAt} description={t.procurement.opensAtHelp} value={error?.values.opensAt} />
        </>
      ) : null}
      <TextField id={`${a}-note`} name="note" label={t.procurement.note} value={error?.values.note} maxLength={1000} />
      <Button type="submit" variant={a === 'cancel' ? 'secondary' : 'primary'} data-color={a === 'cancel' ? 'danger' : undefined}>
        {t.procurement.action[a]}
      </Button>
    </PostForm>
  );
}
