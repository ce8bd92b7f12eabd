import { Alert, Paragraph } from '@digdir/designsystemet-react';
import type { App, AppDeps } from '../../../server/types.js';
import { JsonLink, queryString, Section } from '../../../web/components.js';
import { gapChart } from '../charts.js';
import { gapReport } from '../served.js';
import { PopulationPageQuery } from '../schema.js';
import { registerStatPage } from '../statPage.js';
import { agencyMatrixTable, gapBySizeTable } from '../tables.js';
import { StatsLayout, Figure, PopulationForm, AgencyMatrix, populationViewOf } from './shared.js';

/** The gap: agencies that neither use a shared service nor handle the area in-house. */
export function registerGapPage(app: App, deps: AppDeps): void {
  const { db } = deps.database;
  const th = deps.config.sizeThresholds;
  const populationView = populationViewOf(db);

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
}
