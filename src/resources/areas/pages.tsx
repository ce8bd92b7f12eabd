import { mayKeep } from '../providers/policy.js';
import { Alert, Heading, Link, Paragraph, Tag } from '@digdir/designsystemet-react';
import { Type } from 'typebox';
import type { App, AppDeps } from '../../server/types.js';
import { Breadcrumbs, JsonLink, LinkCard, PageHeader, queryString, Section, ServiceLinks } from '../../web/components.js';
import { Text, usePage, useHref, useText } from '../../web/context.js';
import { messages } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { sendErrorPage, sendPage } from '../../web/render.js';
import { groupInOrder } from '../shared/present.js';
import { SlugParams } from '../shared/schema.js';
import { FollowButton } from '../../web/follow.js';
import { isFollowing } from '../follows/queries.js';
import { type AreaDetail, type AreaSummary, getAreaDetail, listAreas } from './queries.js';
import { ProviderLink } from '../../web/components/links.js';
import { ListSection } from '../../web/components/lists.js';

export async function registerAreaPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;

  app.get('/omrader', { config: { publicPage: true }, schema: { querystring: Type.Object({}), hide: true } }, async (req, reply) => {
    return sendPage(req, reply, <AreaListPage areas={await listAreas(db)} />);
  });

  app.get('/omrader/:slug', { config: { publicPage: true }, schema: { params: SlugParams, querystring: Type.Object({}), hide: true } }, async (req, reply) => {
    const d = await getAreaDetail(db, req.params.slug, req.lang);
    if (!d) return sendErrorPage(req, reply, 404, messages[req.lang].errors.unknownArea(req.params.slug));
    const follow = req.principal?.kind === 'user' ? await isFollowing(db, req.principal.id, 'area', d.area.slug) : undefined;
    return sendPage(req, reply, <AreaPage d={d} edit={mayKeep(req.principal, 'edit_area')} following={follow?.following} />);
  });
}

function GapTag() {
  const { t } = usePage();
  return (
    <Tag data-size="sm" data-color="warning">
      {t.area.gapTag}
    </Tag>
  );
}

function AreaListPage({ areas }: { areas: AreaSummary[] }) {
  const { t } = usePage();
  const href = useHref();
  return (
    <Layout title={t.area.title} section="areas" description={t.area.lead}>
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: t.area.title }]} />
      <PageHeader title={t.area.title} lead={t.area.lead} />
      <ul className="card-grid">
        {areas.map((a) => (
          <li key={a.slug}>
            <LinkCard href={href(`/omrader/${a.slug}`)} title={<Text value={a.name} />} size="xs" className="area-card">
              <Text value={a.description} as="p" />
              <div className="tag-row">
                <Tag data-size="sm" data-color="neutral">
                  {t.common.services(Number(a.count))}
                </Tag>
                {a.gapArea ? <GapTag /> : null}
              </div>
            </LinkCard>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

function AreaPage({ d, edit, following }: { d: AreaDetail; edit: boolean; following?: boolean | undefined }) {
  const { t } = usePage();
  const href = useHref();
  const text = useText();
  const a = d.area;
  const name = text(a.name);
  const byModel = groupInOrder(d.services, (s) => s.model, (s) => s.model);
  const catalogueLink = href('/tjenester') + queryString({ area: a.slug });
  return (
    <Layout title={name} section="areas" description={text(a.description)}>
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: t.area.title, href: href('/omrader') }, { label: name }]} />
      <PageHeader title={name} lead={<Text value={a.description} />}>
        <div className="tag-row">
          <Tag data-size="sm" data-color="neutral">
            {t.common.services(d.services.length)}
          </Tag>
          {a.gapArea ? <GapTag /> : null}
        </div>
        {edit ? <a href={href(`/omrader/${a.slug}/rediger`)}>{t.catalogueKeeping.edit}</a> : null}
        <FollowButton type="area" id={a.slug} following={following} />
      </PageHeader>
      {a.gapArea ? (
        <Alert data-color="warning" className="gap-notice">
          <Heading level={2} data-size="xs">
            {t.area.gapTitle}
          </Heading>
          <Paragraph>{t.area.gap}</Paragraph>
        </Alert>
      ) : null}
      <Section title={t.area.servicesByModel} id="services">
        {byModel.length === 0 ? <Paragraph>{t.area.noServices}</Paragraph> : null}
        {byModel.map((g) => (
          <Section key={g.key} level={3} id={`model-${g.key}`} className="area-group" title={`${t.vocab.model[g.head]} – ${t.common.services(g.items.length)}`}>
            <ServiceLinks services={g.items.map((s) => ({ ...s, provider: s.provider.name }))} />
          </Section>
        ))}
        <Paragraph>
          <Link href={catalogueLink}>{t.area.showInCatalogue}</Link>
        </Paragraph>
      </Section>
      <ListSection title={t.area.providersHere} id="providers" items={d.providers} keyOf={(p) => p.slug} item={(p) => (
        <>
          <ProviderLink provider={p} />
          {p.shortName ? ` (${p.shortName})` : null} <span className="muted">– {t.provider.servicesCount(p.serviceCount)}</span>
        </>
      )} />
      <JsonLink href={`/api/v1/areas/${a.slug}`} />
    </Layout>
  );
}
