import { Heading, Paragraph } from '@digdir/designsystemet-react';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';
import { type Language, type LocalizedText, pickText } from '../../domain/catalogue.js';
import { NETWORK_KINDS } from '../../domain/collaboration.js';
import { isAdmin } from '../../domain/principal.js';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { ChoiceField, FactsAside, JsonLink, LinkCard, OrgLink, PageHeader, queryString, Section, SelectField, SourceNote, TextAreaField, TextField } from '../../web/components.js';
import { AboutSection, TwoColumns } from '../../web/components/about.js';
import { StatDownloads } from '../../web/export/StatTableView.js';
import { type StatTable, tableOf } from '../../web/export/table.js';
import { registerTableDownloads } from '../shared/tableDownloads.js';
import { Text } from '../../web/context.js';
import { usePageKit } from '../../web/pageKit.js';
import { type Errors, FormBody, type FormValues, Notice, OkQuery, one, PostButton, useFormPage } from '../../web/forms.js';
import { messages } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { prefix, sendPage } from '../../web/render.js';
import { actorOf } from '../../server/actor.js';
import { actingAgencies, CodeTag, CollabBreadcrumbs, submitForm } from '../collaboration/components.js';
import { CollabFormPage } from '../collaboration/formPage.js';
import { CollabListLayout, ListFilter, ResultCount } from '../collaboration/listPage.js';
import { LinkParagraph, LinkSeries, OrgList } from '../../web/components/links.js';
import { counties, municipalities } from '../shared/places.js';
import { dropEmptyQueryValues, enumOf } from '../shared/schema.js';
import { createNetwork, joinNetwork, leaveNetwork, updateNetwork } from './commands.js';
import { mayCreateSomeNetwork, mayNetwork } from './policy.js';
import { getNetwork, listNetworks, type NetworkDetail, type NetworkRow } from './queries.js';
import { parseNetworkInput } from './schema.js';
import { areaOptions, editableProviders, ministryOptions } from '../shared/queries.js';
import { FollowButton } from '../../web/follow.js';
import { isFollowing } from '../follows/queries.js';
import { networkServiceOptions } from './queries.js';

const ListQuery = Type.Object({
  kind: Type.Optional(enumOf(NETWORK_KINDS)),
  area: Type.Optional(Type.String({ maxLength: 80 })),
  county: Type.Optional(Type.String({ maxLength: 60 })),
});
const SlugParams = Type.Object({ slug: Type.String({ maxLength: 120 }) });

/** What the create and edit forms choose from. */
async function formChoices(deps: AppDeps, req: FastifyRequest) {
  const { db } = deps.database;
  const p = req.principal;
  const [areaRows, providerRows, ministryRows, serviceRows] = await Promise.all([
    areaOptions(db),
    editableProviders(db, p),
    ministryOptions(db),
    networkServiceOptions(db),
  ]);
  return { areas: areaRows, providers: providerRows, ministries: ministryRows, services: serviceRows, admin: isAdmin(p) };
}
type Choices = Awaited<ReturnType<typeof formChoices>>;

export async function registerNetworkPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;

  registerTableDownloads(app, '/nettverk', { querystring: ListQuery }, async (req) => ({
    tables: [networkTable(await listNetworks(db, req.query as Static<typeof ListQuery>), req.lang)],
    fileName: () => 'nettverk',
  }));

  app.get('/nettverk', { config: { publicPage: true }, preValidation: dropEmptyQueryValues, schema: { hide: true, querystring: ListQuery } }, async (req, reply) => {
    const [rows, areaRows] = await Promise.all([listNetworks(db, req.query), areaOptions(db)]);
    return sendPage(req, reply, <NetworkListPage rows={rows} filter={req.query} areas={areaRows} mayCreate={mayCreateSomeNetwork(req.principal)} />);
  });

  const form = async (req: FastifyRequest, reply: FastifyReply, state: { network?: NetworkDetail; values: FormValues; errors: Errors }) => {
    const t = messages[req.lang];
    if (!req.principal) throw new HttpProblem(401, t.access.signInRequired);
    const allowed = state.network ? mayNetwork(req.principal, 'edit', { facilitatorProviderId: state.network.facilitator?.id ?? null }) : mayCreateSomeNetwork(req.principal);
    if (!allowed) throw new HttpProblem(403, t.access.notYourProvider, { roles: ['provider_editor', 'admin'] });
    return sendPage(req, reply, <NetworkFormPage choices={await formChoices(deps, req)} {...state} />, state.errors.length ? 400 : 200);
  };
  const load = async (req: FastifyRequest, slug: string) => {
    const n = await getNetwork(db, slug);
    if (!n) throw new HttpProblem(404, messages[req.lang].network.errors.unknown(slug));
    return n;
  };
  /** A posted form: run the command and go to the network (PRG), or show the form again with the errors. */
  const submit = async (req: FastifyRequest, reply: FastifyReply, network: NetworkDetail | undefined) => {
    const body = req.body as FormValues;
    return submitForm(
      reply,
      async () => {
        const input = parseNetworkInput(body, req.lang);
        const slug = network ? await updateNetwork(db, actorOf(req, deps), network.slug, input, req.lang) : await createNetwork(db, actorOf(req, deps), input, req.lang);
        return `${prefix(req)}/nettverk/${slug}?ok=${network ? 'updated' : 'created'}`;
      },
      (errors) => form(req, reply, { network, values: body, errors }),
    );
  };

  app.get('/nettverk/ny', { schema: { hide: true, querystring: Type.Object({}) } }, async (req, reply) => form(req, reply, { values: {}, errors: [] }));
  app.post('/nettverk/ny', { schema: { hide: true, body: FormBody } }, async (req, reply) => submit(req, reply, undefined));
  app.get('/nettverk/:slug/rediger', { schema: { hide: true, params: SlugParams, querystring: Type.Object({}) } }, async (req, reply) => {
    const n = await load(req, req.params.slug);
    return form(req, reply, { network: n, values: valuesOf(n), errors: [] });
  });
  app.post('/nettverk/:slug/rediger', { schema: { hide: true, params: SlugParams, body: FormBody } }, async (req, reply) => submit(req, reply, await load(req, req.params.slug)));

  app.get('/nettverk/:slug', { config: { publicPage: true }, schema: { hide: true, params: SlugParams, querystring: OkQuery } }, async (req, reply) => {
    const n = await load(req, req.params.slug);
    const manage = mayNetwork(req.principal, 'edit', { facilitatorProviderId: n.facilitator?.id ?? null });
    const follow = req.principal?.kind === 'user' ? await isFollowing(db, req.principal.id, 'network', n.id) : undefined;
    return sendPage(req, reply, <NetworkPage n={n} acting={await actingAgencies(db, req.principal)} manage={manage} ok={req.query.ok} following={follow?.following} />);
  });

  const membership = (path: string, run: typeof joinNetwork | typeof leaveNetwork) =>
    app.post(path, { schema: { hide: true, params: SlugParams, body: FormBody } }, async (req, reply) => {
      const body = req.body as FormValues;
      const n = await load(req, req.params.slug);
      const orgnr = one(body.virksomhet) ?? '';
      const outcome = await run(db, actorOf(req, deps), n.slug, orgnr, req.lang);
      return reply.redirect(`${prefix(req)}/nettverk/${n.slug}?ok=${outcome}#members`, 303);
    });
  membership('/nettverk/:slug/bli-med', joinNetwork);
  membership('/nettverk/:slug/forlat', leaveNetwork);
}

/** A network's fields as the form shows them. */
function valuesOf(n: NetworkDetail): FormValues {
  return {
    name: n.name.nb,
    nameEn: n.name.en ?? '',
    kind: n.kind,
    description: n.description.nb,
    areas: n.areas.map((a) => a.slug),
    facilitator: n.facilitator?.slug ?? '',
    county: n.countyName ?? '',
    municipality: n.municipalityNumber ?? '',
    meetingPlace: n.meetingPlace ?? '',
    ministry: n.ministry?.orgnr ?? '',
    contactName: n.contactName ?? '',
    contactEmail: n.contactEmail ?? '',
    service: n.service?.slug ?? '',
  };
}

/** Where a network meets, in one line: "Statens hus, Leikanger · Sogndal, Vestland". */
export function placeOf(n: Pick<NetworkRow, 'meetingPlace' | 'municipalityName' | 'countyName'>): string {
  return [n.meetingPlace, [n.municipalityName, n.countyName].filter(Boolean).join(', ')].filter(Boolean).join(' · ');
}

/** The network list as a table, with the page's filters. */
function networkTable(rows: readonly NetworkRow[], lang: Language): StatTable {
  const t = messages[lang];
  const text = (v: LocalizedText) => pickText(v, lang).text;
  return tableOf<NetworkRow>(
    { id: 'nettverk', title: t.tables.networks },
    [
      { key: 'name', label: t.tables.name, type: 'text', value: (n) => text(n.name) },
      { key: 'kind', label: t.network.kindLabel, type: 'text', value: (n) => t.network.kind[n.kind] },
      { key: 'areas', label: t.tables.areas, type: 'text', value: (n) => n.areas.map((a) => text(a.name)).join(', ') || null },
      { key: 'place', label: t.tables.place, type: 'text', value: (n) => placeOf(n) || null },
      { key: 'facilitator', label: t.tables.facilitator, type: 'text', value: (n) => (n.facilitator ? text(n.facilitator.name) : null) },
      { key: 'members', label: t.tables.members, type: 'integer', value: (n) => n.memberCount },
    ],
    rows,
  );
}

function NetworkListPage({ rows, filter, areas: areaRows, mayCreate }: { rows: NetworkRow[]; filter: { kind?: string | undefined; area?: string | undefined; county?: string | undefined }; areas: { slug: string; name: LocalizedText }[]; mayCreate: boolean }) {
  const { t, href, text } = usePageKit();
  const filtered = !!(filter.kind || filter.area || filter.county);
  return (
    <CollabListLayout title={t.network.title} lead={t.network.lead} action={{ href: href('/nettverk/ny'), label: t.network.create, show: mayCreate }}>
      <ListFilter action={href('/nettverk')} label={t.network.filter}>
        <SelectField id="f-kind" name="kind" label={t.network.kindLabel} value={filter.kind ?? ''} options={[{ value: '', label: t.network.allKinds }, ...NETWORK_KINDS.map((k) => ({ value: k, label: t.network.kind[k] }))]} />
        <SelectField id="f-area" name="area" label={t.common.area} value={filter.area ?? ''} options={[{ value: '', label: t.network.allAreas }, ...areaRows.map((a) => ({ value: a.slug, label: text(a.name) }))]} />
        <SelectField id="f-county" name="county" label={t.network.county} value={filter.county ?? ''} options={[{ value: '', label: t.network.allCounties }, ...counties().map((c) => ({ value: c.name, label: c.name }))]} />
      </ListFilter>
      <ResultCount count={t.network.count(rows.length)} clearHref={filtered ? href('/nettverk') : undefined} />
      {rows.length === 0 ? <Paragraph>{t.network.none}</Paragraph> : null}
      <ul className="card-grid">
        {rows.map((n) => (
          <li key={n.slug}>
            <LinkCard href={href(`/nettverk/${n.slug}`)} title={<Text value={n.name} />} meta={[n.areas.map((a) => text(a.name)).join(', '), placeOf(n)].filter(Boolean).join(' · ')}>
              <div className="tag-row">
                <CodeTag label={t.network.kind[n.kind]} color="info" />
                <CodeTag label={t.network.members(n.memberCount)} />
              </div>
            </LinkCard>
          </li>
        ))}
      </ul>
      {rows.length > 0 ? <StatDownloads table={{ id: 'nettverk', title: t.tables.networks }} download={{ path: href('/nettverk'), query: queryString({ kind: filter.kind, area: filter.area, county: filter.county }) }} /> : null}
      <JsonLink href="/api/v1/networks" />
    </CollabListLayout>
  );
}

function NetworkPage({ n, acting, manage, ok, following }: { n: NetworkDetail; acting: { orgnr: string; name: LocalizedText }[]; manage: boolean; ok?: string | undefined; following?: boolean | undefined }) {
  const { t, fmt, user, href, text } = usePageKit();
  const name = text(n.name);
  return (
    <Layout title={name} section="collaboration" description={text(n.description)}>
      <CollabBreadcrumbs items={[{ label: t.network.title, href: href('/nettverk') }, { label: name }]} />
      <PageHeader title={name}>
        <div className="tag-row">
          <CodeTag label={t.network.kind[n.kind]} color="info" />
          <CodeTag label={t.network.members(n.memberCount)} />
        </div>
        <FollowButton type="network" id={n.id} following={following} />
      </PageHeader>
      <Notice text={ok ? (t.network.done as Record<string, string>)[ok] : undefined} />
      <TwoColumns
        side={
          <FactsAside
            title={t.common.facts}
            source={<SourceNote source={n.factSource as 'illustrative'} reference={n.sourceRef} />}
            items={[
              { term: t.network.facilitator, value: n.facilitator ? <a href={href(`/leverandorer/${n.facilitator.slug}`)}><Text value={n.facilitator.name} /></a> : t.network.noFacilitator },
              ...(n.contactName || n.contactEmail
                ? [{ term: t.common.contact, value: <>{n.contactName ? <span className="block">{n.contactName}</span> : null}{n.contactEmail ? <a href={`mailto:${n.contactEmail}`}>{n.contactEmail}</a> : null}</> }]
                : []),
              { term: t.common.lastChanged, value: fmt.date(n.updatedAt) },
            ]}
          >
            <JsonLink href={`/api/v1/networks/${n.slug}`} />
          </FactsAside>
        }
      >
        <AboutSection
          title={t.network.about}
          description={<Text value={n.description} as="p" />}
          facts={[
            { term: t.network.kindLabel, value: t.network.kind[n.kind] },
            {
              term: t.network.areas,
              value: <LinkSeries items={n.areas} path={(a) => `/omrader/${a.slug}`} />,
            },
            ...(placeOf(n) ? [{ term: t.network.place, value: placeOf(n) }] : []),
            ...(n.ministry ? [{ term: t.common.ministry, value: <OrgLink org={n.ministry} /> }] : []),
            ...(n.service ? [{ term: t.network.catalogueEntry, value: <a href={href(`/tjenester/${n.service.slug}`)}><Text value={n.service.name} /></a> }] : []),
          ]}
        />
        <Section title={t.network.memberList} id="members">
          {n.members.length === 0 ? <Paragraph>{t.network.noMembers}</Paragraph> : null}
          <OrgList orgs={n.members} className="link-list columns-list" note={(m) => <span className="muted">{t.network.memberSince(fmt.date(m.since))}</span>} />
          <Membership n={n} acting={acting} signedIn={!!user} />
          {manage ? <FacilitatorTools n={n} /> : null}
        </Section>
      </TwoColumns>
    </Layout>
  );
}

/** Join and leave buttons for the agencies the reader edits; the facilitator may edit and take members off. */
function Membership({ n, acting, signedIn }: { n: NetworkDetail; acting: { orgnr: string; name: LocalizedText }[]; signedIn: boolean }) {
  const { t, href, text } = usePageKit();
  if (!signedIn) {
    return (
      <Paragraph data-size="sm">
        <a href={`${href('/logg-inn')}?returnTo=${encodeURIComponent(href(`/nettverk/${n.slug}`))}`}>{t.network.signInToJoin}</a>
      </Paragraph>
    );
  }
  return (
    <>
      {acting.length > 0 ? (
        <div className="action-card">
          <Heading level={3} data-size="2xs">
            {t.network.yourAgencies}
          </Heading>
          <ul className="link-list">
            {acting.map((a) => {
              const member = n.members.some((m) => m.orgnr === a.orgnr);
              return (
                <li key={a.orgnr}>
                  <Text value={a.name} />{' '}
                  <PostButton
                    action={href(`/nettverk/${n.slug}/${member ? 'forlat' : 'bli-med'}`)}
                    label={member ? t.network.leave(text(a.name)) : t.network.join(text(a.name))}
                    variant={member ? 'tertiary' : 'primary'}
                    hidden={{ virksomhet: a.orgnr }}
                  />
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
    </>
  );
}

/** For the facilitator's editors and administrators: edit the network, take members off the list. */
function FacilitatorTools({ n }: { n: NetworkDetail }) {
  const { t, href, text } = usePageKit();
  return (
    <div className="action-card">
      <Heading level={3} data-size="2xs">
        {t.network.manage}
      </Heading>
      <LinkParagraph path={`/nettverk/${n.slug}/rediger`} label={t.network.edit} />
      {n.members.length > 0 ? (
        <details className="ds-details">
          <summary>{t.network.removeMembers}</summary>
          <ul className="link-list">
            {n.members.map((m) => (
              <li key={m.orgnr}>
                <PostButton action={href(`/nettverk/${n.slug}/forlat`)} label={t.network.remove(text(m.name))} variant="tertiary" hidden={{ virksomhet: m.orgnr }} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

function NetworkFormPage({ choices, network, values, errors }: { choices: Choices; network?: NetworkDetail | undefined; values: FormValues; errors: Errors }) {
  const { t, href, text, e, v, field } = useFormPage(values, errors);
  const title = network ? t.network.editTitle(text(network.name)) : t.network.create;
  const action = network ? href(`/nettverk/${network.slug}/rediger`) : href('/nettverk/ny');
  return (
    <CollabFormPage title={title} lead={t.network.formLead} crumbs={[{ label: t.network.title, href: href('/nettverk') }, ...(network ? [{ label: text(network.name), href: href(`/nettverk/${network.slug}`) }] : []), { label: network ? t.network.edit : t.network.create }]} errors={errors} action={action} submit={network ? t.network.save : t.network.createButton}>
      <TextField {...field('name')} label={t.network.name} maxLength={200} />
      <TextField id="f-nameEn" name="nameEn" label={t.network.nameEn} value={v('nameEn')} maxLength={200} />
      <SelectField {...field('kind')} label={t.network.kindLabel} options={NETWORK_KINDS.map((k) => ({ value: k, label: t.network.kind[k] }))} />
      <TextAreaField {...field('description')} label={t.network.description} maxLength={4000} />
      <ChoiceField id="f-areas" name="areas" legend={t.network.areas} multiple value={values.areas} error={e.areas} options={choices.areas.map((a) => ({ value: a.slug, label: text(a.name) }))} />
      <SelectField {...field('facilitator')} label={t.network.facilitator} options={[...(choices.admin ? [{ value: '', label: t.network.noFacilitator }] : []), ...choices.providers.map((p) => ({ value: p.slug, label: text(p.name) }))]} />
      <SelectField {...field('county')} label={t.network.county} options={[{ value: '', label: t.network.noCounty }, ...counties().map((c) => ({ value: c.name, label: c.name }))]} />
      <SelectField {...field('municipality')} label={t.network.municipality} options={[{ value: '', label: t.network.noMunicipality }, ...municipalities().map((m) => ({ value: m.number, label: m.name, group: m.county }))]} />
      <TextField id="f-meetingPlace" name="meetingPlace" label={t.network.meetingPlace} description={t.network.meetingPlaceHelp} value={v('meetingPlace')} maxLength={200} />
      <SelectField {...field('ministry')} label={t.network.ministry} options={[{ value: '', label: t.network.noMinistry }, ...choices.ministries.map((m) => ({ value: m.orgnr, label: text(m.name) }))]} />
      <TextField id="f-contactName" name="contactName" label={t.network.contactName} value={v('contactName')} maxLength={120} autoComplete="name" />
      <TextField id="f-contactEmail" name="contactEmail" type="email" label={t.network.contactEmail} value={v('contactEmail')} error={e.contactEmail} maxLength={254} autoComplete="email" />
      <SelectField {...field('service')} label={t.network.catalogueEntry} options={[{ value: '', label: t.network.noService }, ...choices.services.map((s) => ({ value: s.slug, label: text(s.name) }))]} />
    </CollabFormPage>
  );
}
