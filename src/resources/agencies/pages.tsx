import { Alert, Button, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { formatOrgnr } from '../../domain/orgnr.js';
import type { SizeThresholds } from '../../domain/sizeClass.js';
import type { App, AppDeps } from '../../server/types.js';
import {
  Breadcrumbs,
  DataTable,
  FactsAside,
  JsonLink,
  OrgLink,
  PageHeader,
  Pager,
  queryString,
  Section,
  SourceNote,
  TextField,
  WebLink,
} from '../../web/components.js';
import { Text, usePage, useHref, useText, useTextLang } from '../../web/context.js';
import { messages } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { sendErrorPage, sendPage } from '../../web/render.js';
import { groupInOrder, pageWindow } from '../shared/present.js';
import { dropEmptyQueryValues } from '../shared/schema.js';
import { ministryFilter, requireOrgnr } from './orgnrInput.js';
import { type AgencyDetail, type AgencyListRow, getAgencyDetail, listMinistries, MAX_AGENCY_QUERY_LENGTH, searchAgencies } from './queries.js';
import { AgencyPageQuery, OrgnrParams } from './schema.js';
import { sizeClassName, sizeClassText } from './sizeClassText.js';
import { agencyTable } from './tables.js';
import { registerTableDownloads } from '../shared/tableDownloads.js';
import { StatDownloads } from '../../web/export/StatTableView.js';
import { ServiceLink } from '../../web/components/links.js';
import { PopulationSelects } from './populationSelects.js';
import { DetailCrumbs } from '../../web/components/detailCrumbs.js';
import { AreaGroupsSection } from '../../web/components/areaGroups.js';

const PAGE_SIZE = 50;

export async function registerAgencyPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const thresholds = deps.config.sizeThresholds;

  /** The agencies the page's filters select (all of them; the page shows 50 at a time). */
  const search = async (req: FastifyRequest) => {
    const q = req.query as AgencyPageQuery;
    const ministry = await ministryFilter(db, q.ministry, req.lang);
    return { q, ministry, all: await searchAgencies(db, { q: q.q, ministry, kinds: q.kind ? [q.kind] : undefined, sizes: q.size ? [q.size] : undefined, thresholds, lang: req.lang }) };
  };

  registerTableDownloads(app, '/virksomheter', { querystring: AgencyPageQuery }, async (req) => ({
    tables: [agencyTable((await search(req)).all, req.lang, thresholds)],
    fileName: () => 'virksomheter',
  }));

  app.get('/virksomheter', { config: { publicPage: true }, schema: { querystring: AgencyPageQuery, hide: true }, preValidation: dropEmptyQueryValues }, async (req, reply) => {
    const [{ q, ministry, all }, ministries] = await Promise.all([search(req), listMinistries(db, req.lang)]);
    const { offset, pageCount, outOfRange } = pageWindow(all.length, q.page, PAGE_SIZE);
    if (outOfRange) return sendErrorPage(req, reply, 404);
    return sendPage(
      req,
      reply,
      <AgencyListPage
        search={{ q: q.q, ministry, kind: q.kind, size: q.size }}
        items={all.slice(offset, offset + PAGE_SIZE)}
        total={all.length}
        page={q.page}
        pageCount={pageCount}
        ministries={ministries}
        thresholds={thresholds}
      />,
    );
  });

  app.get('/virksomheter/:orgnr', { config: { publicPage: true }, schema: { params: OrgnrParams, querystring: Type.Object({}), hide: true } }, async (req, reply) => {
    const orgnr = requireOrgnr(req.params.orgnr, req.lang, 'orgnr');
    const d = await getAgencyDetail(db, orgnr, thresholds, req.lang);
    if (!d) return sendErrorPage(req, reply, 404, messages[req.lang].errors.unknownAgency(formatOrgnr(orgnr)));
    return sendPage(req, reply, <AgencyPage d={d} thresholds={thresholds} />);
  });
}

interface AgencyListPageProps {
  search: { q?: string | undefined; ministry?: string | undefined; kind?: string | undefined; size?: string | undefined };
  items: AgencyListRow[];
  total: number;
  page: number;
  pageCount: number;
  ministries: Awaited<ReturnType<typeof listMinistries>>;
  thresholds: SizeThresholds;
}

function AgencyListPage({ search, items, total, page, pageCount, ministries, thresholds }: AgencyListPageProps) {
  const { t } = usePage();
  const href = useHref();
  const link = (p: number) => href('/virksomheter') + queryString({ ...search, page: p > 1 ? p : undefined });
  return (
    <Layout title={t.agency.title} section="agencies" description={t.agency.lead}>
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: t.agency.title }]} />
      <PageHeader title={t.agency.title} lead={t.agency.lead} />
      <form method="get" action={href('/virksomheter')} role="search" aria-labelledby="agency-search-heading" className="agency-search">
        <Heading level={2} data-size="xs" id="agency-search-heading">
          {t.agency.filters}
        </Heading>
        <div className="filter-row">
          <TextField
            id="agency-q"
            name="q"
            type="search"
            label={t.agency.searchLabel}
            value={search.q}
            maxLength={MAX_AGENCY_QUERY_LENGTH}
            autoComplete="off"
          />
          <PopulationSelects idPrefix="agency" ministries={ministries} q={search} thresholds={thresholds} allKinds={t.agency.allKinds} />
        </div>
        <Button type="submit">{t.common.search}</Button>
      </form>
      <p className="result-count" role="status">
        <strong>{t.agency.results(total)}</strong>
        {pageCount > 1 ? ` · ${t.catalogue.page(page, pageCount)}` : ''}
      </p>
      {items.length === 0 ? (
        <div className="empty-state">
          <Paragraph>{t.agency.noResults}</Paragraph>
          <Paragraph data-size="sm">{t.agency.noResultsHelp}</Paragraph>
        </div>
      ) : (
        <DataTable caption={t.agency.title} captionHidden columns={[t.agency.name, t.common.orgnr, t.common.ministry, t.agency.sizeClass]}>
          {items.map((a) => (
            <tr key={a.orgnr}>
              <th scope="row">
                <OrgLink org={a} />
                {a.deletedOn ? (
                  <>
                    {' '}
                    <Tag data-size="sm" data-color="warning">
                      {t.agency.deletedTag}
                    </Tag>
                  </>
                ) : null}
              </th>
              <td className="nowrap">{formatOrgnr(a.orgnr)}</td>
              <td>{a.ministry ? <Text value={a.ministry.name} /> : '–'}</td>
              <td>{sizeClassName(t, a.sizeClass, thresholds)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pager page={page} pageCount={pageCount} hrefFor={link} />
      {total > 0 ? <StatDownloads table={{ id: 'virksomheter', title: t.tables.agencies }} download={{ path: href('/virksomheter'), query: queryString(search) }} /> : null}
      <JsonLink href={`/api/v1/agencies${queryString(search)}`} />
    </Layout>
  );
}

function SizeClassValue({ d, thresholds }: { d: AgencyDetail; thresholds: SizeThresholds }) {
  const { t } = usePage();
  const note = d.sizeClass === 'gap' ? t.agency.sizeGapNote : d.sizeClass === 'unknown' ? t.agency.sizeUnknownNote : undefined;
  return (
    <>
      {sizeClassText(t, d.sizeClass, thresholds)}
      {note ? <span className="block muted">{note}</span> : null}
    </>
  );
}

function AgencyPage({ d, thresholds }: { d: AgencyDetail; thresholds: SizeThresholds }) {
  const { t, fmt } = usePage();
  const href = useHref();
  const text = useText();
  const langOf = useTextLang();
  const a = d.agency;
  const name = text(a.name);
  const byArea = groupInOrder(d.uses, (u) => u.area.slug, (u) => u.area);
  const location = [a.postalCode && a.city ? `${a.postalCode} ${a.city}` : a.city, a.municipalityName && a.municipalityName !== a.city ? a.municipalityName : null, a.countyName]
    .filter(Boolean)
    .join(', ');
  const employees = a.employees === null ? t.agency.notStated : a.employeesAsOf ? t.agency.employeesAsOf(fmt.number(a.employees), fmt.date(a.employeesAsOf)) : fmt.number(a.employees);
  return (
    <Layout title={name} section="agencies">
      <DetailCrumbs list={[t.agency.title, '/virksomheter']} parent={d.ministry ? { name: d.ministry.name, path: `/virksomheter/${d.ministry.orgnr}` } : undefined} name={a.name} />
      <PageHeader title={name} titleLang={langOf(a.name)} lead={a.shortName ?? undefined}>
        <div className="tag-row">
          <Tag data-size="sm" data-color="neutral">
            {t.vocab.orgKind[a.kind]}
          </Tag>
          <Tag data-size="sm" data-color={d.sizeClass === 'gap' || d.sizeClass === 'unknown' ? 'warning' : 'neutral'}>
            {sizeClassName(t, d.sizeClass, thresholds)}
          </Tag>
        </div>
      </PageHeader>
      {a.deletedOn ? (
        <Alert data-color="warning" className="page-alert">
          <Paragraph>{t.agency.deleted(fmt.date(a.deletedOn))}</Paragraph>
        </Alert>
      ) : null}
      <div className="two-col">
        <div className="two-col__main">
          <AreaGroupsSection title={t.agency.usesHeading} id="uses" none={t.agency.usesNone} groups={byArea} group={(g) => (
            <DataTable caption={<Text value={g.head.name} />} captionHidden columns={[t.agency.service, t.common.provider, t.agency.tier, t.agency.since]}>
              {g.items.map((u) => (
                <tr key={u.slug}>
                  <th scope="row">
                    <ServiceLink service={u} />
                  </th>
                  <td>
                    <a href={href(`/leverandorer/${u.provider.slug}`)}>{u.provider.shortName ?? text(u.provider.name)}</a>
                  </td>
                  <td>{u.tier ? <Text value={u.tier.name} /> : t.agency.notStated}</td>
                  <td>{u.since ? fmt.date(u.since) : t.agency.notStated}</td>
                </tr>
              ))}
            </DataTable>
          )} />
          {a.deletedOn ? null : (
            <Section title={t.stats.recommendations.title} id="recommendations">
              <Paragraph>{t.stats.recommendations.agencyTeaser}</Paragraph>
              <Paragraph>
                <a href={href(`/virksomheter/${a.orgnr}/hva-kan-vi-bruke`)}>{t.stats.recommendations.agencyLink}</a>
              </Paragraph>
              {a.kind === 'ministry' ? (
                <Paragraph>
                  <a href={href(`/statistikk/departementer/${a.orgnr}`)}>{t.stats.ministry.link}</a>
                </Paragraph>
              ) : null}
            </Section>
          )}
          {a.kind === 'ministry' ? (
            <Section title={t.agency.subordinates} id="subordinates">
              {d.subordinates.length === 0 ? (
                <Paragraph>{t.agency.noSubordinates}</Paragraph>
              ) : (
                <>
                  <Paragraph>{t.common.agencies(d.subordinates.length)}</Paragraph>
                  <ul className="link-list columns-list">
                    {d.subordinates.map((s) => (
                      <li key={s.orgnr}>
                        <OrgLink org={s} /> <span className="muted">– {sizeClassName(t, s.sizeClass, thresholds)}</span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </Section>
          ) : null}
        </div>
        <FactsAside title={t.common.facts} source={<SourceNote source={a.factSource} reference={a.sourceNote} />} items={[
            { term: t.common.orgnr, value: formatOrgnr(a.orgnr) },
            { term: t.agency.kind, value: t.vocab.orgKind[a.kind] },
            ...(d.ministry ? [{ term: t.common.ministry, value: <OrgLink org={d.ministry} /> }] : []),
            ...(d.parent && d.parent.orgnr !== d.ministry?.orgnr ? [{ term: t.agency.parent, value: <OrgLink org={d.parent} /> }] : []),
            { term: t.agency.employees, value: employees },
            { term: t.agency.sizeClass, value: <SizeClassValue d={d} thresholds={thresholds} /> },
            ...(location ? [{ term: t.agency.location, value: location }] : []),
            ...(a.website ? [{ term: t.common.website, value: <WebLink url={a.website} /> }] : []),
          ]}
        >
          <JsonLink href={`/api/v1/agencies/${a.orgnr}`} />
        </FactsAside>
      </div>
    </Layout>
  );
}
