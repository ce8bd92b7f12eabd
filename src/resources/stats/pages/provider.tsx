import { Paragraph } from '@digdir/designsystemet-react';
import { Type } from 'typebox';
import { pickText } from '../../../domain/catalogue.js';
import type { App, AppDeps } from '../../../server/types.js';
import { HttpProblem } from '../../../server/problem.js';
import { JsonLink, queryString, Section } from '../../../web/components.js';
import { Text } from '../../../web/context.js';
import { StatTableView } from '../../../web/export/StatTableView.js';
import { SlugParams } from '../../shared/schema.js';
import { sizeChart, tierChart, trendChart } from '../charts.js';
import { listServiceRows } from '../queries.js';
import { adoptionReport, tierReport, trendReport } from '../served.js';
import { registerStatPage } from '../statPage.js';
import { askedAsOf, asOfOf } from '../asOf.js';
import { adoptionTable, sizeSplitTable, tierTable, trendTable } from '../tables.js';
import { contexts, tOf, StatsLayout, Figure } from './shared.js';
import { providerBySlug } from '../../shared/queries.js';

/** One provider's services: adoption, tiers, trend. */
export function registerProviderPage(app: App, deps: AppDeps): void {
  const { db } = deps.database;
  const th = deps.config.sizeThresholds;

  registerStatPage(app, '/statistikk/leverandorer/:slug', { querystring: Type.Object({}), params: SlugParams }, async (req, download) => {
    const slug = (req.params as { slug: string }).slug;
    const today = asOfOf(req);
    const t0 = tOf(req);
    const services = await listServiceRows(db, { provider: slug });
    const provider = await providerBySlug(db, slug);
    if (!provider) throw new HttpProblem(404, t0.errors.unknownProvider(slug));
    const [r, tiers, trend] = await Promise.all([adoptionReport(db, th, today, { provider: slug }, 'users', req.lang), tierReport(db, today, services), trendReport(db, today, 'service', { provider: slug })]);
    const { t, c, chart } = contexts(req, today);
    const name = provider.shortName ?? pickText(provider.name, req.lang).text;
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
        <StatsLayout title={t.stats.provider.title(name)} lead={t.stats.provider.lead} asOf={today} dayForm={download.path} crumbs={[]}>
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
          <JsonLink href={`/api/v1/stats/adoption${queryString({ provider: slug, asOf: askedAsOf(req) })}`} />
        </StatsLayout>
      ),
    };
  });
}
