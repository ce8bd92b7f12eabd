import { Paragraph } from '@digdir/designsystemet-react';
import type { App, AppDeps } from '../../../server/types.js';
import { coverageChart } from '../charts.js';
import { coverageReport } from '../served.js';
import { coverageAreaTable } from '../tables.js';
import { registerPopulationPage } from './populationPage.js';

/** Coverage: which agencies use a shared service per area, by ministry area, kind and size. */
export function registerCoveragePage(app: App, deps: AppDeps): void {
  registerPopulationPage(app, deps, { path: '/statistikk/dekning', name: 'dekning', load: coverageReport }, ({ t, c, chart, r }) => ({
    texts: t.stats.pages.coverage,
    drawn: { summary: coverageAreaTable(c, r), figure: coverageChart(chart, r), matrixTitle: t.stats.coverage.agenciesTitle, matrixAreas: r.areas },
    body: (form, figure) => (
      <>
        {form}
        <Paragraph>{t.stats.population(r.population)}</Paragraph>
        <Paragraph>{t.stats.coverage.explanation}</Paragraph>
        {figure}
        <Paragraph data-size="sm" className="muted">
          {t.stats.coverage.inHouseNote}
        </Paragraph>
      </>
    ),
  }));
}
