import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { asc, eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { agencies, areas, providers } from '../../db/schema/index.js';
import type { ServiceDocument } from '../../domain/serviceDocument.js';
import { changedFields, diffVersions, type FieldChange } from '../../domain/serviceLifecycle.js';
import { actorOf } from '../../server/actor.js';
import { HttpProblem } from '../../server/problem.js';
import type { App, AppDeps } from '../../server/types.js';
import { Breadcrumbs, DefinitionList, PageHeader, Section, SelectField, TextAreaField } from '../../web/components.js';
import { usePage, useHref, useText } from '../../web/context.js';
import { CsrfField, ErrorSummary, type Errors, formBody, type FormValues, Notice, OkQuery, PostButton, Refusal } from '../../web/forms.js';
import { messages } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { prefix, sendPage } from '../../web/render.js';
import { SlugParams } from '../shared/schema.js';
import { createService, draftAction, discardDraft, type Editable, findEditable, loadServiceDocument, reinstateService, retireService, type ReviewAction, saveDraft } from './commands.js';
import { documentFromForm, fieldId, type FormChoices, formValuesOf, SchemaSection, SECTIONS } from './editForm.js';
import { compareVersions, serviceVersionList } from './history.js';
import { mayService } from './policy.js';
import { publishedBy } from './present.js';
import { PlainTable } from '../../web/components/plainTable.js';

/**
 * The catalogue's editing pages (issue 12), all working without JavaScript: the edit form (generated from the API's
 * schema), a preview of the draft, publish / review / discard / retire buttons, a new service, and the public
 * history of every service with a field-by-field comparison of two versions.
 */
const EditBody = formBody({ maxLength: 10_000, list: { maxLength: 100, maxItems: 40 } });
const DraftPaths: Record<ReviewAction, string> = { publish: 'publiser', submit: 'send-til-godkjenning', withdraw: 'trekk-tilbake', approve: 'godkjenn', return: 'send-tilbake' };

export async function registerServiceEditingPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;

  const choicesFor = async (req: FastifyRequest): Promise<FormChoices> => {
    const lang = req.lang;
    const [areaRows, ministries] = await Promise.all([
      db.select({ slug: areas.slug, name: areas.name }).from(areas).orderBy(asc(areas.sortOrder)),
      db.select({ orgnr: agencies.orgnr, name: agencies.name }).from(agencies).where(eq(agencies.kind, 'ministry')),
    ]);
    const text = (n: { nb: string; nn?: string; en?: string }) => n[lang] || n.nb;
    return {
      options: {
        area: areaRows.map((a) => ({ value: a.slug, label: text(a.name) })),
        targetMinistry: ministries.map((m) => ({ value: m.orgnr, label: text(m.name) })).sort((a, b) => a.label.localeCompare(b.label, 'nb')),
      },
    };
  };

  /** The editable behind the slug, for someone who may edit it (401 sends to sign-in, 403 otherwise). */
  const editableFor = async (req: FastifyRequest, slug: string): Promise<Editable> => {
    const t = messages[req.lang];
    if (!req.principal) throw new HttpProblem(401, t.access.signInRequired);
    const e = await findEditable(db, slug, req.lang);
    if (!mayService(req.principal, 'read_draft', e)) throw new HttpProblem(403, t.serviceEditing.errors.notYours);
    return e;
  };

  const showForm = async (req: FastifyRequest, reply: FastifyReply, e: Editable, state: { values?: FormValues; errors?: Errors; stale?: FieldChange[]; refusal?: string; ok?: string }, status = 200) => {
    const doc = e.draft ? e.draft.document : await loadServiceDocument(db, e.service!.id);
    const values = state.values ?? formValuesOf(doc);
    return sendPage(
      req,
      reply,
      <EditPage e={e} doc={doc} values={values} errors={state.errors ?? []} stale={state.stale} refusal={state.refusal} ok={state.ok} choices={await choicesFor(req)} mayReview={mayService(req.principal, 'review', e)} />,
      status,
    );
  };

  app.get('/tjenester/:slug/rediger', { schema: { hide: true, params: SlugParams, querystring: OkQuery } }, async (req, reply) => {
    const e = await editableFor(req, req.params.slug);
    return showForm(req, reply, e, { ok: req.query.ok });
  });

  app.post('/tjenester/:slug/rediger', { schema: { hide: true, params: SlugParams, body: EditBody } }, async (req, reply) => {
    const e = await editableFor(req, req.params.slug);
    const body = req.body as FormValues;
    const input = documentFromForm(body);
    const revision = Number(body._revision);
    try {
      await saveDraft(db, actorOf(req, deps), req.params.slug, input, e.draft ? revision : undefined, req.lang);
      // A new service's address is its draft's slug: follow a renamed draft.
      const slug = e.service ? e.service.slug : String((input as { slug?: unknown }).slug ?? req.params.slug);
      return reply.redirect(`${prefix(req)}/tjenester/${slug}/rediger?ok=saved`, 303);
    } catch (err) {
      if (err instanceof HttpProblem && err.status === 400) return showForm(req, reply, e, { values: body, errors: err.extra.errors ?? [{ field: 'form', message: err.detail }] }, 400);
      if (err instanceof HttpProblem && (err.status === 412 || err.status === 428)) {
        const fresh = await findEditable(db, req.params.slug, req.lang);
        const stale = diffVersions(input, fresh.draft!.document as never);
        return showForm(req, reply, fresh, { values: body, stale }, 412);
      }
      if (err instanceof HttpProblem && err.status === 409) return showForm(req, reply, e, { values: body, refusal: err.detail }, 409);
      throw err;
    }
  });

  for (const action of Object.keys(DraftPaths) as ReviewAction[]) {
    app.post(`/tjenester/:slug/${DraftPaths[action]}`, { schema: { hide: true, params: SlugParams, body: EditBody } }, async (req, reply) => {
      const e = await editableFor(req, req.params.slug);
      const comment = (req.body as FormValues).comment;
      try {
        const result = await draftAction(db, actorOf(req, deps), req.params.slug, action, { comment: Array.isArray(comment) ? comment[0] : comment }, req.lang);
        if (action === 'publish' || action === 'approve') return reply.redirect(`${prefix(req)}/tjenester/${result.slug}?ok=published`, 303);
        return reply.redirect(`${prefix(req)}/tjenester/${req.params.slug}/rediger?ok=${action}`, 303);
      } catch (err) {
        if (err instanceof HttpProblem && (err.status === 409 || err.status === 400)) return showForm(req, reply, e, { refusal: err.detail }, err.status);
        throw err;
      }
    });
  }

  app.post('/tjenester/:slug/forkast', { schema: { hide: true, params: SlugParams, body: EditBody } }, async (req, reply) => {
    const e = await editableFor(req, req.params.slug);
    await discardDraft(db, actorOf(req, deps), req.params.slug, req.lang);
    return reply.redirect(e.service ? `${prefix(req)}/tjenester/${e.service.slug}?ok=discarded` : `${prefix(req)}/tjenester?ok=discarded`, 303);
  });

  for (const [path, run, ok] of [
    ['avvikle', retireService, 'retired'],
    ['gjeninnfor', reinstateService, 'reinstated'],
  ] as const) {
    app.post(`/tjenester/:slug/${path}`, { schema: { hide: true, params: SlugParams, body: EditBody } }, async (req, reply) => {
      await run(db, actorOf(req, deps), req.params.slug, req.lang);
      return reply.redirect(`${prefix(req)}/tjenester/${req.params.slug}?ok=${ok}`, 303);
    });
  }

  app.get('/tjenester/:slug/forhandsvisning', { schema: { hide: true, params: SlugParams, querystring: Type.Object({}) } }, async (req, reply) => {
    const e = await editableFor(req, req.params.slug);
    const doc = e.draft ? e.draft.document : await loadServiceDocument(db, e.service!.id);
    return sendPage(req, reply, <PreviewPage slug={req.params.slug} doc={doc} />);
  });

  const NewQuery = Type.Object({ leverandor: Type.Optional(Type.String({ maxLength: 80 })) });
  const newForm = async (req: FastifyRequest, reply: FastifyReply, providerSlug: string | undefined, state: { values?: FormValues; errors?: Errors }, status = 200) => {
    const t = messages[req.lang];
    if (!req.principal) throw new HttpProblem(401, t.access.signInRequired);
    const all = await db.select({ id: providers.id, slug: providers.slug, name: providers.name }).from(providers).orderBy(asc(providers.slug));
    const mine = all.filter((p) => mayService(req.principal, 'create', { providerId: p.id }));
    if (mine.length === 0) throw new HttpProblem(403, t.serviceEditing.errors.notYours);
    const values = state.values ?? { provider: providerSlug ?? mine[0]!.slug, kind: 'service', status: 'planned', 'tiers.0.current': '' };
    return sendPage(
      req,
      reply,
      <NewPage providers={mine.map((p) => ({ value: p.slug, label: p.name[req.lang] || p.name.nb }))} values={values} errors={state.errors ?? []} choices={await choicesFor(req)} />,
      status,
    );
  };
  app.get('/tjenester/ny', { schema: { hide: true, querystring: NewQuery } }, async (req, reply) => newForm(req, reply, req.query.leverandor, {}));
  app.post('/tjenester/ny', { schema: { hide: true, body: EditBody } }, async (req, reply) => {
    const body = req.body as FormValues;
    const providerSlug = String(Array.isArray(body.provider) ? body.provider[0] : (body.provider ?? ''));
    try {
      const draft = await createService(db, actorOf(req, deps), providerSlug, documentFromForm(body), req.lang);
      return reply.redirect(`${prefix(req)}/tjenester/${draft.slug}/rediger?ok=created`, 303);
    } catch (err) {
      if (err instanceof HttpProblem && err.status === 400) return newForm(req, reply, providerSlug, { values: body, errors: err.extra.errors ?? [] }, 400);
      throw err;
    }
  });

  const HistoryQuery = Type.Object({ fra: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })), til: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })) });
  app.get('/tjenester/:slug/historikk', { config: { publicPage: true }, schema: { hide: true, params: SlugParams, querystring: HistoryQuery } }, async (req, reply) => {
    const list = await serviceVersionList(db, req.params.slug);
    if (!list) throw new HttpProblem(404, messages[req.lang].serviceEditing.errors.unknownService(req.params.slug));
    const { fra, til } = req.query;
    const comparison = fra && til ? await compareVersions(db, req.params.slug, fra, til) : undefined;
    if (fra && til && !comparison) throw new HttpProblem(404, messages[req.lang].serviceEditing.history.unknownVersion(Math.max(fra, til)));
    return sendPage(req, reply, <HistoryPage slug={req.params.slug} list={list} from={fra} to={til} comparison={comparison} />);
  });
}

function EditPage(props: {
  e: Editable;
  doc: ServiceDocument;
  values: FormValues;
  errors: Errors;
  stale: FieldChange[] | undefined;
  refusal: string | undefined;
  ok: string | undefined;
  choices: FormChoices;
  mayReview: boolean;
}) {
  const { t, fmt } = usePage();
  const href = useHref();
  const text = useText();
  const s = t.serviceEditing;
  const { e, doc } = props;
  const slug = e.service?.slug ?? doc.slug;
  const name = text(doc.name);
  const draft = e.draft;
  const state = draft?.state ?? 'draft';
  const okText: Record<string, string> = { saved: s.saved, submit: s.submitted, withdraw: s.withdrawn, return: s.returned, created: s.saved };
  const labelOf = (f: string) => s.fields[f.replace(/\.\d+/g, '').replace(/\.(nb|nn|en)$/, '')] ?? f;
  const summary = props.errors.map((x) => ({ field: x.field, message: `${labelOf(x.field)}: ${x.message}` }));
  const action = (a: ReviewAction) => href(`/tjenester/${slug}/${DraftPaths[a]}`);
  return (
    <Layout title={s.editTitle(name)} section="services">
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: t.nav.services, href: href('/tjenester') }, ...(e.service ? [{ label: name, href: href(`/tjenester/${slug}`) }] : []), { label: s.edit }]} />
      <PageHeader title={s.editTitle(name)} lead={e.service ? s.editLead : s.newLead} />
      <Notice text={props.ok ? okText[props.ok] : undefined} />
      <Refusal text={props.refusal} />
      <ErrorSummary errors={summary} fieldId={fieldId} />
      {props.stale ? (
        <Alert data-color="warning" className="page-alert" role="alert">
          <Heading level={2} data-size="xs">
            {s.staleTitle}
          </Heading>
          <Paragraph>{s.staleLead}</Paragraph>
          <ul>
            {changedFields(props.stale).map((f) => (
              <li key={f}>
                <a href={`#${fieldId(f)}`}>{labelOf(f)}</a>
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {draft ? <Paragraph>{s.draftStatus(s.draftState[state] ?? state, draft.updatedByName, fmt.dateTime(draft.updatedAt))}</Paragraph> : null}
      {e.reviewRequired ? <Paragraph>{s.reviewRequiredNotice}</Paragraph> : null}
      {draft?.reviewComment ? (
        <Alert data-color="info" className="page-alert">
          {s.reviewComment(draft.reviewComment)}
        </Alert>
      ) : null}
      {state !== 'in_review' ? (
        <form method="post" action={href(`/tjenester/${slug}/rediger`)} className="stack-form service-edit-form" noValidate>
          <CsrfField />
          <input type="hidden" name="_revision" value={String(draft?.revision ?? 0)} />
          <FormSections values={props.values} errors={props.errors} choices={props.choices} />
        </form>
      ) : null}
      <Section title={s.publish} id="publish">
        <div className="button-row">
          {draft ? <a href={href(`/tjenester/${slug}/forhandsvisning`)}>{s.preview}</a> : null}
          {draft && state !== 'in_review' && !e.reviewRequired ? <PostButton action={action('publish')} label={s.publish} variant="primary" /> : null}
          {draft && state !== 'in_review' && e.reviewRequired ? <PostButton action={action('submit')} label={s.submit} variant="primary" /> : null}
          {draft && state === 'in_review' ? <PostButton action={action('withdraw')} label={s.withdraw} /> : null}
          {draft && state === 'in_review' && props.mayReview ? <PostButton action={action('approve')} label={s.approve} variant="primary" /> : null}
          {draft && state !== 'in_review' ? <PostButton action={href(`/tjenester/${slug}/forkast`)} label={s.discard} variant="tertiary" /> : null}
        </div>
        {draft && state === 'in_review' && props.mayReview ? (
          <form method="post" action={action('return')} className="stack-form">
            <CsrfField />
            <TextAreaField id="f-comment" name="comment" label={s.comment} rows={3} maxLength={2000} />
            <Button type="submit" variant="secondary">
              {s.returnDraft}
            </Button>
          </form>
        ) : null}
        {e.service ? (
          <div className="button-row">
            {e.service.retiredAt ? <PostButton action={href(`/tjenester/${slug}/gjeninnfor`)} label={s.reinstate} /> : <PostButton action={href(`/tjenester/${slug}/avvikle`)} label={s.retire} />}
          </div>
        ) : null}
      </Section>
    </Layout>
  );
}

/** Every section of the form, generated from the schema, and the save button. */
function FormSections({ values, errors, choices }: { values: FormValues; errors: Errors; choices: FormChoices }) {
  const { t } = usePage();
  const s = t.serviceEditing;
  return (
    <>
      {SECTIONS.map((sec) => (
        <Section key={sec.key} title={s.sections[sec.key as keyof typeof s.sections]} id={`section-${sec.key}`}>
          <SchemaSection keys={sec.fields} values={values} errors={errors} choices={choices} />
        </Section>
      ))}
      <Button type="submit" variant="primary">
        {s.save}
      </Button>
    </>
  );
}

function NewPage(props: { providers: { value: string; label: string }[]; values: FormValues; errors: Errors; choices: FormChoices }) {
  const { t } = usePage();
  const href = useHref();
  const s = t.serviceEditing;
  const labelOf = (f: string) => s.fields[f.replace(/\.\d+/g, '').replace(/\.(nb|nn|en)$/, '')] ?? f;
  const e = Object.fromEntries(props.errors.map((x) => [x.field, x.message]));
  const v = (k: string) => [props.values[k]].flat()[0];
  return (
    <Layout title={s.newTitle} section="services">
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: t.nav.services, href: href('/tjenester') }, { label: s.newTitle }]} />
      <PageHeader title={s.newTitle} lead={s.newLead} />
      <ErrorSummary errors={props.errors.map((x) => ({ field: x.field, message: `${labelOf(x.field)}: ${x.message}` }))} fieldId={fieldId} />
      <form method="post" action={href('/tjenester/ny')} className="stack-form service-edit-form" noValidate>
        <CsrfField />
        <SelectField id="f-provider" name="provider" label={s.newFor} value={v('provider')} error={e.provider} options={props.providers} />
        <FormSections values={props.values} errors={props.errors} choices={props.choices} />
      </form>
    </Layout>
  );
}

function PreviewPage({ slug, doc }: { slug: string; doc: ServiceDocument }) {
  const { t } = usePage();
  const href = useHref();
  const text = useText();
  const s = t.serviceEditing;
  const name = text(doc.name);
  return (
    <Layout title={s.previewTitle(name)} section="services">
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: t.nav.services, href: href('/tjenester') }, { label: s.edit, href: href(`/tjenester/${slug}/rediger`) }, { label: s.preview }]} />
      <Alert data-color="warning" className="page-alert">
        {s.previewNotice}
      </Alert>
      <PageHeader title={name} lead={text(doc.summary)} />
      <Section title={t.service.about} id="about">
        <Paragraph>{text(doc.description)}</Paragraph>
        <DocumentFacts doc={doc} />
      </Section>
      <a href={href(`/tjenester/${slug}/rediger`)}>{s.edit}</a>
    </Layout>
  );
}

/** Every field of a document as a definition list (preview, and a version in the history). */
function DocumentFacts({ doc }: { doc: ServiceDocument }) {
  const { t } = usePage();
  const s = t.serviceEditing;
  return (
    <DefinitionList
      items={SECTIONS.flatMap((sec) => sec.fields)
        .filter((f) => !['name', 'summary', 'description'].includes(f))
        .map((f) => ({ term: s.fields[f] ?? f, value: <FieldValue value={(doc as unknown as Record<string, unknown>)[f]} /> }))}
    />
  );
}

/** A field's value in words: text in the reader's language where it is localized, lists joined, nothing as "–". */
function FieldValue({ value }: { value: unknown }) {
  const { lang, t } = usePage();
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return <span className="muted">–</span>;
  if (typeof value === 'object' && !Array.isArray(value) && 'nb' in (value as object)) {
    const v = value as Record<string, string>;
    return <span>{v[lang] || v.nb}</span>;
  }
  if (typeof value === 'boolean') return <span>{value ? t.serviceEditing.yes : t.serviceEditing.none}</span>;
  if (typeof value === 'object') {
    return <code className="field-json">{JSON.stringify(value)}</code>;
  }
  return <span>{String(value)}</span>;
}

function HistoryPage({ slug, list, from, to, comparison }: { slug: string; list: NonNullable<Awaited<ReturnType<typeof serviceVersionList>>>; from: number | undefined; to: number | undefined; comparison: FieldChange[] | undefined }) {
  const { t, fmt } = usePage();
  const href = useHref();
  const text = useText();
  const s = t.serviceEditing;
  const h = s.history;
  const name = text(list.service.name);
  const labelOf = (f: string) => {
    const base = f.replace(/\.\d+/g, '');
    const lang = base.match(/\.(nb|nn|en)$/)?.[1];
    const label = s.fields[base.replace(/\.(nb|nn|en)$/, '')] ?? f;
    return lang ? `${label} (${s.language[lang]})` : label;
  };
  const numbers = list.versions.map((v) => ({ value: String(v.number), label: h.version(v.number) }));
  return (
    <Layout title={h.title(name)} section="services">
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: t.nav.services, href: href('/tjenester') }, { label: name, href: href(`/tjenester/${slug}`) }, { label: h.link }]} />
      <PageHeader title={h.title(name)} lead={h.lead} />
      <Section title={h.count(list.versions.length)} id="versions">
        <PlainTable columns={[h.version(0).replace(/\s*0$/, ''), h.when, h.by, h.fields]}>
          {list.versions.map((v) => (
            <tr key={v.number}>
              <th scope="row">{v.number}</th>
              <td>{fmt.dateTime(v.publishedAt)}</td>
              <td>{publishedBy(v, h.baseline)}</td>
              <td>{v.changedFields.length ? v.changedFields.map(labelOf).join(', ') : '–'}</td>
            </tr>
          ))}
        </PlainTable>
        {list.versions.length === 1 ? <Paragraph>{h.none}</Paragraph> : null}
      </Section>
      {list.versions.length > 1 ? (
        <Section title={h.compare} id="compare">
          <form method="get" action={href(`/tjenester/${slug}/historikk`)} className="inline-form compare-form">
            <SelectField id="f-fra" name="fra" label={h.compareFrom} value={String(from ?? list.versions[1]!.number)} options={numbers} />
            <SelectField id="f-til" name="til" label={h.compareTo} value={String(to ?? list.versions[0]!.number)} options={numbers} />
            <Button type="submit" variant="secondary">
              {h.compare}
            </Button>
          </form>
          {comparison && from && to ? (
            <>
              <Heading level={3} data-size="xs">
                {h.compareTitle(from, to)}
              </Heading>
              {comparison.length === 0 ? (
                <Paragraph>{h.noDifference}</Paragraph>
              ) : (
                <PlainTable columns={[h.field, h.before, h.after]}>
                  {comparison.map((c) => (
                    <tr key={c.field}>
                      <th scope="row">{labelOf(c.field)}</th>
                      <td>
                        <FieldValue value={c.before} />
                      </td>
                      <td>
                        <FieldValue value={c.after} />
                      </td>
                    </tr>
                  ))}
                </PlainTable>
              )}
            </>
          ) : null}
        </Section>
      ) : null}
    </Layout>
  );
}
