import type { FastifyRequest } from 'fastify';
import type { ReactNode } from 'react';
import type { Database } from '../../../db/database.js';
import type { App, AppDeps } from '../../../server/types.js';
import { JsonLink, queryString, Section } from '../../../web/components.js';
import type { StatTable } from '../../../web/export/table.js';
import type { ChartContext, RenderedChart } from '../charts.js';
import type { PopulationFilter } from '../queries.js';
import type { Paging } from '../reports.js';
import { PopulationPageQuery } from '../schema.js';
import { registerStatPage } from '../statPage.js';
import { agencyMatrixTable, type TableContext } from '../tables.js';

type MatrixAreas = Parameters<typeof agencyMatrixTable>[3];
type MatrixAgencies = Parameters<typeof agencyMatrixTable>[4];
import { AgencyMatrix, Figure, PopulationForm, populationViewOf, StatsLayout, type tOf } from './shared.js';

type Messages = ReturnType<typeof tOf>;

/** Where a population page is, its download files' name and its report. */
export interface PopulationSource<R> {
  path: string;
  name: string;
  load: (db: Database, th: AppDeps['config']['sizeThresholds'], today: string, f: PopulationFilter, lang: FastifyRequest['lang'], paging: Paging) => Promise<R>;
}

/** What a population page draws from its report: its texts, the summary table and its chart, the agencies' columns. */
export interface PopulationView {
  texts: { title: string; lead: string };
  drawn: { summary: StatTable; figure: RenderedChart; matrixTitle: string; matrixAreas: MatrixAreas };
  /** What stands above the agency list; `form` and `figure` are the filter form and the figure with the summary. */
  body: (form: ReactNode, figure: ReactNode) => ReactNode;
}

/**
 * A statistics page over a population of agencies (coverage, the gap): the filter form, a figure, then the agencies
 * page by page, with the summary and the list as downloads.
 */
export function registerPopulationPage<R extends { agencies: { total: number; items: MatrixAgencies }; population: number }>(app: App, deps: AppDeps, spec: PopulationSource<R>, view: (x: { t: Messages; c: TableContext; chart: ChartContext; r: R }) => PopulationView): void {
  const { db } = deps.database;
  const th = deps.config.sizeThresholds;
  const populationView = populationViewOf(db);
  registerStatPage(app, spec.path, { querystring: PopulationPageQuery }, async (req, download, mode) => {
    const { q, today, r, ministries, pageCount, filters, t, c, chart } = await populationView(req, mode, (f, today, paging) => spec.load(db, th, today, f, req.lang, paging));
    const v = view({ t, c, chart, r });
    const d = { ...v.texts, ...v.drawn, matrix: agencyMatrixTable(c, 'virksomheter', v.drawn.matrixTitle, v.drawn.matrixAreas, r.agencies.items) };
    const form = <PopulationForm action={download.path} ministries={ministries} q={filters} thresholds={th} />;
    return {
      name: spec.name,
      asOf: today,
      tables: [d.summary, d.matrix],
      page: () => (
        <StatsLayout title={d.title} lead={d.lead} asOf={today}>
          {v.body(form, <Figure chart={d.figure} table={d.summary} download={download} />)}
          <Section title={d.matrixTitle} id="agencies">
            <AgencyMatrix table={d.matrix} total={r.agencies.total} page={q.page} pageCount={pageCount} download={download} filters={filters} />
          </Section>
          <JsonLink href={`/api/v1/stats/coverage${queryString(filters)}`} />
        </StatsLayout>
      ),
    };
  }, { publicPage: true });
}
