import { Paragraph } from '@digdir/designsystemet-react';
import { pickText } from '../../../domain/catalogue.js';
import type { App, AppDeps } from '../../../server/types.js';
import { JsonLink, queryString, Section, SelectField } from '../../../web/components.js';
import { StatTableView } from '../../../web/export/StatTableView.js';
import { trendChart } from '../charts.js';
import { knownSlug } from '../input.js';
import { listAreaRows } from '../queries.js';
import { launchesReport, trendReports } from '../served.js';
import { TrendPageQuery } from '../schema.js';
import { registerStatPage } from '../statPage.js';
import { askedAsOf, asOfOf } from '../asOf.js';
import { launchesTable, trendBreakdownTable, trendTable } from '../tables.js';
import { contexts, StatsLayout, Figure, FilterForm } from './shared.js';

/** Trends: services over time, and the launched and planned ones. */
export function registerTrendsPage(app: App, deps: AppDeps): void {
  const { db } = deps.database;

  registerStatPage(app, '/statistikk/utvikling', { querystring: TrendPageQuery }, async (req, download) => {
    const q = req.query as { area?: string };
    const today = asOfOf(req);
    const area = await knownSlug(db, 'areas', 'area', q.area, req.lang);
    const by = area ? 'service' : 'area';
    const th = deps.config.sizeThresholds;
    // The trend by area (or service), by size and by model counted in one pass (customerTrends), not three.
    const [{ trend: r, bySize, byModel }, launches, areas] = await Promise.all([trendReports(db, today, by, { area }, th), launchesReport(db, today, 5, { area }), listAreaRows(db)]);
    const { t, c, chart } = contexts(req, today);
    const table = trendTable(c, r);
    const figure = trendChart(chart, r);
    const launched = launchesTable(c, 'nye', t.stats.trends.launchedTitle, launches.launched, 'launched');
    const planned = launchesTable(c, 'planlagte', t.stats.trends.plannedTitle, launches.planned, 'planned');
    const sizeTable = trendBreakdownTable(c, bySize);
    const modelTable = trendBreakdownTable(c, byModel);
    const lang = req.lang;
    return {
      name: 'utvikling',
      asOf: today,
      tables: [table, sizeTable, modelTable, launched, planned],
      page: () => (
        <StatsLayout title={t.stats.pages.trends.title} lead={t.stats.pages.trends.lead} asOf={today}>
          <FilterForm action={download.path}>
              <SelectField id="f-area" name="area" label={t.stats.trends.area} value={area ?? ''} options={[{ value: '', label: t.stats.trends.allAreas }, ...areas.map((a) => ({ value: a.slug, label: pickText(a.name, lang).text }))]} />
          </FilterForm>
          {r.undated ? (
            <Paragraph data-size="sm" className="muted">
              {t.stats.trends.undated(r.undated)}
            </Paragraph>
          ) : null}
          <Figure chart={figure} table={table} download={download} />
          <Section title={t.trendsBy.sizeTitle} id="by-size">
            <StatTableView table={sizeTable} download={download} captionHidden />
          </Section>
          <Section title={t.trendsBy.modelTitle} id="by-model">
            <StatTableView table={modelTable} download={download} captionHidden />
          </Section>
          <Section title={t.stats.trends.launchedTitle} id="launched">
            {launches.launched.length === 0 ? <Paragraph>{t.stats.trends.noneLaunched}</Paragraph> : <StatTableView table={launched} download={download} captionHidden />}
          </Section>
          <Section title={t.stats.trends.plannedTitle} id="planned">
            {launches.planned.length === 0 ? <Paragraph>{t.stats.trends.nonePlanned}</Paragraph> : <StatTableView table={planned} download={download} captionHidden />}
          </Section>
          <JsonLink href={`/api/v1/stats/trends${queryString({ area, asOf: askedAsOf(req) })}`} />
        </StatsLayout>
      ),
    };
  }, { publicPage: true });
}
