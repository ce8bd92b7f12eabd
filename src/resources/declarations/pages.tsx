import { Alert, Button, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { type LocalizedText, pickText } from '../../domain/catalogue.js';
import { formatOrgnr } from '../../domain/orgnr.js';
import { agencyScopes } from '../../domain/principal.js';
import { declarationKindFor, declarationWindow, FOLLOW_UP_STATES, type FollowUpState } from '../../domain/procurementLifecycle.js';
import { answerLabel, integerTotals, type Answers, type QuestionnaireDefinition } from '../../domain/questionnaire.js';
import { sizeClassOf, type SizeThresholds } from '../../domain/sizeClass.js';
import { tally } from '../../domain/tally.js';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { ministryNames } from '../agencies/queries.js';
import { Breadcrumbs, DefinitionList, PageHeader, Pager, queryString, Section, SelectField, TextField } from '../../web/components.js';
import { Text, usePage, useHref, useText } from '../../web/context.js';
import { EXPORT_FORMATS, sendTable } from '../../web/export/send.js';
import { downloadHref } from '../../web/export/StatTableView.js';
import { errorMap, ErrorSummary, formBody, Notice, PostButton, PostForm } from '../../web/forms.js';
import { messages } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { answersFromForm, QuestionnaireFields } from '../../web/questionnaireFields.js';
import { prefix, sendPage } from '../../web/render.js';
import { pageWindow } from '../shared/present.js';
import { dropEmptyQueryValues, enumOf, pageProperty } from '../shared/schema.js';
import { requireOrgnr } from '../agencies/orgnrInput.js';
import { actorOf } from '../../server/actor.js';
import { mayProcurement } from '../procurements/policy.js';
import { StateTag } from '../procurements/pages.js';
import { procurementDetail, type ProcurementDetail } from '../procurements/queries.js';
import { setFollowUp, submitDeclaration, withdrawDeclaration } from './commands.js';
import { sizeClassName } from '../agencies/sizeClassText.js';
import { declarationFilter, mayDeclaration } from './policy.js';
import { type DeclarationListFilter, declarationReader, declarationsFor, type DeclarationView, filterDeclarations, listFilterFor, reasonQuestionOf } from './present.js';
import { declarationTable } from './tables.js';
import { type PageTables, registerTableDownloads } from '../shared/tableDownloads.js';
import { FilterSelect, labelled } from '../../web/components/filterFields.js';
import { RowTable } from '../../web/components/rowTable.js';
import { declaringAgency, getDeclaration, listDeclarations } from './queries.js';

const IdParams = Type.Object({ id: Type.String({ maxLength: 60 }) });
const FormBody = formBody({ maxLength: 5000, list: { maxLength: 200, maxItems: 50 } });
/** The overview's filters, which its downloads take too. */
const ListQuery = Type.Object({
  oppfolging: Type.Optional(enumOf(FOLLOW_UP_STATES)),
  grunn: Type.Optional(Type.String({ maxLength: 60 })),
});
type ListQueryValues = { oppfolging?: FollowUpState; grunn?: string };
const OverviewQuery = Type.Object({ ...ListQuery.properties, ok: Type.Optional(Type.String({ maxLength: 20 })), ...pageProperty });

export async function registerDeclarationPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const now = () => (deps.clock ?? (() => new Date()))();
  const thresholds = deps.config.sizeThresholds;

  const load = async (req: FastifyRequest, id: string): Promise<ProcurementDetail> => {
    const p = await procurementDetail(db, id);
    if (!p) throw new HttpProblem(404, messages[req.lang].procurement.errors.unknown);
    return p;
  };

  /** The agency the form is for: ?virksomhet= (checked), or the editor's only agency. */
  const agencyFor = async (req: FastifyRequest, raw: string | undefined) => {
    const t = messages[req.lang];
    if (!req.principal) throw new HttpProblem(401, t.access.signInRequired);
    const mine = agencyScopes(req.principal);
    const orgnr = raw ? requireOrgnr(raw, req.lang, 'virksomhet') : mine.length === 1 ? mine[0]! : requireOrgnr(raw, req.lang, 'virksomhet');
    const agency = await declaringAgency(db, orgnr);
    if (!agency) throw new HttpProblem(404, t.errors.unknownAgency(formatOrgnr(orgnr)));
    return agency;
  };

  const showForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    p: ProcurementDetail,
    agency: { orgnr: string; name: LocalizedText; ministryOrgnr: string | null },
    state: { values?: Record<string, unknown>; errors?: { field: string; message: string }[]; ok?: string; refusal?: string },
    status = 200,
  ) => {
    if (!mayDeclaration(req.principal, 'read', { agencyOrgnr: agency.orgnr, agencyMinistryOrgnr: agency.ministryOrgnr, providerId: p.providerId })) {
      throw new HttpProblem(403, messages[req.lang].access.notYourAgency(formatOrgnr(agency.orgnr)));
    }
    const d = await getDeclaration(db, p.id, agency.orgnr);
    const mayEdit = mayDeclaration(req.principal, 'submit', { agencyOrgnr: agency.orgnr, agencyMinistryOrgnr: agency.ministryOrgnr, providerId: p.providerId });
    return sendPage(req, reply, <DeclarationPage p={p} agency={agency} declaration={d} now={now()} mayEdit={mayEdit} {...state} />, status);
  };

  app.get(
    '/anskaffelser/:id/erklaering',
    { schema: { hide: true, params: IdParams, querystring: Type.Object({ virksomhet: Type.Optional(Type.String({ maxLength: 40 })), ok: Type.Optional(Type.String({ maxLength: 20 })) }) } },
    async (req, reply) => {
      const p = await load(req, req.params.id);
      const agency = await agencyFor(req, req.query.virksomhet);
      return showForm(req, reply, p, agency, { ok: req.query.ok });
    },
  );

  app.post('/anskaffelser/:id/erklaering', { schema: { hide: true, params: IdParams, body: FormBody } }, async (req, reply) => {
    const body = req.body as Record<string, string | string[]>;
    const p = await load(req, req.params.id);
    const agency = await agencyFor(req, typeof body.virksomhet === 'string' ? body.virksomhet : undefined);
    const answers = answersFromForm(body);
    try {
      const r = await submitDeclaration(db, actorOf(req, deps), p.id, agency.orgnr, answers, req.lang);
      return reply.redirect(`${prefix(req)}/anskaffelser/${p.id}/erklaering?virksomhet=${agency.orgnr}&ok=${r.outcome}`, 303);
    } catch (e) {
      if (e instanceof HttpProblem && e.status === 400) return showForm(req, reply, p, agency, { values: answers, errors: e.extra.errors ?? [] }, 400);
      if (e instanceof HttpProblem && e.status === 409) return showForm(req, reply, p, agency, { values: answers, refusal: e.detail }, 409);
      throw e;
    }
  });

  app.post('/anskaffelser/:id/erklaering/trekk', { schema: { hide: true, params: IdParams, body: FormBody } }, async (req, reply) => {
    const body = req.body as Record<string, string>;
    const p = await load(req, req.params.id);
    const agency = await agencyFor(req, body.virksomhet);
    try {
      await withdrawDeclaration(db, actorOf(req, deps), p.id, agency.orgnr, req.lang);
    } catch (e) {
      if (e instanceof HttpProblem && e.status === 409) return showForm(req, reply, p, agency, { refusal: e.detail }, 409);
      throw e;
    }
    return reply.redirect(`${prefix(req)}/anskaffelser/${p.id}/erklaering?virksomhet=${agency.orgnr}&ok=withdrawn`, 303);
  });

  /**
   * The declarations this reader may see, with the fields they may see (the follow-up only for the provider), and
   * those the overview lists under its filters (`shown`): the page and its downloads both read this.
   */
  const overview = async (req: FastifyRequest, p: ProcurementDetail, query: ListQueryValues) => {
    const filter = declarationFilter(req.principal, p.providerId);
    const reader = declarationReader(req.principal, p.providerId);
    if (!req.principal) throw new HttpProblem(401, messages[req.lang].access.signInRequired);
    if (!filter || !reader) throw new HttpProblem(403, messages[req.lang].access.forbidden);
    const rows = declarationsFor(reader, await listDeclarations(db, p.id, filter));
    const listFilter = listFilterFor(reader, query);
    return { reader, rows, listFilter, shown: filterDeclarations(rows, p.questionnaire.definition, listFilter) };
  };

  app.get('/anskaffelser/:id/erklaeringer', { schema: { hide: true, params: IdParams, querystring: OverviewQuery }, preValidation: dropEmptyQueryValues }, async (req, reply) => {
    const p = await load(req, req.params.id);
    const { rows, listFilter, shown } = await overview(req, p, req.query);
    const ministries = await ministryNames(db);
    return sendPage(
      req,
      reply,
      <DeclarationsOverviewPage
        p={p}
        rows={rows}
        shown={shown}
        thresholds={thresholds}
        followUp={mayProcurement(req.principal, 'follow_up', p)}
        ministryNames={ministries}
        ok={req.query.ok}
        filter={listFilter}
        page={req.query.page}
      />,
    );
  });

  /** The overview's list as a table: the rows the page lists under the same filters, every page of them. */
  const declarationTables = async (req: FastifyRequest): Promise<PageTables> => {
    const { id } = req.params as { id: string };
    const p = await load(req, id);
    const { reader, shown } = await overview(req, p, req.query as ListQueryValues);
    return { tables: [declarationTable(p, reader, shown, req.lang, thresholds)], fileName: () => `erklaeringer-${p.id.slice(0, 8)}` };
  };
  registerTableDownloads(app, '/anskaffelser/:id/erklaeringer', { params: IdParams, querystring: ListQuery }, declarationTables, { signedIn: true });
  // The first address of the download, kept for links and bookmarks made before the table downloads.
  for (const format of EXPORT_FORMATS) {
    app.get(`/anskaffelser/:id/erklaeringer.${format}`, { schema: { hide: true, params: IdParams, querystring: ListQuery }, preValidation: dropEmptyQueryValues }, async (req, reply) => {
      const { tables, fileName } = await declarationTables(req);
      reply.header('cache-control', 'private, no-store');
      return sendTable(reply, tables[0]!, format, req.lang, fileName(tables[0]!));
    });
  }

  app.post(
    '/anskaffelser/:id/erklaeringer/:orgnr/oppfolging',
    {
      schema: {
        hide: true,
        params: Type.Object({ id: Type.String({ maxLength: 60 }), orgnr: Type.String({ maxLength: 40 }) }),
        // Where the form was: the overview's filter and page, to return to.
        querystring: Type.Object({ oppfolging: Type.Optional(enumOf(FOLLOW_UP_STATES)), grunn: Type.Optional(Type.String({ maxLength: 60 })), page: Type.Optional(pageProperty.page) }),
        body: FormBody,
      },
    },
    async (req, reply) => {
      const body = req.body as Record<string, string>;
      const p = await load(req, req.params.id);
      const orgnr = requireOrgnr(req.params.orgnr, req.lang, 'orgnr');
      const state = body.state as FollowUpState;
      if (!(FOLLOW_UP_STATES as readonly string[]).includes(state)) throw new HttpProblem(400, messages[req.lang].declaration.errors.followUpState);
      if (typeof body.note === 'string' && body.note.length > 2000) throw new HttpProblem(400, messages[req.lang].declaration.errors.noteTooLong);
      await setFollowUp(db, actorOf(req, deps), p.id, orgnr, { state, note: body.note }, req.lang);
      const back = queryString({ ok: 'followup', oppfolging: req.query.oppfolging, grunn: req.query.grunn, page: req.query.page && req.query.page > 1 ? req.query.page : undefined });
      return reply.redirect(`${prefix(req)}/anskaffelser/${p.id}/erklaeringer${back}#agency-${orgnr}`, 303);
    },
  );
}

function AnswerList({ def, answers }: { def: QuestionnaireDefinition; answers: Answers }) {
  const text = useText();
  const { fmt } = usePage();
  return (
    <DefinitionList
      items={def.questions.filter((q) => answers[q.id] !== undefined).map((q) => ({ term: text(q.label), value: answerLabel(q, answers[q.id]!, text, fmt.number) }))}
    />
  );
}

interface DeclarationPageProps {
  p: ProcurementDetail;
  agency: { orgnr: string; name: LocalizedText };
  declaration: Awaited<ReturnType<typeof getDeclaration>>;
  now: Date;
  mayEdit: boolean;
  values?: Record<string, unknown>;
  errors?: { field: string; message: string }[];
  ok?: string;
  refusal?: string;
}

function DeclarationPage({ p, agency, declaration: d, now, mayEdit, values, errors = [], ok, refusal }: DeclarationPageProps) {
  const { t, fmt } = usePage();
  const href = useHref();
  const text = useText();
  const kind = declarationKindFor(p.obligation);
  const window = declarationWindow(p, now);
  const standing = d && !d.withdrawnAt;
  const heading = t.declaration.heading[kind](text(agency.name));
  const deadline = p.consultationDeadline ? fmt.dateTime(p.consultationDeadline) : '';
  return (
    <Layout title={heading} section="procurements">
      <Breadcrumbs
        items={[
          { label: t.nav.home, href: href('/') },
          { label: t.procurement.title, href: href('/anskaffelser') },
          { label: text(p.title), href: href(`/anskaffelser/${p.id}`) },
          { label: t.declaration.breadcrumb },
        ]}
      />
      <div className="page-narrow">
        <PageHeader title={heading} lead={text(p.title)}>
          <div className="tag-row">
            <StateTag state={p.status} />
            <Tag data-size="sm" data-color={standing ? 'success' : 'neutral'}>
              {standing ? t.declaration.statusOf[d.kind] : d?.withdrawnAt ? t.declaration.withdrawnStatus : t.declaration.noneStatus}
            </Tag>
          </div>
        </PageHeader>
        <Notice text={ok ? (t.declaration.done as Record<string, string>)[ok] : undefined} />
        {refusal ? (
          <Alert data-color="danger" className="page-alert" role="alert">
            <Paragraph>{refusal}</Paragraph>
          </Alert>
        ) : null}
        <Paragraph>{t.procurement.windowState[window](deadline, p.consultationOpensAt ? fmt.dateTime(p.consultationOpensAt) : '')}</Paragraph>
        <Paragraph>{kind === 'opt_out' ? t.declaration.explainOptOut : t.declaration.explainAccession}</Paragraph>
        {d ? (
          <Section title={t.declaration.current} id="current">
            <Paragraph data-size="sm">
              {t.declaration.submittedBy(d.submittedBy, fmt.dateTime(d.updatedAt))}
              {d.withdrawnAt ? ` ${t.declaration.withdrawnAt(fmt.dateTime(d.withdrawnAt))}` : ''}
            </Paragraph>
            <AnswerList def={p.questionnaire.definition} answers={d.answers} />
          </Section>
        ) : null}
        {window === 'open' && mayEdit ? (
          <Section title={standing ? t.declaration.changeHeading : t.declaration.declare[kind]} id="form">
            <ErrorSummary errors={errors} />
            <PostForm action={href(`/anskaffelser/${p.id}/erklaering`)}>
              <input type="hidden" name="virksomhet" value={agency.orgnr} />
              <QuestionnaireFields definition={p.questionnaire.definition} values={values ?? (standing ? d.answers : undefined)} errors={errorMap(errors)} />
              <Button type="submit">{standing ? t.declaration.saveChange : t.declaration.submit[kind]}</Button>
            </PostForm>
            {standing ? (
              <div className="withdraw">
                <Heading level={3} data-size="2xs">
                  {t.declaration.withdrawHeading}
                </Heading>
                <Paragraph data-size="sm">{t.declaration.withdrawHelp(deadline)}</Paragraph>
                <PostButton action={href(`/anskaffelser/${p.id}/erklaering/trekk`)} label={t.declaration.withdraw} hidden={{ virksomhet: agency.orgnr }} />
              </div>
            ) : null}
          </Section>
        ) : window === 'closed' ? (
          <Alert data-color="info" className="page-alert">
            <Paragraph>{t.declaration.errors.closed}</Paragraph>
          </Alert>
        ) : null}
        <Paragraph>
          <a href={href(`/anskaffelser/${p.id}`)}>{t.declaration.back}</a>
        </Paragraph>
      </div>
    </Layout>
  );
}

function CountTable({ caption, rows }: { caption: string; rows: { label: string; count: number }[] }) {
  const { t, fmt } = usePage();
  return (
    <RowTable caption={caption} captionShown columns={[caption, t.declaration.count]} rows={rows} none={t.common.none} noneRow rowKey={(r) => r.label} head={(r) => r.label} cells={(r) => <td className="num">{fmt.number(r.count)}</td>} />
  );
}

function DeclarationsOverviewPage({
  p,
  rows,
  shown,
  thresholds,
  followUp,
  ministryNames,
  ok,
  filter,
  page,
}: {
  p: ProcurementDetail;
  rows: DeclarationView[];
  /** The rows the list shows under the filter (as the download has them). */
  shown: DeclarationView[];
  page: number;
  thresholds: SizeThresholds;
  followUp: boolean;
  ministryNames: Map<string, LocalizedText>;
  ok?: string | undefined;
  filter: DeclarationListFilter;
}) {
  const { t, fmt } = usePage();
  const href = useHref();
  const text = useText();
  const kind = declarationKindFor(p.obligation);
  const standing = rows.filter((r) => !r.withdrawnAt);
  const def = p.questionnaire.definition;
  const reasonQuestion = reasonQuestionOf(def);
  const title = t.declaration.overviewTitle[kind];
  // One card (and for the provider one follow-up form) per declaration: ~180 on one page took a second to render.
  // The counts above stay over all of them; the list is paged, and a follow-up returns to its page.
  const { pageCount } = pageWindow(shown.length, page, OVERVIEW_PAGE_SIZE);
  const current = Math.min(page, pageCount);
  const listQuery = { oppfolging: filter.followUp, grunn: filter.reason };
  const download = { path: href(`/anskaffelser/${p.id}/erklaeringer`), query: queryString(listQuery) };
  const pageHref = (n: number) => href(`/anskaffelser/${p.id}/erklaeringer`) + queryString({ ...listQuery, page: n > 1 ? n : undefined }) + '#list';
  return (
    <Layout title={`${title} – ${text(p.title)}`} section="procurements">
      <Breadcrumbs
        items={[
          { label: t.nav.home, href: href('/') },
          { label: t.procurement.title, href: href('/anskaffelser') },
          { label: text(p.title), href: href(`/anskaffelser/${p.id}`) },
          { label: title },
        ]}
      />
      <PageHeader title={title} lead={text(p.title)}>
        <div className="tag-row">
          <StateTag state={p.status} />
        </div>
      </PageHeader>
      <Notice text={ok === 'followup' ? t.declaration.done.followup : undefined} />
      <Paragraph>
        <strong>{t.declaration.standingCount(standing.length, p.eligibleCount)}</strong>
        {rows.length > standing.length ? ` ${t.declaration.withdrawnCount(rows.length - standing.length)}` : ''}
      </Paragraph>
      {integerTotals(
        def,
        standing.map((r) => r.answers),
      ).map((x) => (
        <Paragraph key={x.question.id} className="declared-total">
          {t.declaration.totalOf(text(x.question.label), fmt.number(x.total), x.count)}
        </Paragraph>
      ))}
      <div className="count-grid">
        {reasonQuestion ? (
          <CountTable
            caption={text(reasonQuestion.shortLabel ?? reasonQuestion.label)}
            rows={tally(standing, (r) => r.answers[reasonQuestion.id] as string | string[] | undefined).map((x) => ({ label: answerLabel(reasonQuestion, x.key, text), count: x.count }))}
          />
        ) : null}
        <CountTable caption={t.agency.sizeClass} rows={tally(standing, (r) => sizeClassOf(r.agency.employees, thresholds)).map((x) => ({ label: sizeClassName(t, x.key as 'small', thresholds), count: x.count }))} />
        <CountTable
          caption={t.common.ministry}
          rows={tally(standing, (r) => r.ministry?.orgnr ?? '-').map((x) => ({ label: x.key === '-' ? t.common.none : text(ministryNames.get(x.key) ?? { nb: x.key }), count: x.count }))}
        />
        <CountTable caption={t.declaration.sector} rows={tally(standing, (r) => r.agency.kind).map((x) => ({ label: t.vocab.orgKind[x.key as 'agency'], count: x.count }))} />
      </div>
      <Section title={t.declaration.list} id="list">
        {rows.length === 0 ? <Paragraph>{t.declaration.noneYet}</Paragraph> : null}
        {rows.length > 0 && ((kind === 'opt_out' && followUp) || reasonQuestion?.options) ? (
          <form method="get" action={href(`/anskaffelser/${p.id}/erklaeringer`)} className="filter-row list-filter" aria-label={t.declaration.filter}>
            {kind === 'opt_out' && followUp ? (
              <FilterSelect id="filter-followup" name="oppfolging" label={t.declaration.followUp} value={filter.followUp} all={t.declaration.all} options={labelled(FOLLOW_UP_STATES, t.terms.followUp)} />
            ) : null}
            {reasonQuestion?.options ? (
              <FilterSelect id="filter-reason" name="grunn" label={text(reasonQuestion.shortLabel ?? reasonQuestion.label)} value={filter.reason} all={t.declaration.all} options={reasonQuestion.options.map((o) => ({ value: o.value, label: text(o.label) }))} />
            ) : null}
            <Button type="submit" variant="secondary">
              {t.declaration.applyFilter}
            </Button>
          </form>
        ) : null}
        {filter.followUp || filter.reason ? (
          <Paragraph role="status">
            {t.declaration.shown(shown.length, rows.length)} <a href={href(`/anskaffelser/${p.id}/erklaeringer`)}>{t.declaration.showAll}</a>
          </Paragraph>
        ) : null}
        <Paragraph>
          <a href={downloadHref(download, 'erklaeringer', 'csv')} download>
            {filter.followUp || filter.reason ? t.declaration.exportShownCsv(shown.length) : t.declaration.exportCsv}
          </a>{' '}
          · <a href={downloadHref(download, 'erklaeringer', 'xlsx')} download>XLSX</a>
        </Paragraph>
        {pageCount > 1 ? (
          <Paragraph data-size="sm">{t.catalogue.page(current, pageCount)}</Paragraph>
        ) : null}
        {shown.slice((current - 1) * OVERVIEW_PAGE_SIZE, (current - 1) * OVERVIEW_PAGE_SIZE + OVERVIEW_PAGE_SIZE).map((r) => (
          <article key={r.id} className="declaration-card" id={`agency-${r.agency.orgnr}`} aria-labelledby={`agency-${r.agency.orgnr}-h`}>
            <Heading level={3} data-size="xs" id={`agency-${r.agency.orgnr}-h`}>
              <Text value={r.agency.name} />
              <WithdrawnTag at={r.withdrawnAt} />
            </Heading>
            <Paragraph data-size="sm" className="muted">
              {formatOrgnr(r.agency.orgnr)} · {sizeClassName(t, sizeClassOf(r.agency.employees, thresholds), thresholds)}
              {r.ministry ? ` · ${text(r.ministry.name)}` : ''} · {t.declaration.updated(fmt.dateTime(r.updatedAt))}
            </Paragraph>
            <AnswerList def={def} answers={r.answers} />
            {r.kind === 'opt_out' && followUp ? <FollowUpForm p={p} r={r} back={{ ...listQuery, page: current > 1 ? current : undefined }} /> : null}
          </article>
        ))}
        <Pager page={current} pageCount={pageCount} hrefFor={pageHref} />
      </Section>
    </Layout>
  );
}

/** Declarations per page of the overview (each with its follow-up form for the provider). */
export const OVERVIEW_PAGE_SIZE = 25;

function FollowUpForm({ p, r, back }: { p: ProcurementDetail; r: DeclarationView; back: Record<string, string | number | undefined> }) {
  const { t, fmt } = usePage();
  const href = useHref();
  const id = `fu-${r.agency.orgnr}`;
  return (
    <PostForm action={href(`/anskaffelser/${p.id}/erklaeringer/${r.agency.orgnr}/oppfolging`) + queryString(back)} className="follow-up-form">
      <SelectField
        id={`${id}-state`}
        name="state"
        label={t.declaration.followUpFor(pickText(r.agency.name, 'nb').text)}
        value={r.followUp ?? 'to_contact'}
        options={FOLLOW_UP_STATES.map((s) => ({ value: s, label: t.terms.followUp[s] }))}
      />
      <TextField id={`${id}-note`} name="note" label={t.declaration.followUpNote} value={r.followUpNote ?? undefined} maxLength={2000} />
      <Button type="submit" variant="secondary" data-size="sm">
        {t.declaration.saveFollowUp}
      </Button>
      {r.followUpAt ? (
        <Paragraph data-size="xs" className="muted">
          {t.declaration.followUpBy(r.followUpBy ?? '', fmt.dateTime(r.followUpAt))}
        </Paragraph>
      ) : null}
    </PostForm>
  );
}


/** " Trukket" after a declaration that was withdrawn; nothing otherwise. */
export function WithdrawnTag({ at }: { at: Date | null }) {
  const { t } = usePage();
  if (!at) return null;
  return (
    <>
      {' '}
      <Tag data-size="sm" data-color="neutral">
        {t.declaration.withdrawnStatus}
      </Tag>
    </>
  );
}
