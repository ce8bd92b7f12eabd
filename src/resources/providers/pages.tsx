import { Alert, Heading, Link, Paragraph, Tag } from '@digdir/designsystemet-react';
import { Type } from 'typebox';
import { DELIVERY_MODELS } from '../../domain/catalogue.js';
import { osloToday } from '../../domain/osloTime.js';
import { plannedOverdue } from '../../domain/plannedDate.js';
import { editsProvider, isAdmin } from '../../domain/principal.js';
import type { App, AppDeps } from '../../server/types.js';
import { Breadcrumbs, FactsAside, JsonLink, OrgLink, PageHeader, queryString, Section, ServiceLinks, SourceNote, WebLink } from '../../web/components.js';
import { Text, usePage, useHref, useText, useTextLang } from '../../web/context.js';
import { messages } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { sendErrorPage, sendPage } from '../../web/render.js';
import { groupInOrder } from '../shared/present.js';
import { SlugParams } from '../shared/schema.js';
import { FollowButton } from '../../web/follow.js';
import { isFollowing } from '../follows/queries.js';
import { mayKeep } from './policy.js';
import { getProviderDetail, listProviders, type ProviderDetail, type ProviderServiceRow, type ProviderSummary } from './queries.js';
import { ProviderLink, ServiceLink } from '../../web/components/links.js';
import { ListSection } from '../../web/components/lists.js';
import { DetailCrumbs } from '../../web/components/detailCrumbs.js';
import { AreaGroupsSection } from '../../web/components/areaGroups.js';

export async function registerProviderPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;

  app.get('/leverandorer', { config: { publicPage: true }, schema: { querystring: Type.Object({}), hide: true } }, async (req, reply) => {
    const all = await listProviders(db, { lang: req.lang });
    return sendPage(req, reply, <ProviderListPage providers={all} />);
  });

  app.get('/leverandorer/:slug', { config: { publicPage: true }, schema: { params: SlugParams, querystring: Type.Object({}), hide: true } }, async (req, reply) => {
    const d = await getProviderDetail(db, req.params.slug, req.lang);
    if (!d) return sendErrorPage(req, reply, 404, messages[req.lang].errors.unknownProvider(req.params.slug));
    // Overdue planned services: for the provider's editors and DFØ (administrators) only; the public page is cached.
    const today = osloToday();
    const manage = isAdmin(req.principal) || editsProvider(req.principal, d.provider.id);
    const overdue = manage ? d.services.filter((s) => plannedOverdue(s.status, s.plannedOn, today)) : [];
    const follow = req.principal?.kind === 'user' ? await isFollowing(db, req.principal.id, 'provider', d.provider.id) : undefined;
    return sendPage(req, reply, <ProviderPage d={d} overdue={overdue} manage={manage} edit={mayKeep(req.principal, 'edit_provider', d.provider)} following={follow?.following} />);
  });
}

function ProviderListPage({ providers }: { providers: ProviderSummary[] }) {
  const { t } = usePage();
  const href = useHref();
  const text = useText();
  const byModel = DELIVERY_MODELS.map((m) => ({ model: m, items: providers.filter((p) => p.model === m) })).filter((g) => g.items.length > 0);
  return (
    <Layout title={t.provider.title} section="providers" description={t.provider.lead}>
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: t.provider.title }]} />
      <PageHeader title={t.provider.title} lead={t.provider.lead} />
      {byModel.map(({ model, items }) => (
        <Section key={model} id={`model-${model}`} title={`${t.vocab.model[model]} – ${t.provider.count(items.length)}`}>
          <Paragraph className="model-explained">{t.vocab.modelLong[model]}</Paragraph>
          <ul className="link-list">
            {items.map((p) => (
              <li key={p.slug}>
                <ProviderLink provider={p} />
                {p.shortName ? ` (${p.shortName})` : null}
                <span className="block muted">
                  {[
                    t.provider.servicesCount(p.serviceCount),
                    p.ministry ? text(p.ministry.name) : null,
                    p.parent ? `${t.provider.partOf} ${text(p.parent.name)}` : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </li>
            ))}
          </ul>
        </Section>
      ))}
    </Layout>
  );
}

function ProviderPage({ d, overdue, manage, edit, following }: { d: ProviderDetail; overdue: ProviderServiceRow[]; manage: boolean; edit: boolean; following?: boolean | undefined }) {
  const { t, fmt } = usePage();
  const href = useHref();
  const text = useText();
  const p = d.provider;
  const name = text(p.name);
  const langOf = useTextLang();
  const byArea = groupInOrder(d.services, (s) => s.area.slug, (s) => s.area);
  const contact = p.contact;
  return (
    <Layout title={name} section="providers" description={text(p.description)}>
      <DetailCrumbs list={[t.provider.title, '/leverandorer']} parent={d.parent ? { name: d.parent.name, path: `/leverandorer/${d.parent.slug}` } : undefined} name={p.name} />
      <PageHeader title={p.shortName && p.shortName !== name ? `${name} (${p.shortName})` : name} titleLang={langOf(p.name)} lead={<Text value={p.description} />}>
        <div className="tag-row">
          <Tag data-size="sm" data-color="neutral">
            {t.vocab.model[p.model]}
          </Tag>
          <Tag data-size="sm" data-color="info">
            {t.provider.servicesCount(d.services.length)}
          </Tag>
        </div>
        {edit ? <a href={href(`/leverandorer/${p.slug}/rediger`)}>{t.catalogueKeeping.edit}</a> : null}
        <FollowButton type="provider" id={p.id} following={following} />
      </PageHeader>
      {manage ? (
        <Paragraph id="customer-list">
          <a href={href(`/leverandorer/${p.slug}/kundeliste`)}>{t.usageImport.uploadLink}</a> – {t.usageImport.uploadHelp}
        </Paragraph>
      ) : null}
      {overdue.length > 0 ? (
        <Alert data-color="warning" className="page-alert" id="overdue">
          <Heading level={2} data-size="xs">
            {t.provider.overdueTitle}
          </Heading>
          <Paragraph>{t.provider.overdueLead}</Paragraph>
          <ul>
            {overdue.map((s) => (
              <li key={s.slug}>
                <ServiceLink service={s} />{' '}
                ({t.provider.overdueItem(fmt.date(s.plannedOn!))})
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <div className="two-col">
        <div className="two-col__main">
          <AreaGroupsSection title={t.provider.servicesByArea} id="services" none={t.provider.noServices} groups={byArea} group={(g) => (
            <ServiceLinks services={g.items} />
          )}>
            {byArea.length > 0 ? (
              <Paragraph>
                <Link href={href('/tjenester') + queryString({ provider: p.slug })}>{t.provider.inCatalogue}</Link>
              </Paragraph>
            ) : null}
          </AreaGroupsSection>
          <ListSection title={t.provider.units} id="units" items={d.units} keyOf={(u) => u.slug} item={(u) => (
            <>
              <ProviderLink provider={u} />
              {u.shortName ? ` (${u.shortName})` : null}
            </>
          )} />
        </div>
        <FactsAside
          title={t.common.facts}
          source={<SourceNote source={p.factSource} reference={p.sourceRef} />}
          items={[
            {
              term: t.common.model,
              value: (
                <>
                  <strong>{t.vocab.model[p.model]}</strong>
                  <span className="block muted">{t.vocab.modelLong[p.model]}</span>
                </>
              ),
            },
            ...(d.ministry ? [{ term: t.common.ministry, value: <OrgLink org={d.ministry} /> }] : []),
            ...(d.organisation && d.organisation.orgnr !== d.ministry?.orgnr ? [{ term: t.provider.organisation, value: <OrgLink org={d.organisation} /> }] : []),
            ...(d.parent ? [{ term: t.provider.partOf, value: <a href={href(`/leverandorer/${d.parent.slug}`)}>{text(d.parent.name)}</a> }] : []),
            ...(p.website ? [{ term: t.common.website, value: <WebLink url={p.website} /> }] : []),
            ...(contact.email ? [{ term: t.common.email, value: <a href={`mailto:${contact.email}`}>{contact.email}</a> }] : []),
            ...(contact.phone ? [{ term: t.common.phone, value: contact.phone }] : []),
            ...(contact.url ? [{ term: t.common.contact, value: <WebLink url={contact.url} /> }] : []),
          ]}
        >
          <Paragraph data-size="sm">
            <a href={href(`/statistikk/leverandorer/${p.slug}`)}>{t.stats.provider.link}</a>
          </Paragraph>
          <JsonLink href={`/api/v1/providers/${p.slug}`} />
        </FactsAside>
      </div>
    </Layout>
  );
}

