import { Paragraph } from '@digdir/designsystemet-react';
import type { App, AppDeps } from '../../../server/types.js';
import { JsonLink, queryString, Section } from '../../../web/components.js';
import { coverageChart } from '../charts.js';
import { coverageReport } from '../served.js';
import { PopulationPageQuery } from '../schema.js';
import { registerStatPage } from '../statPage.js';
import { agencyMatrixTable, coverageAreaTable } from '../tables.js';
import { StatsLayout, Figure, PopulationForm, AgencyMatrix, populationViewOf } from './shared.js';

/** Coverage: which agencies use a shared service per area, by ministry area, kind and size. */
export function registerCoveragePage(app: App, deps: AppDeps): void {
  const { db } = deps.database;
  const th = deps.config.sizeThresholds;
  const populationView = populationViewOf(db);

  registerStatPage(app, '/statistikk/dekning', { querystring: PopulationPageQuery }, async (req, download, mode) => {
    const { q, today, r, ministries, pageCount, filters, t, c, chart } = await populationView(req, mode, (f, today, paging) => coverageReport(db, th, today, f, req.lang, paging));
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
}
