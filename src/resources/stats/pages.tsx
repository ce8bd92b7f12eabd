import { Alert, Button, Card, Heading, Paragraph } from '@digdir/designsystemet-react';
import type { FastifyRequest } from 'fastify';
import type { ReactNode } from 'react';
import { Type } from 'typebox';
import { sql } from 'drizzle-orm';
import { type LocalizedText, ORGANISATION_KINDS, pickText } from '../../domain/catalogue.js';
import { queryRows } from '../../db/database.js';
import { formatOrgnr } from '../../domain/orgnr.js';
import { SIZE_CLASSES, type SizeThresholds } from '../../domain/sizeClass.js';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { ChartFigure } from '../../web/charts/ChartFigure.js';
import { Breadcrumbs, JsonLink, PageHeader, Pager, queryString, Section, SelectField } from '../../web/components.js';
import { Text, usePage, useHref } from '../../web/context.js';
import type { DownloadBase } from '../../web/export/StatTableView.js';
import { StatTableView } from '../../web/export/StatTableView.js';
import type { StatTable } from '../../web/export/table.js';
import { formatters, messages } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { listMinistries } from '../agencies/queries.js';
import { sizeClassText } from '../agencies/sizeClassText.js';
import { pageWindow } from '../shared/present.js';
import { SlugParams } from '../shared/schema.js';
import { type ChartContext, coverageChart, gapChart, optOutReasonChart, type RenderedChart, sizeChart, tierChart, trendChart } from './charts.js';
import { publicOptOutReport } from './optouts.js';
import { SmallGroupsNotice } from '../../web/smallGroupsNotice.js';
import { feedbackReport } from './feedback.js';
import { knownSlug, populationFrom } from './input.js';
import { listAreaRows, listServiceRows, type PopulationFilter } from './queries.js';
import type { Paging } from './reports.js';
import { adoptionReport, coverageReport, gapReport, launchesReport, tierReport, trendReport } from './served.js';
import { AdoptionPageQuery, PopulationPageQuery, TrendPageQuery } from './schema.js';
import { osloToday } from '../../domain/osloTime.js';
import { registerStatPage } from './statPage.js';
import {
  adoptionTable,
  agencyMatrixTable,
  coverageAreaTable,
  gapBySizeTable,
  launchesTable,
  gainsTable,
  optOutReasonsTable,
  satisfactionTable,
  optOutTable,
  sizeSplitTable,
  type TableContext,
  tierTable,
  trendTable,
} from './tables.js';

export const PAGE_SIZE = 50;
/** Pages hold at most this many rows of a table; downloads hold all of them. */
const EXPORT_ALL = 1_000_000;

function contexts(req: FastifyRequest, today: string, populationNote?: string): { t: ReturnType<typeof tOf>; c: TableContext; chart: ChartContext } {
  const t = tOf(req);
  const fmt = formatters(req.lang);
  const note = [t.stats.asOf(fmt.date(today)), populationNote].filter(Boolean).join(' ');
  return { t, c: { t, lang: req.lang, note }, chart: { t, fmt, lang: req.lang } };
}
const tOf = (req: FastifyRequest) => messages[req.lang];

// ── Shared page pieces ──────────────────────────────────────────────────────────────────────────────────────────

function StatsLayout({ title, lead, crumbs = [], asOf, children }: { title: string; lead?: ReactNode; crumbs?: { label: string; href: string }[]; asOf: string; children: ReactNode }) {
  const { t, fmt } = usePage();
  const href = useHref();
  const items = [{ label: t.nav.home, href: href('/') }, ...(title === t.stats.title ? [] : [{ label: t.stats.title, href: href('/statistikk') }]), ...crumbs, { label: title }];
  return (
    <Layout title={title} section="stats" description={typeof lead === 'string' ? lead : undefined}>
      <Breadcrumbs items={items} />
      <PageHeader title={title} lead={lead}>
        <Paragraph data-size="sm" className="muted">
          {t.stats.asOf(fmt.date(asOf))}
        </Paragraph>
      </PageHeader>
      {children}
    </Layout>
  );
}

/** A chart with its table; tables with many columns (years, arrangements) go under the chart. */
function Figure({ chart, table, download }: { chart: RenderedChart; table: StatTable; download: DownloadBase }) {
  return <ChartFigure id={chart.id} title={chart.title} summary={chart.summary} svg={chart.svg} table={table} download={download} stacked={table.columns.length > 6} />;
}

/** The population form: ministry area, kind and size class; a GET form that works without JavaScript. */
function PopulationForm({ action, ministries, q, thresholds, showKind = true }: { action: string; ministries: { orgnr: string; name: LocalizedText }[]; q: { ministry?: string | undefined; size?: string | undefined; kind?: string | undefined }; thresholds: SizeThresholds; showKind?: boolean }) {
  const { t, lang } = usePage();
  const sizes = SIZE_CLASSES.filter((c) => c !== 'gap' || thresholds.largeAbove > thresholds.mediumMax);
  return (
    <form method="get" action={action} className="filter-form" aria-labelledby="filter-heading">
      <Heading level={2} data-size="xs" id="filter-heading">
        {t.stats.coverage.filters}
      </Heading>
      <div className="filter-row">
        <SelectField
          id="f-ministry"
          name="ministry"
          label={t.agency.filterMinistry}
          value={q.ministry ?? ''}
          options={[{ value: '', label: t.agency.allMinistries }, ...ministries.map((m) => ({ value: m.orgnr, label: pickText(m.name, lang).text }))]}
        />
        {showKind ? (
          <SelectField
            id="f-kind"
            name="kind"
            label={t.agency.filterKind}
            value={q.kind ?? ''}
            options={[{ value: '', label: t.stats.coverage.allKinds }, ...ORGANISATION_KINDS.map((k) => ({ value: k, label: t.vocab.orgKind[k] }))]}
          />
        ) : null}
        <SelectField
          id="f-size"
          name="size"
          label={t.agency.filterSize}
          value={q.size ?? ''}
          options={[{ value: '', label: t.agency.allSizes }, ...sizes.map((c) => ({ value: c, label: sizeClassText(t, c, thresholds) }))]}
        />
      </div>
      <Button type="submit">{t.stats.coverage.apply}</Button>
    </form>
  );
}

/** A paged table of agencies with their coverage, and its pager (the download has every row). */
function AgencyMatrix({ table, total, page, pageCount, download, filters }: { table: StatTable; total: number; page: number; pageCount: number; download: DownloadBase; filters: Record<string, string | undefined> }) {
  const { t } = usePage();
  return (
    <>
      <Paragraph data-size="sm">{t.stats.coverage.agenciesNote}</Paragraph>
      {total === 0 ? <Paragraph>{t.stats.coverage.noAgencies}</Paragraph> : <StatTableView table={table} download={download} captionHidden />}
      <Pager page={page} pageCount={pageCount} hrefFor={(p) => download.path + queryString({ ...filters, page: p > 1 ? p : undefined })} />
    </>
  );
}

function StatNav() {
  const { t } = usePage();
  const href = useHref();
  const pages = [
    ['coverage', '/statistikk/dekning'],
    ['gap', '/statistikk/hull'],
    ['adoption', '/statistikk/bruk'],
    ['trends', '/statistikk/utvikling'],
    ['optouts', '/statistikk/fravalg'],
    ['feedback', '/statistikk/tilfredshet-og-gevinster'],
  ] as const;
  return (
    <ul className="stat-nav">
      {pages.map(([key, path]) => (
        <li key={key}>
          <Card data-color="neutral">
            <Heading level={3} data-size="2xs">
              <a href={href(path)}>{t.stats.pages[key].title}</a>
            </Heading>
            <Paragraph data-size="sm">{t.stats.pages[key].lead}</Paragraph>
          </Card>
        </li>
      ))}
      <li>
        <Card data-color="neutral">
          <Heading level={3} data-size="2xs">
            <a href={href('/statistikk/departementer')}>{t.stats.ministry.listTitle}</a>
          </Heading>
          <Paragraph data-size="sm">{t.stats.ministry.lead}</Paragraph>
        </Card>
      </li>
    </ul>
  );
}

// ── Pages ───────────────────────────────────────────────────────────────────────────────────────────────────────

export async function registerStatsPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const th = deps.config.sizeThresholds;

  registerStatPage(app, '/statistikk', { querystring: Type.Object({}) }, async (req, download) => {
    const today = osloToday();
    const f: PopulationFilter = await populationFrom(db, {}, req.lang);
    const [cov, gap, adoption, areas] = await Promise.all([
      coverageReport(db, th, today, f, req.lang, { offset: 0, limit: 0 }),
      gapReport(db, th, today, f, req.lang, { offset: 0, limit: 0 }),
      adoptionReport(db, th, today, {}, 'users', req.lang),
      listAreaRows(db),
    ]);
    const { t, c, chart } = contexts(req, today, tOf(req).stats.population(cov.population));
    const table = coverageAreaTable(c, cov);
    const figure = coverageChart(chart, cov);
    // The most used service in each of the first two areas (payroll and accounting in the report's order).
    const headline = areas
      .slice(0, 2)
      .map((a) => adoption.rows.find((r) => r.service.area.slug === a.slug && r.share !== null))
      .filter((r): r is NonNullable<typeof r> => !!r);
    return {
      name: 'statistikk',
      asOf: today,
      tables: [table],
      page: () => (
        <StatsLayout title={t.stats.title} lead={t.stats.lead} asOf={today}>
          <Section title={t.stats.keyFigures} id="key-figures">
            <ul className="key-figures">
              <li>
                <span className="figure">{chart.fmt.number(cov.population)}</span> {t.stats.figureAgencies}
              </li>
              <li>
                <span className="figure">{chart.fmt.number(gap.exposed)}</span> {t.stats.figureGap}
              </li>
              {headline.map((r) => (
                <li key={r.service.slug}>
                  <span className="figure">{chart.fmt.percent(r.share!)}</span> {t.stats.figureAdoption(`${r.service.provider.shortName ?? pickText(r.service.provider.name, req.lang).text} ${pickText(r.service.name, req.lang).text.toLowerCase()}`)} ({r.eligibleUsers}/{r.eligible})
                </li>
              ))}
            </ul>
          </Section>
          <Section title={t.stats.sectionsHeading} id="sections">
            <StatNav />
          </Section>
          <Section title={t.stats.pages.coverage.title} id="coverage">
            <Paragraph>{t.stats.coverage.explanation}</Paragraph>
            <Figure chart={figure} table={table} download={download} />
          </Section>
          <Section title={t.stats.comingHeading} id="coming">
            <Paragraph>{t.stats.comingText}</Paragraph>
          </Section>
        </StatsLayout>
      ),
    };
  }, { publicPage: true });

  /** The common part of the pages about a population (coverage, gap): filters, paging, the report, the ministries. */
  async function populationView<R extends { agencies: { total: number }; population: number }>(req: FastifyRequest, mode: 'page' | 'export', load: (f: PopulationFilter, today: string, paging: Paging) => Promise<R>) {
    const q = req.query as PopulationPageQuery;
    const today = osloToday();
    const f = await populationFrom(db, q, req.lang);
    const paging = mode === 'export' ? { offset: 0, limit: EXPORT_ALL } : { offset: (q.page - 1) * PAGE_SIZE, limit: PAGE_SIZE };
    const [r, ministries] = await Promise.all([load(f, today, paging), listMinistries(db, req.lang)]);
    const { pageCount, outOfRange } = pageWindow(r.agencies.total, q.page, PAGE_SIZE);
    if (outOfRange) throw new HttpProblem(404, tOf(req).errors.notFound);
    return { q, f, today, r, ministries, pageCount, filters: { ministry: f.ministry, size: q.size, kind: q.kind }, ...contexts(req, today, tOf(req).stats.population(r.population)) };
  }

  registerStatPage(app, '/statistikk/dekning', { querystring: PopulationPageQuery }, async (req, download, mode) => {
    const { q, f, today, r, ministries, pageCount, filters, t, c, chart } = await populationView(req, mode, (f, today, paging) => coverageReport(db, th, today, f, req.lang, paging));
    const areaTable = coverageAreaTable(c, r);
    const matrix = agencyMatrixTable(c, 'virksomheter', t.stats.coverage.agenciesTitle, r.areas, r.agencies.items);
    const figure = coverageChart(chart, r);
    return {
      name: 'dekning',
      asOf: today,
      tables: [areaTable, matrix],
      page: () => (
        <StatsLayout title={t.stats.pages.coverage.title} lead={t.stats.pages.coverage.lead} asOf={today}>
          <PopulationForm action={download.path} ministries={ministries} q={filters} thresholds={th} />
          <Paragraph>{t.stats.population(r.population)}</Paragraph>
          <Paragraph>{t.stats.coverage.explanation}</Paragraph>
          <Figure chart={figure} table={areaTable} download={download} />
          <Paragraph data-size="sm" className="muted">
            {t.stats.coverage.inHouseNote}
          </Paragraph>
          <Section title={t.stats.coverage.agenciesTitle} id="agencies">
            <AgencyMatrix table={matrix} total={r.agencies.total} page={q.page} pageCount={pageCount} download={download} filters={filters} />
          </Section>
          <JsonLink href={`/api/v1/stats/coverage${queryString(filters)}`} />
        </StatsLayout>
      ),
    };
  }, { publicPage: true });

  registerStatPage(app, '/statistikk/hull', { querystring: PopulationPageQuery }, async (req, download, mode) => {
    const { q, today, r, ministries, pageCount, filters, t, c, chart } = await populationView(req, mode, (f, today, paging) => gapReport(db, th, today, f, req.lang, paging));
    const bySize = gapBySizeTable(c, r);
    const list = agencyMatrixTable(c, 'virksomheter', t.stats.gap.tableTitle, r.gapAreas, r.agencies.items);
    const figure = gapChart(chart, r);
    return {
      name: 'hull',
      asOf: today,
      tables: [bySize, list],
      page: () => (
        <StatsLayout title={t.stats.pages.gap.title} lead={t.stats.pages.gap.lead} asOf={today}>
          <blockquote className="quote">
            <Paragraph>{t.stats.gap.quote}</Paragraph>
          </blockquote>
          <PopulationForm action={download.path} ministries={ministries} q={filters} thresholds={th} />
          <Alert data-color={r.exposed ? 'warning' : 'success'} className="page-alert">
            <Paragraph>{r.exposed ? t.stats.gap.exposed(r.exposed, r.population) : t.stats.gap.none}</Paragraph>
          </Alert>
          <Figure chart={figure} table={bySize} download={download} />
          <Section title={t.stats.gap.tableTitle} id="agencies">
            <AgencyMatrix table={list} total={r.agencies.total} page={q.page} pageCount={pageCount} download={download} filters={filters} />
          </Section>
          <JsonLink href={`/api/v1/stats/coverage${queryString(filters)}`} />
        </StatsLayout>
      ),
    };
  }, { publicPage: true });

  registerStatPage(app, '/statistikk/bruk', { querystring: AdoptionPageQuery }, async (req, download, mode) => {
    const q = req.query as AdoptionPageQuery;
    const today = osloToday();
    const [area, provider] = await Promise.all([knownSlug(db, 'areas', 'area', q.area, req.lang), knownSlug(db, 'providers', 'provider', q.provider, req.lang)]);
    const sort = q.sort ?? 'users';
    const [r, areas, providers] = await Promise.all([
      adoptionReport(db, th, today, { area, provider }, sort, req.lang),
      listAreaRows(db),
      listServiceRows(db).then((rows) => [...new Map(rows.map((s) => [s.provider.slug, s.provider])).values()]),
    ]);
    const { pageCount, outOfRange, offset } = pageWindow(r.rows.length, q.page, PAGE_SIZE);
    if (outOfRange) throw new HttpProblem(404, tOf(req).errors.notFound);
    const rows = mode === 'export' ? r.rows : r.rows.slice(offset, offset + PAGE_SIZE);
    const { t, c, chart } = contexts(req, today);
    const table = adoptionTable(c, rows);
    const tiers = await tierReport(db, today, r.rows.map((x) => x.service));
    const tierTab = tierTable(c, tiers);
    const top = r.rows.find((x) => x.share !== null);
    const topChart = top ? sizeChart(chart, top, 'bruk-storrelse') : undefined;
    const topTable = top ? sizeSplitTable(c, top) : undefined;
    const tierFigure = tiers.length ? tierChart(chart, tiers) : undefined;
    const filters = { area, provider, sort: q.sort };
    const lang = req.lang;
    return {
      name: 'bruk',
      asOf: today,
      tables: [table, tierTab, ...(topTable ? [topTable] : [])],
      page: () => (
        <StatsLayout title={t.stats.pages.adoption.title} lead={t.stats.pages.adoption.lead} asOf={today}>
          <form method="get" action={download.path} className="filter-form" aria-labelledby="filter-heading">
            <Heading level={2} data-size="xs" id="filter-heading">
              {t.stats.coverage.filters}
            </Heading>
            <div className="filter-row">
              <SelectField id="f-area" name="area" label={t.stats.table.area} value={area ?? ''} options={[{ value: '', label: t.stats.adoption.allAreas }, ...areas.map((a) => ({ value: a.slug, label: pickText(a.name, lang).text }))]} />
              <SelectField
                id="f-provider"
                name="provider"
                label={t.stats.table.provider}
                value={provider ?? ''}
                options={[{ value: '', label: t.stats.adoption.allProviders }, ...providers.map((p) => ({ value: p.slug, label: p.shortName ?? pickText(p.name, lang).text })).sort((a, b) => a.label.localeCompare(b.label, 'nb'))]}
              />
              <SelectField
                id="f-sort"
                name="sort"
                label={t.stats.adoption.sort}
                value={sort}
                options={[
                  { value: 'users', label: t.stats.adoption.sortUsers },
                  { value: 'share', label: t.stats.adoption.sortShare },
                  { value: 'name', label: t.stats.adoption.sortName },
                ]}
              />
            </div>
            <Button type="submit">{t.stats.coverage.apply}</Button>
          </form>
          <Paragraph data-size="sm">{t.stats.adoption.eligibilityNote}</Paragraph>
          {topChart && topTable ? <Figure chart={topChart} table={topTable} download={download} /> : null}
          <Section title={t.stats.adoption.tableTitle} id="services">
            {r.rows.length === 0 ? <Paragraph>{t.stats.adoption.noServices}</Paragraph> : <StatTableView table={table} download={download} captionHidden />}
            <Pager page={q.page} pageCount={pageCount} hrefFor={(p) => download.path + queryString({ ...filters, page: p > 1 ? p : undefined })} />
          </Section>
          {tierFigure ? (
            <Section title={t.stats.adoption.tiersTitle} id="tiers">
              <Figure chart={tierFigure} table={tierTab} download={download} />
              {tiers
                .filter((x) => x.notStated > 0)
                .map((x) => (
                  <Paragraph key={x.service.slug} data-size="sm" className="muted">
                    <Text value={x.service.name} />: {t.stats.adoption.tierNotStated(x.notStated)}
                  </Paragraph>
                ))}
            </Section>
          ) : null}
          <JsonLink href={`/api/v1/stats/adoption${queryString({ area, provider, sort: q.sort })}`} />
        </StatsLayout>
      ),
    };
  }, { publicPage: true });

  registerStatPage(app, '/statistikk/utvikling', { querystring: TrendPageQuery }, async (req, download) => {
    const q = req.query as { area?: string };
    const today = osloToday();
    const area = await knownSlug(db, 'areas', 'area', q.area, req.lang);
    const by = area ? 'service' : 'area';
    const [r, launches, areas] = await Promise.all([trendReport(db, today, by, { area }), launchesReport(db, today, 5, { area }), listAreaRows(db)]);
    const { t, c, chart } = contexts(req, today);
    const table = trendTable(c, r);
    const figure = trendChart(chart, r);
    const launched = launchesTable(c, 'nye', t.stats.trends.launchedTitle, launches.launched, 'launched');
    const planned = launchesTable(c, 'planlagte', t.stats.trends.plannedTitle, launches.planned, 'planned');
    const lang = req.lang;
    return {
      name: 'utvikling',
      asOf: today,
      tables: [table, launched, planned],
      page: () => (
        <StatsLayout title={t.stats.pages.trends.title} lead={t.stats.pages.trends.lead} asOf={today}>
          <form method="get" action={download.path} className="filter-form" aria-labelledby="filter-heading">
            <Heading level={2} data-size="xs" id="filter-heading">
              {t.stats.coverage.filters}
            </Heading>
            <div className="filter-row">
              <SelectField id="f-area" name="area" label={t.stats.trends.area} value={area ?? ''} options={[{ value: '', label: t.stats.trends.allAreas }, ...areas.map((a) => ({ value: a.slug, label: pickText(a.name, lang).text }))]} />
            </div>
            <Button type="submit">{t.stats.coverage.apply}</Button>
          </form>
          {r.undated ? (
            <Paragraph data-size="sm" className="muted">
              {t.stats.trends.undated(r.undated)}
            </Paragraph>
          ) : null}
          <Figure chart={figure} table={table} download={download} />
          <Section title={t.stats.trends.launchedTitle} id="launched">
            {launches.launched.length === 0 ? <Paragraph>{t.stats.trends.noneLaunched}</Paragraph> : <StatTableView table={launched} download={download} captionHidden />}
          </Section>
          <Section title={t.stats.trends.plannedTitle} id="planned">
            {launches.planned.length === 0 ? <Paragraph>{t.stats.trends.nonePlanned}</Paragraph> : <StatTableView table={planned} download={download} captionHidden />}
          </Section>
          <JsonLink href={`/api/v1/stats/trends${queryString({ area })}`} />
        </StatsLayout>
      ),
    };
  }, { publicPage: true });

  // Reads declarations too: cached whole until the catalogue changes or the declarations do (`statistics`: at most
  // every STATS_LAG_SECONDS).
  registerStatPage(app, '/statistikk/fravalg', { querystring: Type.Object({}) }, async (req, download) => {
    const today = osloToday();
    const { t, c, chart } = contexts(req, today);
    const items = await publicOptOutReport(db, th);
    const table = optOutTable(c, items);
    const withReasons = items.filter((i) => i.reasons.length > 0);
    const reasonTables = withReasons.map((i, n) => optOutReasonsTable(c, i, `begrunnelser-${n + 1}`));
    const reasonCharts = withReasons.map((i, n) => optOutReasonChart(chart, i, `begrunnelser-${n + 1}-diagram`));
    return {
      name: 'fravalg',
      asOf: today,
      tables: [table, ...reasonTables],
      page: () => (
        <StatsLayout title={t.stats.pages.optouts.title} lead={t.stats.pages.optouts.lead} asOf={today}>
          {items.length === 0 ? (
            <Alert data-color="info" className="page-alert">
              <Paragraph>{t.stats.optouts.notYet}</Paragraph>
            </Alert>
          ) : null}
          <Section title={t.stats.optouts.tableTitle} id="table">
            <StatTableView table={table} download={download} captionHidden />
          </Section>
          {withReasons.length > 0 ? (
            <Section title={t.stats.optouts.reasonsTitle} id="reasons">
              {withReasons.map((_, n) => (
                <Figure key={n} chart={reasonCharts[n]!} table={reasonTables[n]!} download={download} />
              ))}
            </Section>
          ) : null}
          <Section title={t.stats.optouts.howTitle} id="how">
            <Paragraph>{t.stats.optouts.how}</Paragraph>
            <SmallGroupsNotice />
            {deps.config.statsLagSeconds > 0 ? <Paragraph>{t.stats.optouts.lag(deps.config.statsLagSeconds)}</Paragraph> : null}
          </Section>
          <JsonLink href="/api/v1/stats/optouts" />
        </StatsLayout>
      ),
    };
  }, { publicPage: ['catalogue', 'statistics'] });

  registerStatPage(app, '/statistikk/tilfredshet-og-gevinster', { querystring: Type.Object({}) }, async (req, download) => {
    const today = osloToday();
    const { t, c } = contexts(req, today);
    const report = await feedbackReport(db, (deps.clock ?? (() => new Date()))(), th);
    const satisfaction = satisfactionTable(c, report);
    const gains = gainsTable(c, report);
    return {
      name: 'tilfredshet-og-gevinster',
      asOf: today,
      tables: [satisfaction, gains],
      page: () => (
        <StatsLayout title={t.stats.pages.feedback.title} lead={t.stats.pages.feedback.lead} asOf={today}>
          <Section title={t.stats.feedback.satisfactionTitle} id="satisfaction">
            <Paragraph>{t.stats.feedback.anonymity}</Paragraph>
            {report.surveys.length === 0 ? <Paragraph>{t.stats.feedback.noSurveys}</Paragraph> : <StatTableView table={satisfaction} download={download} captionHidden />}
          </Section>
          <Section title={t.stats.feedback.gainsTitle} id="gains">
            {gains.rows.length === 0 ? <Paragraph>{t.stats.feedback.noGains}</Paragraph> : <StatTableView table={gains} download={download} captionHidden />}
          </Section>
        </StatsLayout>
      ),
    };
  });

  registerStatPage(app, '/statistikk/leverandorer/:slug', { querystring: Type.Object({}), params: SlugParams }, async (req, download) => {
    const slug = (req.params as { slug: string }).slug;
    const today = osloToday();
    const t0 = tOf(req);
    const services = await listServiceRows(db, { provider: slug });
    const [provider] = await queryRows<{ slug: string; name: LocalizedText; short_name: string | null }>(db, sql`select slug, name, short_name from providers where slug = ${slug}`);
    if (!provider) throw new HttpProblem(404, t0.errors.unknownProvider(slug));
    const [r, tiers, trend] = await Promise.all([adoptionReport(db, th, today, { provider: slug }, 'users', req.lang), tierReport(db, today, services), trendReport(db, today, 'service', { provider: slug })]);
    const { t, c, chart } = contexts(req, today);
    const name = provider.short_name ?? pickText(provider.name, req.lang).text;
    const table = adoptionTable(c, r.rows);
    const tierTab = tierTable(c, tiers);
    const trendTab = trendTable(c, trend);
    const tierFigure = tiers.length ? tierChart(chart, tiers) : undefined;
    const trendFigure = trend.series.length ? trendChart(chart, trend) : undefined;
    const top = r.rows.find((x) => x.share !== null);
    const topChart = top ? sizeChart(chart, top, 'leverandor-storrelse') : undefined;
    const topTable = top ? sizeSplitTable(c, top) : undefined;
    return {
      name: `leverandor-${slug}`,
      asOf: today,
      tables: [table, tierTab, trendTab, ...(topTable ? [topTable] : [])],
      page: () => (
        <StatsLayout title={t.stats.provider.title(name)} lead={t.stats.provider.lead} asOf={today} crumbs={[]}>
          <Paragraph>
            <a href={`${download.path.replace(/\/statistikk\/leverandorer\//, '/leverandorer/')}`}>
              <Text value={provider.name} />
            </a>
          </Paragraph>
          {r.rows.length === 0 ? <Paragraph>{t.stats.provider.noServices}</Paragraph> : null}
          {topChart && topTable ? <Figure chart={topChart} table={topTable} download={download} /> : null}
          <Section title={t.stats.adoption.tableTitle} id="services">
            <StatTableView table={table} download={download} captionHidden />
          </Section>
          {tierFigure ? (
            <Section title={t.stats.adoption.tiersTitle} id="tiers">
              <Figure chart={tierFigure} table={tierTab} download={download} />
            </Section>
          ) : null}
          {trendFigure ? (
            <Section title={t.stats.pages.trends.title} id="trends">
              <Figure chart={trendFigure} table={trendTab} download={download} />
            </Section>
          ) : null}
          <JsonLink href={`/api/v1/stats/adoption${queryString({ provider: slug })}`} />
        </StatsLayout>
      ),
    };
  });

  registerStatPage(app, '/statistikk/departementer', { querystring: Type.Object({}) }, async (req, download) => {
    const today = osloToday();
    const ministries = await listMinistries(db, req.lang);
    const { t, c } = contexts(req, today);
    const table: StatTable = {
      id: 'departementer',
      title: t.stats.ministry.listTitle,
      columns: [
        { key: 'ministry', label: t.stats.table.ministry, type: 'text' },
        { key: 'orgnr', label: t.stats.table.orgnr, type: 'text' },
      ],
      rows: ministries.map((m) => [{ text: m.name, href: `${download.path}/${m.orgnr}` }, formatOrgnr(m.orgnr)]),
      note: c.note,
    };
    return {
      name: 'departementer',
      asOf: today,
      tables: [table],
      page: () => (
        <StatsLayout title={t.stats.ministry.listTitle} lead={t.stats.ministry.lead} asOf={today}>
          <StatTableView table={table} download={download} captionHidden />
        </StatsLayout>
      ),
    };
  });

  registerStatPage(app, '/statistikk/departementer/:orgnr', { querystring: Type.Object({ page: PopulationPageQuery.properties.page }), params: Type.Object({ orgnr: Type.String({ maxLength: 100 }) }) }, async (req, download, mode) => {
    const raw = (req.params as { orgnr: string }).orgnr;
    const page = (req.query as { page: number }).page;
    const today = osloToday();
    const f = await populationFrom(db, { ministry: raw }, req.lang).catch((e: unknown) => {
      if (e instanceof HttpProblem && e.status === 400 && /^\d{9}$/.test(raw.replace(/\s/g, ''))) throw new HttpProblem(404, tOf(req).stats.ministry.notMinistry(raw));
      throw e;
    });
    const ministryOrgnr = f.ministry!;
    const offset = mode === 'export' ? 0 : (page - 1) * PAGE_SIZE;
    const limit = mode === 'export' ? EXPORT_ALL : PAGE_SIZE;
    const [cov, gap, adoption, ministries] = await Promise.all([
      coverageReport(db, th, today, f, req.lang, { offset, limit }),
      gapReport(db, th, today, f, req.lang, { offset: 0, limit: mode === 'export' ? EXPORT_ALL : PAGE_SIZE }),
      adoptionReport(db, th, today, {}, 'users', req.lang, ministryOrgnr),
      listMinistries(db, req.lang),
    ]);
    const ministry = ministries.find((m) => m.orgnr === ministryOrgnr)!;
    const { pageCount, outOfRange } = pageWindow(cov.agencies.total, page, PAGE_SIZE);
    if (outOfRange) throw new HttpProblem(404, tOf(req).errors.notFound);
    const { t, c, chart } = contexts(req, today, tOf(req).stats.population(cov.population));
    const name = pickText(ministry.name, req.lang).text;
    const areaTable = coverageAreaTable(c, cov);
    const matrix = agencyMatrixTable(c, 'virksomheter', t.stats.coverage.agenciesTitle, cov.areas, cov.agencies.items);
    const used = adoption.rows.filter((r) => r.eligibleUsers > 0 || r.users > 0);
    // A ministry area's agencies may use hundreds of services at national scale: the page shows the most used.
    const adoptionTab = adoptionTable(c, mode === 'export' ? used : used.slice(0, PAGE_SIZE), 'tjenester', t.stats.ministry.adoptionTitle);
    const gapList = agencyMatrixTable(c, 'hull', t.stats.gap.tableTitle, gap.gapAreas, gap.agencies.items);
    const figure = coverageChart(chart, cov);
    return {
      name: `departement-${ministryOrgnr}`,
      asOf: today,
      tables: [areaTable, matrix, adoptionTab, gapList],
      page: () => (
        <StatsLayout title={t.stats.ministry.title(name)} lead={t.stats.ministry.lead} asOf={today} crumbs={[{ label: t.stats.ministry.listTitle, href: download.path.replace(/\/\d{9}$/, '') }]}>
          <Paragraph>
            <a href={download.path.replace(/\/statistikk\/departementer\//, '/virksomheter/')}>{name}</a> · {t.stats.population(cov.population)}
          </Paragraph>
          <Figure chart={figure} table={areaTable} download={download} />
          <Section title={t.stats.coverage.agenciesTitle} id="agencies">
            <AgencyMatrix table={matrix} total={cov.agencies.total} page={page} pageCount={pageCount} download={download} filters={{}} />
          </Section>
          <Section title={t.stats.ministry.adoptionTitle} id="services">
            <StatTableView table={adoptionTab} download={download} captionHidden />
            {used.length > adoptionTab.rows.length ? <Paragraph data-size="sm">{t.stats.table.showing(adoptionTab.rows.length, used.length)}</Paragraph> : null}
          </Section>
          <Section title={t.stats.gap.tableTitle} id="gap">
            <Paragraph>{gap.exposed ? t.stats.gap.exposed(gap.exposed, gap.population) : t.stats.gap.none}</Paragraph>
            {gap.exposed ? <StatTableView table={gapList} download={download} captionHidden /> : null}
            {gap.exposed > gapList.rows.length ? <Paragraph data-size="sm">{t.stats.table.showing(gapList.rows.length, gap.exposed)}</Paragraph> : null}
          </Section>
          <JsonLink href={`/api/v1/stats/coverage${queryString({ ministry: ministryOrgnr })}`} />
        </StatsLayout>
      ),
    };
  });
}
