/** What the statistics pages share: the layout with its date, the population form, figures, the agency matrix. */
import type { Database } from '../../../db/database.js';
import { Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import type { FastifyRequest } from 'fastify';
import type { ReactNode } from 'react';
import type { LocalizedText } from '../../../domain/catalogue.js';
import type { SizeThresholds } from '../../../domain/sizeClass.js';
import { HttpProblem } from '../../../server/problem.js';
import { ChartFigure } from '../../../web/charts/ChartFigure.js';
import { Breadcrumbs, PageHeader, Pager, queryString, TextField } from '../../../web/components.js';
import { usePage, useHref } from '../../../web/context.js';
import type { DownloadBase } from '../../../web/export/StatTableView.js';
import { StatTableView } from '../../../web/export/StatTableView.js';
import type { StatTable } from '../../../web/export/table.js';
import { formatters, messages } from '../../../web/i18n/index.js';
import { Layout } from '../../../web/layout.js';
import { listMinistries } from '../../agencies/queries.js';
import { PopulationSelects } from '../../agencies/populationSelects.js';
import { pageWindow } from '../../shared/present.js';
import type { ChartContext, RenderedChart } from '../charts.js';
import { populationFrom } from '../input.js';
import type { PopulationFilter } from '../queries.js';
import type { Paging } from '../reports.js';
import { PopulationPageQuery } from '../schema.js';
import { askedAsOf, asOfOf } from '../asOf.js';
import type { TableContext } from '../tables.js';

export const PAGE_SIZE = 50;
/** Pages hold at most this many rows of a table; downloads hold all of them. */
export const EXPORT_ALL = 1_000_000;

export function contexts(req: FastifyRequest, today: string, populationNote?: string): { t: ReturnType<typeof tOf>; c: TableContext; chart: ChartContext } {
  const t = tOf(req);
  const fmt = formatters(req.lang);
  const note = [t.stats.asOf(fmt.date(today)), populationNote].filter(Boolean).join(' ');
  return { t, c: { t, lang: req.lang, note }, chart: { t, fmt, lang: req.lang } };
}
export const tOf = (req: FastifyRequest) => messages[req.lang];

/** `dayForm`: the page has no filters of its own, only the day (a form with the date field, to that address). */
export function StatsLayout({ title, lead, crumbs = [], asOf, dayForm, children }: { title: string; lead?: ReactNode; crumbs?: { label: string; href: string }[]; asOf: string; dayForm?: string; children: ReactNode }) {
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
      {dayForm ? <FilterForm action={dayForm} /> : null}
      {children}
    </Layout>
  );
}

/** A chart with its table; tables with many columns (years, arrangements) go under the chart. */
export function Figure({ chart, table, download }: { chart: RenderedChart; table: StatTable; download: DownloadBase }) {
  return <ChartFigure id={chart.id} title={chart.title} summary={chart.summary} svg={chart.svg} table={table} download={download} stacked={table.columns.length > 6} />;
}

/** The population form: ministry area, kind and size class; a GET form that works without JavaScript. */
export function PopulationForm({ action, ministries, q, thresholds, showKind = true }: { action: string; ministries: { orgnr: string; name: LocalizedText }[]; q: { ministry?: string | undefined; size?: string | undefined; kind?: string | undefined }; thresholds: SizeThresholds; showKind?: boolean }) {
  const { t } = usePage();
  return (
    <FilterForm action={action}>
      <PopulationSelects idPrefix="f" ministries={ministries} q={q} thresholds={thresholds} allKinds={showKind ? t.stats.coverage.allKinds : undefined} />
    </FilterForm>
  );
}

/**
 * A statistics page's filters: a GET form (works without JavaScript) with a heading, a row of fields and a button.
 * Every one starts with the day the figures are for (`asOf`, issue 17), kept from the request; a page without
 * other filters has a form with only that field.
 */
export function FilterForm({ action, children }: { action: string; children?: ReactNode }) {
  const { t } = usePage();
  return (
    <form method="get" action={action} className="filter-form" aria-labelledby="filter-heading">
      <Heading level={2} data-size="xs" id="filter-heading">
        {t.stats.coverage.filters}
      </Heading>
      <div className="filter-row">
        <AsOfField />
        {children}
      </div>
      <Button type="submit">{t.stats.coverage.apply}</Button>
    </form>
  );
}

/** The day the figures are for: empty means today (the page's header says which day that is). */
export function AsOfField() {
  const { t, path } = usePage();
  const asked = new URLSearchParams(path.split('?')[1] ?? '').get('asOf') ?? undefined;
  return <TextField id="f-asOf" name="asOf" type="date" label={t.stats.asOfField} description={t.stats.asOfFieldHelp} value={asked || undefined} />;
}

/** A paged table of agencies with their coverage, and its pager (the download has every row). */
export function AgencyMatrix({ table, total, page, pageCount, download, filters }: { table: StatTable; total: number; page: number; pageCount: number; download: DownloadBase; filters: Record<string, string | undefined> }) {
  const { t } = usePage();
  return (
    <>
      <Paragraph data-size="sm">{t.stats.coverage.agenciesNote}</Paragraph>
      {total === 0 ? <Paragraph>{t.stats.coverage.noAgencies}</Paragraph> : <StatTableView table={table} download={download} captionHidden />}
      <Pager page={page} pageCount={pageCount} hrefFor={(p) => download.path + queryString({ ...filters, page: p > 1 ? p : undefined })} />
    </>
  );
}

/** The common part of the pages about a population (coverage, gap): filters, paging, the report, the ministries. */
export function populationViewOf(db: Database) {
  return async function populationView<R extends { agencies: { total: number }; population: number }>(req: FastifyRequest, mode: 'page' | 'export', load: (f: PopulationFilter, today: string, paging: Paging) => Promise<R>) {
    const q = req.query as PopulationPageQuery;
    const today = asOfOf(req);
    const f = await populationFrom(db, q, req.lang);
    const paging = mode === 'export' ? { offset: 0, limit: EXPORT_ALL } : { offset: (q.page - 1) * PAGE_SIZE, limit: PAGE_SIZE };
    const [r, ministries] = await Promise.all([load(f, today, paging), listMinistries(db, req.lang)]);
    const { pageCount, outOfRange } = pageWindow(r.agencies.total, q.page, PAGE_SIZE);
    if (outOfRange) throw new HttpProblem(404, tOf(req).errors.notFound);
    return { q, f, today, r, ministries, pageCount, filters: { ministry: f.ministry, size: q.size, kind: q.kind, asOf: askedAsOf(req) }, ...contexts(req, today, tOf(req).stats.population(r.population)) };
  };
}
