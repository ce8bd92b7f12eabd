import { Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';
import type { LocalizedText } from '../../domain/catalogue.js';
import { IDEA_KINDS } from '../../domain/collaboration.js';
import { IDEA_MOVES, IDEA_STATUSES, type IdeaStatus, ideaIsOpen } from '../../domain/ideaStatus.js';
import { isAdmin, providerScopes } from '../../domain/principal.js';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { ChoiceField, JsonLink, OrgLink, PageHeader, queryString, Section, SelectField, TextAreaField, TextField } from '../../web/components.js';
import { AboutSection, TwoColumns } from '../../web/components/about.js';
import { ListOrNone } from '../../web/components/lists.js';
import { StatDownloads } from '../../web/export/StatTableView.js';
import { registerTableDownloads } from '../shared/tableDownloads.js';
import { ideaTable } from './tables.js';
import { Text, usePage } from '../../web/context.js';
import { type AfterPost, usePageKit } from '../../web/pageKit.js';
import { errorMap, type Errors, ErrorSummary, FormBody, type FormValues, Notice, OkQuery, one, PostButton, PostForm, Refusal, useFormPage } from '../../web/forms.js';
import { messages } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { prefix, sendPage } from '../../web/render.js';
import { actorOf } from '../../server/actor.js';
import { actingAgencies, agencyOfForm, CodeTag, CollabBreadcrumbs, submitForm } from '../collaboration/components.js';
import { CollabFormPage } from '../collaboration/formPage.js';
import { CollabListLayout, ListFilter, ResultCount } from '../collaboration/listPage.js';
import { OrgList } from '../../web/components/links.js';
import { dropEmptyQueryValues, enumOf } from '../shared/schema.js';
import { answerIdea, commentIdea, proposeIdea, unvoteIdea, voteIdea } from './commands.js';
import { mayIdea } from './policy.js';
import { getIdea, type IdeaDetail, type IdeaRow, listIdeas } from './queries.js';
import { IDEA_SORTS, parseComment, parseIdeaInput, parseIdeaStatus } from './schema.js';
import { providerOptions } from '../shared/queries.js';
import { ideaFormOptions } from './queries.js';

const IdParams = Type.Object({ id: Type.String({ maxLength: 60 }) });
const ListQuery = Type.Object({
  status: Type.Optional(enumOf(IDEA_STATUSES)),
  kind: Type.Optional(enumOf(IDEA_KINDS)),
  sort: Type.Optional(enumOf(IDEA_SORTS)),
  tjeneste: Type.Optional(Type.String({ maxLength: 120 })),
  leverandor: Type.Optional(Type.String({ maxLength: 120 })),
});
type Agency = { orgnr: string; name: LocalizedText };
type Org = { value: string; label: string };

export async function registerIdeaPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;

  /** The ideas the page's filters select, in its order. */
  const list = (q: Static<typeof ListQuery>) => listIdeas(db, { status: q.status, kind: q.kind, sort: q.sort, service: q.tjeneste, provider: q.leverandor });
  registerTableDownloads(app, '/ideer', { querystring: ListQuery }, async (req) => ({ tables: [ideaTable(await list(req.query as Static<typeof ListQuery>), req.lang)], fileName: () => 'forslag' }));

  app.get('/ideer', { preValidation: dropEmptyQueryValues, schema: { hide: true, querystring: ListQuery } }, async (req, reply) => {
    const q = req.query;
    const rows = await list(q);
    const acting = await actingAgencies(db, req.principal);
    return sendPage(req, reply, <IdeaListPage rows={rows} filter={q} mayPropose={acting.length > 0 || isAdmin(req.principal)} />);
  });

  const form = async (req: FastifyRequest, reply: FastifyReply, values: FormValues, errors: Errors) => {
    const t = messages[req.lang];
    if (!req.principal) throw new HttpProblem(401, t.access.signInRequired);
    const acting = await actingAgencies(db, req.principal);
    if (acting.length === 0 && !isAdmin(req.principal)) throw new HttpProblem(403, t.need.errors.agencyEditorsOnly);
    const { services: serviceRows, providers: providerRows, areas: areaRows } = await ideaFormOptions(db);
    return sendPage(req, reply, <NewIdeaPage acting={acting} services={serviceRows} providers={providerRows} areas={areaRows} values={values} errors={errors} />, errors.length ? 400 : 200);
  };
  app.get('/ideer/ny', { schema: { hide: true, querystring: Type.Object({ tjeneste: Type.Optional(Type.String({ maxLength: 120 })) }) } }, async (req, reply) =>
    form(req, reply, { kind: req.query.tjeneste ? 'improvement' : '', service: req.query.tjeneste ?? '' }, []),
  );
  app.post('/ideer/ny', { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const body = req.body as FormValues;
    return submitForm(
      reply,
      async () => `${prefix(req)}/ideer/${await proposeIdea(db, actorOf(req, deps), agencyOfForm(req, one(body.virksomhet)), parseIdeaInput(body, req.lang), req.lang)}?ok=proposed`,
      (errors) => form(req, reply, body, errors),
    );
  });

  const load = async (req: FastifyRequest, id: string) => {
    const i = await getIdea(db, id);
    if (!i) throw new HttpProblem(404, messages[req.lang].idea.errors.unknown);
    return i;
  };
  const show = async (req: FastifyRequest, reply: FastifyReply, i: IdeaDetail, state: { ok?: string | undefined; errors?: Errors; form?: string; refusal?: string }, status = 200) => {
    const acting = await actingAgencies(db, req.principal);
    const myProviders = providerScopes(req.principal).length ? await providerOptions(db, providerScopes(req.principal)) : [];
    const answer = mayIdea(req.principal, 'answer', { providerId: i.provider?.id ?? null });
    return sendPage(req, reply, <IdeaPage i={i} acting={acting} providers={myProviders} admin={isAdmin(req.principal)} answer={answer} {...state} />, status);
  };
  app.get('/ideer/:id', { schema: { hide: true, params: IdParams, querystring: OkQuery } }, async (req, reply) => show(req, reply, await load(req, req.params.id), { ok: req.query.ok }));

  /** A form post on an idea: run, then back to it (PRG); a 400 or 409 shows the page again with the problem. */
  const post = (path: string, form: string, run: (req: FastifyRequest, i: IdeaDetail, body: FormValues) => Promise<string>) =>
    app.post(path, { schema: { hide: true, params: IdParams, body: FormBody } }, async (req, reply) => {
      const i = await load(req, (req.params as { id: string }).id);
      const body = req.body as FormValues;
      try {
        const ok = await run(req, i, body);
        return reply.redirect(`${prefix(req)}/ideer/${i.id}?ok=${ok}#${form}`, 303);
      } catch (e) {
        if (e instanceof HttpProblem && e.status === 400) return show(req, reply, i, { errors: e.extra.errors ?? [{ field: 'form', message: e.detail }], form }, 400);
        if (e instanceof HttpProblem && e.status === 409) return show(req, reply, i, { refusal: e.detail }, 409);
        throw e;
      }
    });
  post('/ideer/:id/stem', 'votes', (req, i, b) => voteIdea(db, actorOf(req, deps), i.id, agencyOfForm(req, one(b.virksomhet)), req.lang));
  post('/ideer/:id/trekk-stemme', 'votes', (req, i, b) => unvoteIdea(db, actorOf(req, deps), i.id, agencyOfForm(req, one(b.virksomhet)), req.lang));
  post('/ideer/:id/kommentar', 'comments', async (req, i, b) => {
    // "as" is agency:<orgnr>, provider:<slug> or dfo.
    const as = one(b.as) ?? '';
    const who = as.startsWith('agency:') ? { agency: agencyOfForm(req, as.slice(7)) } : as.startsWith('provider:') ? { provider: as.slice(9) } : {};
    await commentIdea(db, actorOf(req, deps), i.id, who, parseComment(b, req.lang), req.lang);
    return 'commented';
  });
  post('/ideer/:id/status', 'answer', async (req, i, b) => answerIdea(db, actorOf(req, deps), i.id, parseIdeaStatus(b, req.lang), req.lang));
}

const STATUS_COLOR: Record<IdeaStatus, 'neutral' | 'info' | 'warning' | 'success' | 'danger'> = {
  received: 'neutral',
  under_consideration: 'warning',
  planned: 'info',
  done: 'success',
  declined: 'danger',
};

export function IdeaStatusTag({ status }: { status: IdeaStatus }) {
  const { t } = usePage();
  return <CodeTag label={t.idea.status[status]} color={STATUS_COLOR[status]} />;
}

function IdeaListPage({
  rows,
  filter,
  mayPropose,
}: {
  rows: IdeaRow[];
  filter: { status?: string | undefined; kind?: string | undefined; sort?: string | undefined; tjeneste?: string | undefined; leverandor?: string | undefined };
  mayPropose: boolean;
}) {
  const { t, fmt, href, text } = usePageKit();
  return (
    <CollabListLayout title={t.idea.title} lead={t.idea.lead} action={{ href: href(`/ideer/ny${filter.tjeneste ? `?tjeneste=${encodeURIComponent(filter.tjeneste)}` : ''}`), label: t.idea.propose, show: mayPropose }}>
      <ListFilter action={href('/ideer')} label={t.idea.filter}>
        {filter.tjeneste ? <input type="hidden" name="tjeneste" value={filter.tjeneste} /> : null}
        {filter.leverandor ? <input type="hidden" name="leverandor" value={filter.leverandor} /> : null}
        <SelectField id="f-status" name="status" label={t.common.status} value={filter.status ?? ''} options={[{ value: '', label: t.idea.allStatuses }, ...IDEA_STATUSES.map((s) => ({ value: s, label: t.idea.status[s] }))]} />
        <SelectField id="f-kind" name="kind" label={t.idea.kindLabel} value={filter.kind ?? ''} options={[{ value: '', label: t.idea.allKinds }, ...IDEA_KINDS.map((k) => ({ value: k, label: t.idea.kind[k] }))]} />
        <SelectField id="f-sort" name="sort" label={t.catalogue.sort} value={filter.sort ?? 'votes'} options={IDEA_SORTS.map((s) => ({ value: s, label: t.idea.sort[s] }))} />
      </ListFilter>
      <ResultCount count={t.idea.count(rows.length)} clearHref={filter.status || filter.kind || filter.tjeneste || filter.leverandor ? href('/ideer') : undefined} />
      {rows.length === 0 ? <Paragraph>{t.idea.none}</Paragraph> : null}
      <ol className="result-list">
        {rows.map((i) => (
          <li key={i.id} className="idea-item">
            <div className="idea-item__votes" aria-hidden="true">
              <span className="figure">{fmt.number(i.votes)}</span>
            </div>
            <div>
              <Heading level={2} data-size="2xs">
                <a href={href(`/ideer/${i.id}`)}>{i.title}</a>
              </Heading>
              <Paragraph data-size="sm" className="service-card__meta">
                {[i.service ? text(i.service.name) : t.idea.kind.new_service, i.provider ? text(i.provider.name) : null, t.idea.proposedBy(text(i.agency.name)), fmt.date(i.createdAt)].filter(Boolean).join(' · ')}
              </Paragraph>
              <div className="tag-row">
                <IdeaStatusTag status={i.status} />
                <CodeTag label={t.idea.votes(i.votes)} />
                <CodeTag label={t.idea.comments(i.comments)} />
              </div>
            </div>
          </li>
        ))}
      </ol>
      {rows.length > 0 ? (
        <StatDownloads
          table={{ id: 'forslag', title: t.tables.ideas }}
          download={{ path: href('/ideer'), query: queryString({ status: filter.status, kind: filter.kind, sort: filter.sort, tjeneste: filter.tjeneste, leverandor: filter.leverandor }) }}
        />
      ) : null}
      <JsonLink href="/api/v1/ideas" />
    </CollabListLayout>
  );
}

function NewIdeaPage({
  acting,
  services: serviceRows,
  providers: providerRows,
  areas: areaRows,
  values,
  errors,
}: {
  acting: Agency[];
  services: { slug: string; name: LocalizedText; area: LocalizedText }[];
  providers: { slug: string; name: LocalizedText }[];
  areas: { slug: string; name: LocalizedText }[];
  values: FormValues;
  errors: Errors;
}) {
  const { t, href, text, e, v, field } = useFormPage(values, errors);
  return (
    <CollabFormPage title={t.idea.propose} lead={t.idea.proposeLead} crumbs={[{ label: t.idea.title, href: href('/ideer') }, { label: t.idea.propose }]} errors={errors} action={href('/ideer/ny')} submit={t.idea.proposeButton}>
      {acting.length > 1 ? (
        <SelectField id="f-virksomhet" name="virksomhet" label={t.need.agency} value={v('virksomhet')} options={acting.map((a) => ({ value: a.orgnr, label: text(a.name) }))} />
      ) : acting.length === 1 ? (
        <input type="hidden" name="virksomhet" value={acting[0]!.orgnr} />
      ) : (
        <TextField {...field('virksomhet')} label={t.common.orgnr} inputMode="numeric" maxLength={11} />
      )}
      <ChoiceField {...field('kind')} legend={t.idea.kindLabel} options={IDEA_KINDS.map((k) => ({ value: k, label: t.idea.kindLong[k] }))} />
      <SelectField {...field('service')} label={t.idea.service} options={[{ value: '', label: t.idea.noService }, ...serviceRows.map((s) => ({ value: s.slug, label: text(s.name), group: text(s.area) }))]} />
      <SelectField {...field('provider')} label={t.idea.provider} options={[{ value: '', label: t.idea.toDfo }, ...providerRows.map((p) => ({ value: p.slug, label: text(p.name) }))]} />
      <SelectField {...field('area')} label={t.common.area} options={[{ value: '', label: t.need.chooseArea }, ...areaRows.map((a) => ({ value: a.slug, label: text(a.name) }))]} />
      <TextField {...field('title')} label={t.idea.titleLabel} maxLength={200} />
      <TextAreaField id="f-description" name="description" label={t.idea.description} description={t.idea.descriptionHelp} value={v('description')} error={e.description} maxLength={4000} />
    </CollabFormPage>
  );
}

function IdeaPage({
  i,
  acting,
  providers: myProviders,
  admin,
  answer,
  ok,
  errors = [],
  form,
  refusal,
}: {
  i: IdeaDetail;
  acting: Agency[];
  providers: { slug: string; name: LocalizedText }[];
  admin: boolean;
  answer: boolean;
  errors?: Errors;
  form?: string | undefined;
} & AfterPost) {
  const { t, fmt, href, text } = usePageKit();
  const open = ideaIsOpen(i.status);
  const signers: Org[] = [
    ...acting.map((a) => ({ value: `agency:${a.orgnr}`, label: text(a.name) })),
    ...myProviders.map((p) => ({ value: `provider:${p.slug}`, label: text(p.name) })),
    ...(admin ? [{ value: 'dfo', label: t.idea.dfo }] : []),
  ];
  const e = errorMap(errors);
  return (
    <Layout title={i.title} section="collaboration">
      <CollabBreadcrumbs items={[{ label: t.idea.title, href: href('/ideer') }, { label: i.title }]} />
      <PageHeader title={i.title} lead={t.idea.proposedBy(text(i.agency.name))}>
        <div className="tag-row">
          <IdeaStatusTag status={i.status} />
          <CodeTag label={t.idea.kind[i.kind]} color="info" />
        </div>
      </PageHeader>
      <Notice text={ok ? (t.idea.done as Record<string, string>)[ok] : undefined} />
      <Refusal text={refusal} />
      <TwoColumns
        side={
          <aside className="two-col__side" aria-labelledby="votes-heading">
            <div className="action-card">
              <Heading level={2} data-size="xs" id="votes-heading">
                {t.idea.votes(i.votes)}
              </Heading>
              <OrgList orgs={i.voters} />
              {open
                ? acting.map((a) => {
                    const voted = i.voters.some((v) => v.orgnr === a.orgnr);
                    return (
                      <Paragraph key={a.orgnr}>
                        <PostButton action={href(`/ideer/${i.id}/${voted ? 'trekk-stemme' : 'stem'}`)} label={voted ? t.idea.unvote(text(a.name)) : t.idea.vote(text(a.name))} variant={voted ? 'tertiary' : 'primary'} hidden={{ virksomhet: a.orgnr }} />
                      </Paragraph>
                    );
                  })
                : <Paragraph data-size="sm">{t.idea.closedForVotes}</Paragraph>}
            </div>
            {answer ? (
              <div className="action-card" id="answer">
                <Heading level={2} data-size="xs">
                  {t.idea.answerHeading}
                </Heading>
                {form === 'answer' ? <ErrorSummary errors={errors} /> : null}
                <PostForm action={href(`/ideer/${i.id}/status`)}>
                  <SelectField id="f-status" name="status" label={t.common.status} value={i.status} options={[i.status, ...IDEA_MOVES[i.status]].map((s) => ({ value: s, label: s === i.status ? t.idea.keepStatus(t.idea.status[s]) : t.idea.status[s] }))} />
                  <TextAreaField id="f-note" name="note" label={t.idea.answer} description={t.idea.answerHelp} error={form === 'answer' ? e.note : undefined} maxLength={2000} rows={4} />
                  <Button type="submit" variant="secondary">
                    {t.idea.sendAnswer}
                  </Button>
                </PostForm>
              </div>
            ) : null}
          </aside>
        }
      >
        <AboutSection
          title={t.idea.about}
          description={<p className="prewrap">{i.description}</p>}
          facts={[
            ...(i.service ? [{ term: t.idea.service, value: <a href={href(`/tjenester/${i.service.slug}`)}><Text value={i.service.name} /></a> }] : []),
            { term: t.idea.answeredBy, value: i.provider ? <a href={href(`/leverandorer/${i.provider.slug}`)}><Text value={i.provider.name} /></a> : t.idea.dfo },
            ...(i.area ? [{ term: t.common.area, value: <a href={href(`/omrader/${i.area.slug}`)}><Text value={i.area.name} /></a> }] : []),
            { term: t.idea.proposed, value: <><OrgLink org={i.agency} />, {fmt.date(i.createdAt)}</> },
          ]}
        />
        <Section title={t.idea.history} id="history">
          <ol className="history-list">
            {i.history.map((h) => (
              <li key={h.id}>
                <strong>{h.fromStatus === h.toStatus ? t.idea.answerEvent : t.idea.status[h.toStatus]}</strong> <span className="muted">{fmt.dateTime(h.at)}</span>
                {h.note ? <p className="prewrap">{h.note}</p> : null}
              </li>
            ))}
          </ol>
        </Section>
        <Section title={t.idea.commentsHeading(i.commentList.length)} id="comments">
          <ListOrNone items={i.commentList} none={t.idea.noComments} className="comment-list" keyOf={(c) => c.id}>
            {(c) => (
              <>
                <p className="prewrap">{c.body}</p>
                <span className="muted">
                  {c.agency ? text(c.agency.name) : c.provider ? text(c.provider.name) : t.idea.dfo} · {fmt.dateTime(c.at)}
                </span>
              </>
            )}
          </ListOrNone>
          {open && signers.length > 0 ? (
            <>
              {form === 'comments' ? <ErrorSummary errors={errors} /> : null}
              <PostForm action={href(`/ideer/${i.id}/kommentar`)}>
                {signers.length > 1 ? (
                  <SelectField id="f-as" name="as" label={t.idea.commentAs} options={signers} />
                ) : (
                  <input type="hidden" name="as" value={signers[0]!.value} />
                )}
                <TextAreaField id="f-body" name="body" label={t.idea.comment} value={undefined} error={form === 'comments' ? e.body : undefined} maxLength={2000} rows={3} />
                <Button type="submit" variant="secondary">
                  {t.idea.sendComment}
                </Button>
              </PostForm>
            </>
          ) : null}
        </Section>
      </TwoColumns>
    </Layout>
  );
}
