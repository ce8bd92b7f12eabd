import { Alert, Button, Heading, Link, Paragraph, Tag } from '@digdir/designsystemet-react';
import type { FastifyRequest } from 'fastify';
import type { App, AppDeps } from '../../server/types.js';
import { CheckboxField, DataTable, DefinitionList, FactsAside, JsonLink, LinkCard, PageHeader, Pager, queryString, SearchForm, Section, SelectField, SourceNote, StatusTag } from '../../web/components.js';
import { Text, usePage, useHref, useText, useTextLang } from '../../web/context.js';
import { messages, stripLanguage } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { FollowButton } from '../../web/follow.js';
import { isFollowing } from '../follows/queries.js';
import { pageContextFor, prefix, renderDocument, renderFragment, sendErrorPage, sendHtml, sendPage } from '../../web/render.js';
import { fillable, fillTemplate, makeTemplate, SLOT } from '../../web/slot.js';
import { cachedFragment } from '../../web/fragments.js';
import { catalogueVersion } from '../../db/readCache.js';
import { Notice, OkQuery } from '../../web/forms.js';
import { currentSlugFor } from './history.js';
import { mayService } from './policy.js';
import { effectiveSort, facetLabel, filtersFrom } from './catalogue.js';
import type { ReactElement, ReactNode } from 'react';
import type { DeliveryModel, LocalizedText, Obligation, ServiceKind, ServiceStatus } from '../../domain/catalogue.js';
import { CATALOGUE_FACETS, type CatalogueFacet, type CatalogueResult, type CatalogueSort, getServiceDetail, searchCatalogue, type ServiceDetail, type ServicePriceRow } from './queries.js';
import { pageWindow } from '../shared/present.js';
import { CataloguePageQuery, SlugParams } from './schema.js';
import { redirectToRdf } from '../opendata/pages.js';
import { registerTableDownloads } from '../shared/tableDownloads.js';
import { catalogueTable } from './tables.js';
import { priceStated } from '../../domain/dataQuality.js';
import { StatDownloads } from '../../web/export/StatTableView.js';
import { loadServiceCollaboration, type ServiceCollaboration, ServiceCollaborationSections } from '../collaboration/serviceSections.js';
import { ServiceLink } from '../../web/components/links.js';
import { ItemList, ListSection } from '../../web/components/lists.js';
import { DetailCrumbs } from '../../web/components/detailCrumbs.js';

const PAGE_SIZE = 20;

export async function registerServicePages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;

  /** The catalogue's search from the page's query: the page shows 20 at a time, a download every hit. */
  const search = async (req: FastifyRequest, paged: boolean) => {
    const q = req.query as CataloguePageQuery;
    const filters = await filtersFrom(db, q, req.lang);
    // An empty sort is the form's default: relevance when there is a query, else name.
    const sort = effectiveSort(q.sort || undefined, q.q);
    const window = paged ? { limit: PAGE_SIZE, offset: (q.page - 1) * PAGE_SIZE } : { limit: 100_000, offset: 0 };
    return { q, filters, sort, result: await searchCatalogue(db, { q: q.q, filters, sort, ...window, lang: req.lang }) };
  };

  registerTableDownloads(app, '/tjenester', { querystring: CataloguePageQuery }, async (req) => {
    const { result } = await search(req, false);
    return { tables: [catalogueTable(result.items, req.lang)], fileName: () => 'tjenester' };
  });

  app.get('/tjenester', { config: { publicPage: true }, schema: { querystring: CataloguePageQuery, hide: true } }, async (req, reply) => {
    // Read before the search, so the parts reused under this version are never older than it (src/web/fragments.ts).
    const version = await catalogueVersion(db);
    const { q, filters, sort, result } = await search(req, true);
    const { pageCount, outOfRange } = pageWindow(result.total, q.page, PAGE_SIZE);
    if (outOfRange) return sendErrorPage(req, reply, 404);
    // The results and the facets depend on the services shown and the counts, not on the query's words: another
    // query (or page) showing the same reuses their markup.
    const reused = (part: string, shown: string, element: ReactElement) => cachedFragment(db, `${part}|${req.lang}|${version}|${shown}`, () => renderFragment(req, element));
    const shown = { facets: facetsShown(result.facets), items: result.items.map((i) => i.id).join(',') };
    const page = (value: string) => {
      const markup = {
        facets: reused('facets', shown.facets, <Facets facets={result.facets} />),
        items: reused('results', shown.items, <ResultItems items={result.items} />),
      };
      return <CataloguePage query={value} filters={filters} sort={sort} page={q.page} pageCount={pageCount} result={result} markup={markup} />;
    };
    const query = q.q ?? '';
    if (!query) return sendPage(req, reply, page(query));
    // With a query, the page names itself with its parameters as URLSearchParams writes them (the language links,
    // the sign-in link's way back), so it is the same page for every query showing the same services, but for the
    // query: an anonymous one is filled in from markup rendered once for them (src/web/slot.ts).
    const path = selfPath(req.url);
    // Only words are filled in: a query of spaces alone is no query (effectiveSort), which the placeholder is not.
    if (deps.config.pageTemplates && !req.pageUser && !req.csrfToken && query.trim() && fillable(query)) {
      const key = `page|${req.lang}|${version}|${path(SLOT)}|${result.total}|${result.fuzzy}|${shown.facets}|${shown.items}`;
      const { template } = cachedFragment(db, key, () => {
        const made = makeTemplate(renderDocument(pageContextFor(req, path(SLOT)), page(SLOT)));
        return { template: made, bytes: made?.bytes ?? 0 };
      });
      if (template) {
        // A new query each time is what this page mostly serves: its page is stored only when asked for again.
        if (req.pageCache) req.pageCache.oneOff = true;
        return sendHtml(reply, fillTemplate(template, query));
      }
    }
    return sendPage(req, reply, page(query), 200, path(query));
  });

  app.get('/tjenester/:slug', { config: { publicPage: true }, schema: { params: SlugParams, querystring: OkQuery, hide: true } }, async (req, reply) => {
    // The page is the service's URI: a linked-data client asking for RDF is sent to it (303 See Other).
    if (redirectToRdf(req.headers.accept, req.params.slug, (url) => reply.redirect(url, 303))) return reply;
    const detail = await getServiceDetail(db, req.params.slug);
    if (!detail) {
      // A renamed service: its old address answers 301 to the new one.
      const current = await currentSlugFor(db, req.params.slug);
      if (current) return reply.redirect(`${prefix(req)}/tjenester/${current}`, 301);
      return sendErrorPage(req, reply, 404, messages[req.lang].errors.unknownService(req.params.slug));
    }
    const collaboration = await loadServiceCollaboration(deps, req, detail.service);
    const manage = mayService(req.principal, 'edit', { providerId: detail.service.providerId });
    const follow = req.principal?.kind === 'user' ? await isFollowing(db, req.principal.id, 'service', detail.service.id) : undefined;
    return sendPage(req, reply, <ServicePage d={detail} collaboration={collaboration} manage={manage} ok={req.query.ok} following={follow?.following} />);
  });
}

/** The catalogue page's address (without the language prefix) with `value` as its query, written by URLSearchParams. */
function selfPath(url: string): (value: string) => string {
  const { path } = stripLanguage(url);
  const at = path.indexOf('?');
  const base = at < 0 ? path : path.slice(0, at);
  const params = at < 0 ? '' : path.slice(at + 1);
  return (value) => {
    const p = new URLSearchParams(params);
    p.set('q', value);
    return `${base}?${p}`;
  };
}

interface CataloguePageProps {
  query: string;
  filters: Partial<Record<CatalogueFacet, readonly string[]>>;
  sort: CatalogueSort;
  page: number;
  pageCount: number;
  result: CatalogueResult;
  /** The facets' fieldsets and the result list's items, rendered apart (`Facets`, `ResultItems`). */
  markup: { facets: string; items: string };
}

/** What the facets show: each value with its count and whether it is chosen (their labels come with the version). */
function facetsShown(facets: CatalogueResult['facets']): string {
  return CATALOGUE_FACETS.map((f) => `${f}:${facets[f].map((v) => `${v.value}=${v.count}${v.selected ? '+' : ''}`).join(',')}`).join(';');
}

/** The filter form's fieldsets: one per facet with values. */
function Facets({ facets }: { facets: CatalogueResult['facets'] }) {
  const { t, lang } = usePage();
  return CATALOGUE_FACETS.map((f) =>
    facets[f].length === 0 ? null : (
      <fieldset key={f} className="facet">
        <legend className="ds-label">{t.catalogue.facet[f]}</legend>
        {facets[f].map((v) => (
          <CheckboxField
            key={v.value}
            id={`f-${f}-${v.value}`}
            name={f}
            value={v.value}
            checked={v.selected}
            label={
              <>
                {facetLabel(f, v, lang)} <span className="facet__count">({v.count})</span>
              </>
            }
          />
        ))}
      </fieldset>
    ),
  );
}

/** The result list's items: a card per service. */
function ResultItems({ items }: { items: CatalogueResult['items'] }) {
  const { t } = usePage();
  const href = useHref();
  const text = useText();
  return items.map((item) => (
    <li key={item.slug}>
      <LinkCard
        href={href(`/tjenester/${item.slug}`)}
        title={<Text value={item.name} />}
        meta={
          <>
            {text(item.provider.name)} · {text(item.area.name)}
            {item.parent ? (
              <>
                {' · '}
                {t.service.partOf} <Text value={item.parent.name} />
              </>
            ) : null}
          </>
        }
      >
        <Paragraph data-size="sm">
          <Text value={item.summary} />
        </Paragraph>
        <ServiceTags s={item} />
      </LinkCard>
    </li>
  ));
}

function CataloguePage({ query, filters, sort, page, pageCount, result, markup }: CataloguePageProps) {
  const { t, lang } = usePage();
  const href = useHref();
  const params = (overrides: Record<string, unknown> = {}) => ({ q: query, ...filters, sort: sort === effectiveSort(undefined, query) ? undefined : sort, ...overrides });
  const link = (overrides: Record<string, unknown> = {}) => href('/tjenester') + queryString(params(overrides) as never);
  const active = CATALOGUE_FACETS.flatMap((f) => (filters[f] ?? []).map((value) => ({ facet: f, value })));
  const labelOf = (f: CatalogueFacet, value: string) => {
    const v = result.facets[f].find((x) => x.value === value);
    return v ? facetLabel(f, v, lang) : value;
  };
  const title = query ? t.catalogue.titleWithQuery(query) : t.catalogue.title;
  return (
    <Layout title={title} section="services" description={t.catalogue.lead} feeds={[{ href: href('/feeds/tjenester.atom'), title: t.notify.feeds.services, type: 'application/atom+xml' }]}>
      <PageHeader title={title} lead={query ? undefined : t.catalogue.lead} />
      <div className="catalogue">
        <form method="get" action={href('/tjenester')} className="catalogue__filters" id="catalogue-filters" aria-labelledby="filters-heading">
          <Heading level={2} data-size="xs" id="filters-heading">
            {t.catalogue.filters}
          </Heading>
          <SearchBox value={query} />
          {markup.facets ? <div className="catalogue__facets" dangerouslySetInnerHTML={{ __html: markup.facets }} /> : null}
          <SelectField
            id="sort"
            name="sort"
            label={t.catalogue.sort}
            value={sort === effectiveSort(undefined, query) ? '' : sort}
            options={[
              { value: '', label: query ? t.catalogue.sortRelevance : t.catalogue.sortDefault },
              ...(query ? [{ value: 'name', label: t.catalogue.sortName }] : []),
              { value: 'changed', label: t.catalogue.sortChanged },
            ]}
          />
          <Button type="submit" className="catalogue__apply">
            {t.catalogue.applyFilters}
          </Button>
        </form>
        <div className="catalogue__results">
          <p className="result-count" role="status">
            <strong>{t.catalogue.results(result.total)}</strong>
            {pageCount > 1 ? ` · ${t.catalogue.page(page, pageCount)}` : ''}
          </p>
          {active.length > 0 ? (
            <div className="active-filters">
              <Paragraph data-size="sm" id="active-filters-label">
                {t.catalogue.activeFilters}:
              </Paragraph>
              <ul aria-labelledby="active-filters-label">
                {active.map(({ facet, value }) => (
                  <li key={`${facet}-${value}`}>
                    <a
                      className="ds-chip filter-chip"
                      href={link({ [facet]: (filters[facet] ?? []).filter((v) => v !== value), page: undefined })}
                      aria-label={t.catalogue.removeFilter(labelOf(facet, value))}
                    >
                      {labelOf(facet, value)} <span aria-hidden="true">✕</span>
                    </a>
                  </li>
                ))}
                <li>
                  <Link href={href('/tjenester') + queryString({ q: query })}>{t.catalogue.clearFilters}</Link>
                </li>
              </ul>
            </div>
          ) : null}
          {result.fuzzy ? <Paragraph data-size="sm">{t.catalogue.didYouMean}</Paragraph> : null}
          {result.total > 0 ? <StatDownloads table={{ id: 'tjenester', title: t.tables.services }} download={{ path: href('/tjenester'), query: queryString(params({ page: undefined }) as never) }} /> : null}
          {result.items.length === 0 ? (
            <div className="empty-state">
              <Paragraph>{t.catalogue.noResults}</Paragraph>
              <Paragraph data-size="sm">{t.catalogue.noResultsHelp}</Paragraph>
            </div>
          ) : (
            <ol className="result-list" dangerouslySetInnerHTML={{ __html: markup.items }} />
          )}
          <Pager page={page} pageCount={pageCount} hrefFor={(p) => link({ page: p > 1 ? p : undefined })} />
        </div>
      </div>
    </Layout>
  );
}

/** A field the provider has not filled in, said plainly (and counted as a gap on /kvalitet). */
function NotStated() {
  const { t } = usePage();
  return <span className="muted not-stated">{t.agency.notStated}</span>;
}

function SearchBox({ value }: { value: string }) {
  const { t } = usePage();
  return (
    <div className="ds-field">
      <label className="ds-label" htmlFor="catalogue-q">
        {t.common.searchLabel}
      </label>
      <input className="ds-input" id="catalogue-q" name="q" type="search" defaultValue={value} maxLength={200} autoComplete="off" />
    </div>
  );
}

function ServicePage({ d, collaboration, manage, ok, following }: { d: ServiceDetail; collaboration: ServiceCollaboration; manage: boolean; ok: string | undefined; following?: boolean | undefined }) {
  const { t, fmt } = usePage();
  const href = useHref();
  const text = useText();
  const s = d.service;
  const tiers = d.tiers.filter((x) => x.kind === 'tier');
  const addons = d.tiers.filter((x) => x.kind === 'addon');
  const usersByTier = new Map(d.tierUsage.map((u) => [u.tierId, u.count]));
  const tierTotal = d.tierUsage.filter((u) => u.tierId).reduce((n, u) => n + u.count, 0);
  const name = text(s.name);
  const langOf = useTextLang();
  return (
    <Layout title={name} section="services" description={text(s.summary)}>
      <DetailCrumbs list={[t.nav.services, '/tjenester']} parent={d.parent ? { name: d.parent.name, path: `/tjenester/${d.parent.slug}` } : undefined} name={s.name} />
      <PageHeader title={name} titleLang={langOf(s.name)} lead={<Text value={s.summary} />}>
        <ServiceTags s={s} voluntaryShown>
          {s.retiredAt ? (
            <Tag data-size="sm" data-color="danger">
              {t.serviceEditing.retiredLabel}
            </Tag>
          ) : null}
        </ServiceTags>
        <p className="service-actions">
          {manage ? <a href={href(`/tjenester/${s.slug}/rediger`)}>{t.serviceEditing.edit}</a> : null}
          {manage ? ' · ' : null}
          <a href={href(`/tjenester/${s.slug}/historikk`)}>{t.serviceEditing.history.link}</a>
        </p>
        <FollowButton type="service" id={s.id} following={following} />
      </PageHeader>
      <Notice text={ok ? ({ published: t.serviceEditing.published, retired: t.serviceEditing.retired, reinstated: t.serviceEditing.reinstated, discarded: t.serviceEditing.discarded } as Record<string, string>)[ok] : undefined} />
      {s.retiredAt ? (
        <Alert data-color="warning" className="page-alert">
          {t.serviceEditing.retiredBanner(fmt.date(s.retiredAt))}
        </Alert>
      ) : null}
      <div className="two-col">
        <div className="two-col__main">
          <Section title={t.service.about} id="about">
            <Text value={s.description} as="div" />
            <DefinitionList
              items={[
                { term: t.common.provider, value: <a href={href(`/leverandorer/${d.provider.slug}`)}>{text(d.provider.name)}</a> },
                { term: t.common.area, value: <a href={href(`/omrader/${d.area.slug}`)}>{text(d.area.name)}</a> },
                { term: t.common.model, value: t.vocab.model[s.model] },
                ...(d.parent ? [{ term: t.service.partOf, value: <a href={href(`/tjenester/${d.parent.slug}`)}>{text(d.parent.name)}</a> }] : []),
              ]}
            />
          </Section>
          <Section title={t.service.whoMayUse} id="who">
            <DefinitionList
              items={[
                {
                  term: t.service.whoMayUse,
                  value: (
                    <>
                      {d.targetMinistry ? t.service.sectorOf(text(d.targetMinistry.name)) : t.vocab.target[s.targetGroup]}
                      {s.targetDescription ? (
                        <>
                          {' – '}
                          <Text value={s.targetDescription} />
                        </>
                      ) : null}
                    </>
                  ),
                },
                { term: t.service.obligation, value: t.vocab.obligation[s.obligation] },
              ]}
            />
          </Section>
          {tiers.length + addons.length > 0 ? (
            <Section title={t.service.tiers} id="tiers">
              <TierList tiers={tiers} marksLegacy />
              {addons.length > 0 ? (
                <>
                  <Heading level={3} data-size="2xs">
                    {t.service.addons}
                  </Heading>
                  <TierList tiers={addons} />
                </>
              ) : null}
              {tierTotal > 0 ? (
                <table className="ds-table data-table" data-size="sm">
                  <caption>{t.service.tierDistribution}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t.service.tiers}</th>
                      <th scope="col" className="num">
                        {t.service.users}
                      </th>
                      <th scope="col" className="num">
                        %
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.tiers
                      .filter((x) => (usersByTier.get(x.id) ?? 0) > 0)
                      .map((x) => (
                        <tr key={x.id}>
                          <th scope="row">
                            <Text value={x.name} />
                          </th>
                          <td className="num">{fmt.number(usersByTier.get(x.id) ?? 0)}</td>
                          <td className="num">{fmt.percent((usersByTier.get(x.id) ?? 0) / tierTotal)}</td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              ) : null}
            </Section>
          ) : null}
          <Section title={t.service.financing} id="financing">
            <Paragraph>{s.financing.length ? s.financing.map((f) => t.vocab.financing[f]).join(', ') : t.common.unknown}</Paragraph>
            {s.financingNote ? <Text value={s.financingNote} as="p" /> : null}
            <PriceTable prices={d.prices} />
            {/* The same rule as the data-quality page's "price" gap: an amount, free of charge, or a note on price. */}
            {priceStated({ ...s, priceCount: d.prices.length }) ? null : (
              <Paragraph id="price-not-stated">
                <strong>{t.content.price}:</strong> <NotStated />
              </Paragraph>
            )}
          </Section>
          <Section title={t.service.serviceLevels} id="levels">
            <DefinitionList
              items={[
                { term: t.service.uptime, value: s.serviceLevels.uptimePercent !== undefined ? `${fmt.number(s.serviceLevels.uptimePercent)} %` : <NotStated /> },
                { term: t.service.supportHours, value: s.serviceLevels.supportHours ? <Text value={s.serviceLevels.supportHours} /> : <NotStated /> },
                { term: t.service.responseTime, value: s.serviceLevels.responseTime ? <Text value={s.serviceLevels.responseTime} /> : <NotStated /> },
                {
                  term: t.service.channels,
                  value: s.supportChannels.length ? s.supportChannels.map((c) => t.vocab.channel[c]).join(', ') : t.common.unknown,
                },
              ]}
            />
            {(s.serviceLevels.other ?? []).length > 0 ? (
              <ul>
                {s.serviceLevels.other!.map((o, i) => (
                  <li key={i}>
                    <Text value={o} />
                  </li>
                ))}
              </ul>
            ) : null}
          </Section>
          <Section title={t.service.howToJoin} id="join">
            {s.howToJoin.steps.length > 0 ? (
              <ol className="steps">
                {s.howToJoin.steps.map((step, i) => (
                  <li key={i}>
                    <Text value={step} />
                  </li>
                ))}
              </ol>
            ) : null}
            {s.howToJoin.contact ? (
              <DefinitionList
                items={[
                  ...(s.howToJoin.contact.name ? [{ term: t.common.contact, value: s.howToJoin.contact.name }] : []),
                  ...(s.howToJoin.contact.email
                    ? [{ term: t.common.email, value: <a href={`mailto:${s.howToJoin.contact.email}`}>{s.howToJoin.contact.email}</a> }]
                    : []),
                  ...(s.howToJoin.contact.phone ? [{ term: t.common.phone, value: s.howToJoin.contact.phone }] : []),
                ]}
              />
            ) : null}
            {s.howToJoin.links.length > 0 || s.website ? (
              <ul>
                {s.howToJoin.links.map((l) => (
                  <li key={l.url}>
                    <Link href={l.url}>
                      <Text value={l.label} />
                    </Link>
                  </li>
                ))}
                {s.website ? (
                  <li>
                    <Link href={s.website}>{t.common.website}</Link>
                  </li>
                ) : null}
              </ul>
            ) : null}
          </Section>
          <ListSection title={t.service.subServices} id="sub" items={d.children} keyOf={(c) => c.slug} item={(c) => (
            <>
              <ServiceLink service={c} />{' '}
              <span className="muted">
                – <Text value={c.summary} />
              </span>
            </>
          )} />
          <ServiceCollaborationSections c={collaboration} />
          {d.users.length > 0 ? (
            <Section title={t.service.userAgencies} id="users">
              <details className="ds-details users-details">
                <summary>{t.service.usersRegistered(d.registeredUsers)}</summary>
                <ul className="columns-list">
                  {d.users.map((u) => (
                    <li key={u.orgnr}>
                      <a href={href(`/virksomheter/${u.orgnr}`)}>{text(u.name)}</a>
                    </li>
                  ))}
                </ul>
              </details>
            </Section>
          ) : null}
        </div>
        <FactsAside title={t.service.statusAndDates} source={<SourceNote source={s.factSource} reference={s.sourceRef} />} items={[
            { term: t.common.status, value: t.vocab.status[s.status] },
            ...(s.launchedOn ? [{ term: t.service.launched, value: fmt.date(s.launchedOn) }] : []),
            ...(s.plannedOn ? [{ term: t.service.planned, value: fmt.date(s.plannedOn) }] : []),
            ...(s.phasedOutOn ? [{ term: t.service.phasedOut, value: fmt.date(s.phasedOutOn) }] : []),
            {
              term: t.service.users,
              value: (
                <>
                  {d.registeredUsers > 0 ? <span className="block">{t.service.usersRegistered(d.registeredUsers)}</span> : null}
                  {s.reportedUsers !== null ? <span className="block">{t.service.usersReported(s.reportedUsers, s.reportedUsersYear)}</span> : null}
                  {d.registeredUsers === 0 && s.reportedUsers === null ? t.service.usersUnknown : null}
                  {s.reportedUsersNote ? (
                    <span className="block muted">
                      <Text value={s.reportedUsersNote} />
                    </span>
                  ) : null}
                </>
              ),
            },
            { term: t.common.lastChanged, value: fmt.date(s.updatedAt) },
          ]}
        >
          {d.related.length > 0 ? (
            <nav aria-labelledby="related-heading" className="related">
              <Heading level={2} data-size="xs" id="related-heading">
                {t.service.related}
              </Heading>
              <ItemList items={d.related} keyOf={(r) => r.slug} item={(r) => <ServiceLink service={r} />} />
            </nav>
          ) : null}
          <JsonLink href={`/api/v1/services/${s.slug}`} />
        </FactsAside>
      </div>
      <SearchForm id="bottom-search" />
    </Layout>
  );
}

/** What the provider charges, one row per tier or price model: "250 000 kr per ansatt per år". */
function PriceTable({ prices }: { prices: readonly ServicePriceRow[] }) {
  const { t, fmt } = usePage();
  if (prices.length === 0) return null;
  return (
    <DataTable caption={t.service.prices} columns={[t.service.priceModel, t.service.priceAmount, t.service.priceFrom, t.service.priceNote]}>
      {prices.map((p, i) => (
        <tr key={i}>
          <th scope="row">{p.label ? <Text value={p.label} /> : t.service.wholeService}</th>
          <td className="price">{t.service.priceOf(p.amount, t.vocab.priceUnit[p.unit])}</td>
          <td>{p.validFrom ? fmt.date(p.validFrom) : '–'}</td>
          <td>{p.note ? <Text value={p.note} /> : '–'}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/**
 * A service's tags: its status, delivery model, obligation (a voluntary one only with `voluntaryShown`), its kind when
 * it is not a plain service, then `children`.
 */
function ServiceTags({ s, voluntaryShown, children }: { s: { status: ServiceStatus; model: DeliveryModel; obligation: Obligation; kind: ServiceKind }; voluntaryShown?: boolean; children?: ReactNode }) {
  const { t } = usePage();
  return (
    <div className="tag-row">
      <StatusTag status={s.status} />
      <Tag data-size="sm" data-color="neutral">
        {t.vocab.model[s.model]}
      </Tag>
      {voluntaryShown || s.obligation !== 'voluntary' ? (
        <Tag data-size="sm" data-color={s.obligation === 'voluntary' ? 'neutral' : 'warning'}>
          {t.vocab.obligation[s.obligation]}
        </Tag>
      ) : null}
      {s.kind !== 'service' ? (
        <Tag data-size="sm" data-color="info">
          {t.vocab.kind[s.kind]}
        </Tag>
      ) : null}
      {children}
    </div>
  );
}

/** A service's tiers (or add-ons): each name, "no longer offered" on one that is not current (`marksLegacy`), and its description. */
function TierList({ tiers, marksLegacy }: { tiers: { id: string; name: LocalizedText; description: LocalizedText | null; current: boolean }[]; marksLegacy?: boolean }) {
  const { t } = usePage();
  return (
    <ItemList
      className="tier-list"
      items={tiers}
      keyOf={(x) => x.id}
      item={(x) => (
        <>
          <strong>
            <Text value={x.name} />
          </strong>
          {marksLegacy && !x.current ? <span className="muted"> ({t.service.legacyTier})</span> : null}
          {x.description ? (
            <>
              {' – '}
              <Text value={x.description} />
            </>
          ) : null}
        </>
      )}
    />
  );
}
