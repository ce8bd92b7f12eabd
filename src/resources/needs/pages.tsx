import { Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ReactNode } from 'react';
import { Type } from 'typebox';
import type { LocalizedText } from '../../domain/catalogue.js';
import { NEED_STATUSES, NEED_URGENCIES, NEED_VISIBILITIES, type NeedStatus } from '../../domain/collaboration.js';
import { formatOrgnr } from '../../domain/orgnr.js';
import { SIZE_CLASSES, type SizeThresholds } from '../../domain/sizeClass.js';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { ChoiceField, JsonLink, DataTable, OrgLink, PageHeader, Section, SelectField, TextAreaField, TextField } from '../../web/components.js';
import { AboutSection, TwoColumns } from '../../web/components/about.js';
import { ListOrNone } from '../../web/components/lists.js';
import { LinkParagraph, TextLink } from '../../web/components/links.js';
import { Text, usePage, useHref } from '../../web/context.js';
import { usePageKit } from '../../web/pageKit.js';
import { errorMap, type Errors, ErrorSummary, FormBody, type FormValues, Notice, OkQuery, one, PostForm, useFormPage } from '../../web/forms.js';
import { messages } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { prefix, sendPage } from '../../web/render.js';
import { actorOf } from '../../server/actor.js';
import { sizeClassText } from '../agencies/sizeClassText.js';
import { actingAgencies, agencyOfForm, CodeTag, CollabBreadcrumbs, submitForm } from '../collaboration/components.js';
import { CollabFormPage } from '../collaboration/formPage.js';
import { CollabListLayout, ListFilter } from '../collaboration/listPage.js';
import { placeOf } from '../networks/pages.js';
import { dropEmptyQueryValues } from '../shared/schema.js';
import { registerNeed, setNeedStatus, updateNeed } from './commands.js';
import { mayNeed } from './policy.js';
import { areaList, getNeed, listNeeds, matchesFor, type NeedMatches, type NeedRow } from './queries.js';
import { mayReadNeed, needAggregate, type NeedAggregate, needScope } from './routes.js';
import { parseNeedInput, parseNeedStatus } from './schema.js';
import { agencyScopes } from '../../domain/principal.js';
import { SmallGroupsNotice } from '../../web/smallGroupsNotice.js';

const IdParams = Type.Object({ id: Type.String({ maxLength: 60 }) });
type Area = { slug: string; name: LocalizedText };
type Agency = { orgnr: string; name: LocalizedText };

export async function registerNeedPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const thresholds = deps.config.sizeThresholds;
  const t = (req: FastifyRequest) => messages[req.lang];

  app.get('/behov', { preValidation: dropEmptyQueryValues, schema: { hide: true, querystring: Type.Object({ area: Type.Optional(Type.String({ maxLength: 80 })) }) } }, async (req, reply) => {
    const scope = needScope(req.principal);
    if (!scope || !req.principal) throw new HttpProblem(401, t(req).access.signInRequired);
    const mine = agencyScopes(req.principal);
    const [acting, own, shared, areas] = await Promise.all([
      actingAgencies(db, req.principal),
      mine.length ? listNeeds(db, { scope: { all: false, agencyOrgnrs: mine, ministryOrgnrs: [], shared: false } }) : Promise.resolve([]),
      listNeeds(db, { scope: { all: false, agencyOrgnrs: [], ministryOrgnrs: [], shared: true }, status: 'open', area: req.query.area }),
      areaList(db),
    ]);
    return sendPage(
      req,
      reply,
      <NeedsPage acting={acting} own={own} shared={shared.filter((n) => !mine.includes(n.agencyOrgnr))} areas={areas} area={req.query.area} aggregate={mayNeed(req.principal, 'aggregate')} />,
    );
  });

  const form = async (req: FastifyRequest, reply: FastifyReply, state: { need?: NeedRow; values: FormValues; errors: Errors }) => {
    if (!req.principal) throw new HttpProblem(401, t(req).access.signInRequired);
    const acting = await actingAgencies(db, req.principal);
    if (!state.need && acting.length === 0 && !mayNeed(req.principal, 'register', { agencyOrgnr: one(state.values.virksomhet) ?? '', agencyMinistryOrgnr: null, visibility: 'restricted' })) {
      throw new HttpProblem(403, t(req).need.errors.agencyEditorsOnly);
    }
    return sendPage(req, reply, <NeedFormPage acting={acting} areas={await areaList(db)} {...state} />, state.errors.length ? 400 : 200);
  };
  const load = async (req: FastifyRequest, id: string) => {
    if (!req.principal) throw new HttpProblem(401, t(req).access.signInRequired);
    const n = await getNeed(db, id);
    if (!n) throw new HttpProblem(404, t(req).need.errors.unknown);
    if (!mayReadNeed(req.principal, n)) throw new HttpProblem(403, t(req).need.errors.notShared);
    return n;
  };
  const editable = (req: FastifyRequest, n: NeedRow) => mayNeed(req.principal, 'edit', { agencyOrgnr: n.agencyOrgnr, agencyMinistryOrgnr: n.agency.ministryOrgnr, visibility: n.visibility });

  app.get('/behov/ny', { schema: { hide: true, querystring: Type.Object({ virksomhet: Type.Optional(Type.String({ maxLength: 20 })), area: Type.Optional(Type.String({ maxLength: 80 })) }) } }, async (req, reply) =>
    form(req, reply, { values: { virksomhet: req.query.virksomhet ?? '', area: req.query.area ?? '', urgency: 'medium', visibility: 'agencies' }, errors: [] }),
  );
  app.post('/behov/ny', { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const body = req.body as FormValues;
    return submitForm(
      reply,
      async () => `${prefix(req)}/behov/${await registerNeed(db, actorOf(req, deps), agencyOfForm(req, one(body.virksomhet)), parseNeedInput(body, req.lang), req.lang)}?ok=registered`,
      (errors) => form(req, reply, { values: body, errors }),
    );
  });

  app.get('/behov/samlet', { schema: { hide: true, querystring: Type.Object({}) } }, async (req, reply) => {
    if (!req.principal) throw new HttpProblem(401, t(req).access.signInRequired);
    if (!mayNeed(req.principal, 'aggregate')) throw new HttpProblem(403, t(req).need.errors.aggregateOnly);
    return sendPage(req, reply, <AggregatePage data={await needAggregate(deps, req.lang)} thresholds={thresholds} />);
  });

  app.get('/behov/:id', { schema: { hide: true, params: IdParams, querystring: OkQuery } }, async (req, reply) => {
    const n = await load(req, req.params.id);
    return sendPage(req, reply, <NeedPage n={n} matches={await matchesFor(db, n, thresholds)} edit={editable(req, n)} ok={req.query.ok} />);
  });

  app.get('/behov/:id/endre', { schema: { hide: true, params: IdParams, querystring: Type.Object({}) } }, async (req, reply) => {
    const n = await load(req, req.params.id);
    if (!editable(req, n)) throw new HttpProblem(403, t(req).access.notYourAgency(formatOrgnr(n.agencyOrgnr)));
    const values = { area: n.areaSlug, title: n.title, description: n.description, urgency: n.urgency, visibility: n.visibility, contactName: n.contactName ?? '', contactEmail: n.contactEmail ?? '' };
    return form(req, reply, { need: n, values, errors: [] });
  });
  app.post('/behov/:id/endre', { schema: { hide: true, params: IdParams, body: FormBody } }, async (req, reply) => {
    const n = await load(req, req.params.id);
    const body = req.body as FormValues;
    return submitForm(
      reply,
      async () => {
        await updateNeed(db, actorOf(req, deps), n.id, parseNeedInput(body, req.lang), req.lang);
        return `${prefix(req)}/behov/${n.id}?ok=updated`;
      },
      (errors) => form(req, reply, { need: n, values: body, errors }),
    );
  });
  app.post('/behov/:id/status', { schema: { hide: true, params: IdParams, body: FormBody } }, async (req, reply) => {
    const n = await load(req, req.params.id);
    const body = req.body as FormValues;
    try {
      const outcome = await setNeedStatus(db, actorOf(req, deps), n.id, parseNeedStatus(body, req.lang), req.lang);
      return reply.redirect(`${prefix(req)}/behov/${n.id}?ok=${outcome === 'unchanged' ? 'unchanged' : one(body.status)}`, 303);
    } catch (e) {
      if (e instanceof HttpProblem && e.status === 400) {
        return sendPage(req, reply, <NeedPage n={n} matches={await matchesFor(db, n, thresholds)} edit statusErrors={e.extra.errors ?? []} />, 400);
      }
      throw e;
    }
  });
}

const URGENCY_COLOR = { high: 'danger', medium: 'warning', low: 'neutral' } as const;
const STATUS_COLOR = { open: 'info', met: 'success', withdrawn: 'neutral' } as const;

export function NeedTags({ n }: { n: Pick<NeedRow, 'urgency' | 'status' | 'visibility'> }) {
  const { t } = usePage();
  return (
    <span className="tag-row tag-row--inline">
      <CodeTag label={t.need.status[n.status]} color={STATUS_COLOR[n.status]} />
      {n.status === 'open' ? <CodeTag label={t.need.urgency[n.urgency]} color={URGENCY_COLOR[n.urgency]} /> : null}
      {n.visibility === 'restricted' ? <CodeTag label={t.need.visibility.restricted} /> : null}
    </span>
  );
}

/** A need's matches in the catalogue (services, networks): a section of name links, each followed by what it says. */
function LinkMatches<T extends { slug: string; name: LocalizedText }>({
  title,
  id,
  none,
  items,
  path,
  children,
}: {
  title: string;
  id: string;
  none: string;
  items: readonly T[];
  path: (item: T) => string;
  children: (item: T) => ReactNode;
}) {
  return (
    <Section title={title} id={id}>
      <ListOrNone items={items} none={none} keyOf={(x) => x.slug}>
        {(x) => (
          <>
            <TextLink path={path(x)} value={x.name} /> {children(x)}
          </>
        )}
      </ListOrNone>
    </Section>
  );
}

function NeedsPage({ acting, own, shared, areas, area, aggregate }: { acting: Agency[]; own: NeedRow[]; shared: NeedRow[]; areas: Area[]; area?: string | undefined; aggregate: boolean }) {
  const { t, fmt, href, text } = usePageKit();
  return (
    <CollabListLayout title={t.need.title} lead={t.need.lead} action={{ href: href('/behov/ny'), label: t.need.register, show: !!acting.length }}>
      {aggregate ? (
        <LinkParagraph path="/behov/samlet" label={t.need.aggregateLink} />
      ) : null}
      {acting.length ? (
        <Section title={t.need.yours} id="own">
          {own.length === 0 ? (
            <Paragraph>{t.need.noneYours}</Paragraph>
          ) : (
            <DataTable caption={t.need.yours} captionHidden columns={[t.need.need, t.common.area, t.need.agency, t.need.registered]}>
              {own.map((n) => (
                <tr key={n.id}>
                  <th scope="row">
                    <a href={href(`/behov/${n.id}`)}>{n.title}</a> <NeedTags n={n} />
                  </th>
                  <td>
                    <Text value={n.area.name} />
                  </td>
                  <td>
                    <Text value={n.agency.name} />
                  </td>
                  <td className="nowrap">{fmt.date(n.createdAt)}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </Section>
      ) : null}
      <Section title={t.need.shared} id="shared">
        <Paragraph>{t.need.sharedLead}</Paragraph>
        <ListFilter action={href('/behov')} label={t.need.filter}>
          <SelectField id="f-area" name="area" label={t.common.area} value={area ?? ''} options={[{ value: '', label: t.network.allAreas }, ...areas.map((a) => ({ value: a.slug, label: text(a.name) }))]} />
        </ListFilter>
        <ListOrNone items={shared} none={t.need.noneShared} keyOf={(n) => n.id}>
          {(n) => (
            <>
              <a href={href(`/behov/${n.id}`)}>{n.title}</a> <NeedTags n={n} />
              <span className="block muted">
                {text(n.agency.name)} · {text(n.area.name)} · {fmt.date(n.createdAt)}
              </span>
            </>
          )}
        </ListOrNone>
      </Section>
    </CollabListLayout>
  );
}

function NeedFormPage({ acting, areas, need, values, errors }: { acting: Agency[]; areas: Area[]; need?: NeedRow | undefined; values: FormValues; errors: Errors }) {
  const { t, user, href, text, e, v, field } = useFormPage(values, errors);
  const title = need ? t.need.editTitle : t.need.register;
  return (
    <CollabFormPage title={title} lead={t.need.formLead} crumbs={[{ label: t.need.title, href: href('/behov') }, ...(need ? [{ label: need.title, href: href(`/behov/${need.id}`) }] : []), { label: title }]} errors={errors} action={need ? href(`/behov/${need.id}/endre`) : href('/behov/ny')} submit={need ? t.network.save : t.need.registerButton}>
      {need ? null : acting.length > 1 ? (
        <SelectField {...field('virksomhet')} label={t.need.agency} options={acting.map((a) => ({ value: a.orgnr, label: text(a.name) }))} />
      ) : acting.length === 1 ? (
        <>
          <input type="hidden" name="virksomhet" value={acting[0]!.orgnr} />
          <Paragraph>{t.need.forAgency(text(acting[0]!.name))}</Paragraph>
        </>
      ) : (
        <TextField {...field('virksomhet')} label={t.common.orgnr} inputMode="numeric" maxLength={11} />
      )}
      <SelectField {...field('area')} label={t.common.area} options={[{ value: '', label: t.need.chooseArea }, ...areas.map((a) => ({ value: a.slug, label: text(a.name) }))]} />
      <TextField id="f-title" name="title" label={t.need.titleLabel} description={t.need.titleHelp} value={v('title')} error={e.title} maxLength={200} />
      <TextAreaField id="f-description" name="description" label={t.need.description} description={t.need.descriptionHelp} value={v('description')} error={e.description} maxLength={4000} />
      <ChoiceField {...field('urgency')} legend={t.need.urgencyLabel} options={NEED_URGENCIES.map((u) => ({ value: u, label: t.need.urgencyLong[u] }))} />
      <ChoiceField {...field('visibility')} legend={t.need.visibilityLabel} options={NEED_VISIBILITIES.map((x) => ({ value: x, label: t.need.visibilityLong[x] }))} />
      <TextField id="f-contactName" name="contactName" label={t.need.contactName} value={v('contactName') ?? (need ? '' : user?.name)} maxLength={120} autoComplete="name" />
      <TextField id="f-contactEmail" name="contactEmail" type="email" label={t.need.contactEmail} description={t.need.contactEmailHelp} value={v('contactEmail')} error={e.contactEmail} maxLength={254} autoComplete="email" />
    </CollabFormPage>
  );
}

function NeedPage({ n, matches, edit, ok, statusErrors = [] }: { n: NeedRow; matches: NeedMatches; edit: boolean; ok?: string | undefined; statusErrors?: Errors }) {
  const { t, fmt, href, text } = usePageKit();
  return (
    <Layout title={n.title} section="collaboration">
      <CollabBreadcrumbs items={[{ label: t.need.title, href: href('/behov') }, { label: n.title }]} />
      <PageHeader title={n.title} lead={<OrgLink org={n.agency} />}>
        <NeedTags n={n} />
      </PageHeader>
      <Notice text={ok ? (t.need.done as Record<string, string>)[ok] : undefined} />
      <TwoColumns
        side={edit ? (
          <aside className="two-col__side" aria-labelledby="status-heading">
            <div className="action-card">
              <Heading level={2} data-size="xs" id="status-heading">
                {t.need.changeStatus}
              </Heading>
              <ErrorSummary errors={statusErrors} />
              <PostForm action={href(`/behov/${n.id}/status`)}>
                <ChoiceField id="f-status" name="status" legend={t.need.statusLabel} value={n.status} options={NEED_STATUSES.map((s: NeedStatus) => ({ value: s, label: t.need.statusAction[s] }))} error={errorMap(statusErrors).status} />
                <SelectField
                  id="f-service"
                  name="service"
                  label={t.need.metByService}
                  value={n.metByService?.slug ?? ''}
                  error={errorMap(statusErrors).service}
                  options={[{ value: '', label: t.common.none }, ...matches.services.map((s) => ({ value: s.slug, label: text(s.name) }))]}
                />
                <SelectField id="f-network" name="network" label={t.need.metByNetwork} value={n.metByNetwork?.slug ?? ''} options={[{ value: '', label: t.common.none }, ...matches.networks.map((x) => ({ value: x.slug, label: text(x.name) }))]} />
                <TextAreaField id="f-resolution" name="resolution" label={t.need.resolution} value={n.resolution ?? ''} error={errorMap(statusErrors).resolution} maxLength={2000} rows={3} />
                <Button type="submit" variant="secondary">
                  {t.need.saveStatus}
                </Button>
              </PostForm>
            </div>
          </aside>
        ) : null}
      >
        <AboutSection
          title={t.need.about}
          description={<p className="prewrap">{n.description}</p>}
          facts={[
            { term: t.common.area, value: <a href={href(`/omrader/${n.area.slug}`)}><Text value={n.area.name} /></a> },
            { term: t.need.urgencyLabel, value: t.need.urgencyLong[n.urgency] },
            { term: t.need.visibilityLabel, value: t.need.visibilityLong[n.visibility] },
            { term: t.need.registered, value: fmt.date(n.createdAt) },
            ...(n.contactName || n.contactEmail
              ? [{ term: t.common.contact, value: <>{n.contactName ? <span className="block">{n.contactName}</span> : null}{n.contactEmail ? <a href={`mailto:${n.contactEmail}`}>{n.contactEmail}</a> : null}</> }]
              : []),
            ...(n.status !== 'open'
              ? [{ term: t.need.statusLabel, value: <>{t.need.status[n.status]}{n.closedAt ? ` (${fmt.date(n.closedAt)})` : ''}{n.metByService ? <> – <a href={href(`/tjenester/${n.metByService.slug}`)}><Text value={n.metByService.name} /></a></> : null}{n.metByNetwork ? <> – <a href={href(`/nettverk/${n.metByNetwork.slug}`)}><Text value={n.metByNetwork.name} /></a></> : null}{n.resolution ? <span className="block">{n.resolution}</span> : null}</> }]
              : []),
          ]}
        >
          {edit ? (
            <LinkParagraph path={`/behov/${n.id}/endre`} label={t.need.edit} />
          ) : null}
        </AboutSection>
        <Section title={t.need.similar} id="similar">
          <Paragraph>{t.need.similarLead}</Paragraph>
          <ListOrNone items={matches.similar} none={t.need.noSimilar} as="ol" className="match-list" keyOf={(m) => m.need.id}>
            {(m) => (
              <>
                <a href={href(`/behov/${m.need.id}`)}>{m.need.title}</a> <NeedTags n={m.need} />
                <span className="block">
                  <OrgLink org={m.need.agency} /> · {[m.need.agency.municipalityName, m.need.agency.countyName].filter(Boolean).join(', ')}
                </span>
                <span className="block muted">
                  {t.need.score(m.score)}
                  {m.reasons.length ? `: ${m.reasons.map((r) => t.need.reason[r]).join(', ')}` : ''}
                </span>
              </>
            )}
          </ListOrNone>
        </Section>
        <LinkMatches title={t.need.services} id="services" none={t.need.noServices} items={matches.services} path={(s) => `/tjenester/${s.slug}`}>
          {(s) => (
            <>
              {s.inUse ? <CodeTag label={t.need.inUse} color="success" /> : null}
              {s.eligibility === 'unknown' ? <CodeTag label={t.need.askProvider} color="warning" /> : null}
              <span className="block muted">
                <Text value={s.provider.name} />
              </span>
            </>
          )}
        </LinkMatches>
        <LinkMatches title={t.need.networks} id="networks" none={t.need.noNetworks} items={matches.networks} path={(x) => `/nettverk/${x.slug}`}>
          {(x) => (
            <>
              <CodeTag label={t.network.kind[x.kind]} color="info" />
              <span className="block muted">{[placeOf(x), t.network.members(x.memberCount)].filter(Boolean).join(' · ')}</span>
            </>
          )}
        </LinkMatches>
      </TwoColumns>
    </Layout>
  );
}

function AggregatePage({ data, thresholds }: { data: NeedAggregate; thresholds: SizeThresholds }) {
  const { t } = usePage();
  const href = useHref();
  return (
    <Layout title={t.need.aggregateTitle} section="collaboration">
      <CollabBreadcrumbs items={[{ label: t.need.title, href: href('/behov') }, { label: t.need.aggregateTitle }]} />
      <PageHeader title={t.need.aggregateTitle} lead={t.need.aggregateLead} />
      {data.rows.length === 0 ? (
        <Paragraph>{t.need.noneOpen}</Paragraph>
      ) : data.tooFew ? null : (
        <div className="table-scroll">
          <DataTable caption={t.need.aggregateCaption} columns={[t.common.area, ...data.sizeClasses.map((c) => c.name), t.need.total, t.need.urgent, t.need.agencies]}>
            {data.rows.map((r) => (
              <CountsRow key={r.area.slug} head={<a href={href(`/omrader/${r.area.slug}`)}>{r.area.name}</a>} row={r} />
            ))}
            <CountsRow head={t.need.total} row={data.totals} className="total-row" />
          </DataTable>
        </div>
      )}
      <SmallGroupsNotice />
      <SizeLegend thresholds={thresholds} />
      <JsonLink href="/api/v1/needs/aggregate" />
    </Layout>
  );
}

/** One row of the aggregate: counts per size class, the total, the urgent ones and the agencies. */
function CountsRow({ head, row, className }: { head: ReactNode; row: Omit<NeedAggregate['totals'], never>; className?: string }) {
  const { fmt } = usePage();
  // A hidden figure (fewer than 5 agencies) reads "–", as in the statistics.
  const shown = (n: number | null) => (n === null ? '–' : fmt.number(n));
  return (
    <tr className={className}>
      <th scope="row">{head}</th>
      {SIZE_CLASSES.map((c) => (
        <td key={c} className="num">
          {shown(row.counts[c])}
        </td>
      ))}
      <td className="num">
        <strong>{shown(row.total)}</strong>
      </td>
      <td className="num">{shown(row.urgent)}</td>
      <td className="num">{shown(row.agencies)}</td>
    </tr>
  );
}

/** What the size classes mean under the configured thresholds. */
export function SizeLegend({ thresholds }: { thresholds: SizeThresholds }) {
  const { t } = usePage();
  return (
    <Paragraph data-size="sm" className="muted">
      {t.need.sizeLegend}: {SIZE_CLASSES.filter((c) => c !== 'unknown').map((c) => sizeClassText(t, c, thresholds)).join('; ')}.
    </Paragraph>
  );
}
