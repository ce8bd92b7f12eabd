import { Alert, Paragraph } from '@digdir/designsystemet-react';
import type { App, AppDeps } from '../../../server/types.js';
import { gapChart } from '../charts.js';
import { gapReport } from '../served.js';
import { gapBySizeTable } from '../tables.js';
import { registerPopulationPage } from './populationPage.js';

/** The gap: agencies that neither use a shared service nor handle the area in-house. */
export function registerGapPage(app: App, deps: AppDeps): void {
  registerPopulationPage(app, deps, { path: '/statistikk/hull', name: 'hull', load: gapReport }, ({ t, c, chart, r }) => ({
    texts: t.stats.pages.gap,
    drawn: { summary: gapBySizeTable(c, r), figure: gapChart(chart, r), matrixTitle: t.stats.gap.tableTitle, matrixAreas: r.gapAreas },
    body: (form, figure) => (
      <>
        <blockquote className="quote">
          <Paragraph>{t.stats.gap.quote}</Paragraph>
        </blockquote>
        {form}
        <Alert data-color={r.exposed ? 'warning' : 'success'} className="page-alert">
          <Paragraph>{r.exposed ? t.stats.gap.exposed(r.exposed, r.population) : t.stats.gap.none}</Paragraph>
        </Alert>
        {figure}
      </>
    ),
  }));
}
