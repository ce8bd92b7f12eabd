import { Card, Heading, Paragraph } from '@digdir/designsystemet-react';
import { Type } from 'typebox';
import { pickText } from '../../../domain/catalogue.js';
import type { App, AppDeps } from '../../../server/types.js';
import { Section } from '../../../web/components.js';
import { usePage, useHref } from '../../../web/context.js';
import { coverageChart } from '../charts.js';
import { populationFrom } from '../input.js';
import { listAreaRows, type PopulationFilter } from '../queries.js';
import { adoptionReport, coverageReport, gapReport } from '../served.js';
import { registerStatPage } from '../statPage.js';
import { asOfOf } from '../asOf.js';
import { coverageAreaTable } from '../tables.js';
import { contexts, tOf, StatsLayout, Figure } from './shared.js';

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
            <a href={href('/statistikk/ikke-bruk')}>{t.nonUse.statsTitle}</a>
          </Heading>
          <Paragraph data-size="sm">{t.nonUse.statsLead}</Paragraph>
        </Card>
      </li>
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
/** The statistics front page: key figures, the sections, coverage by area. */
export function registerOverviewPage(app: App, deps: AppDeps): void {
  const { db } = deps.database;
  const th = deps.config.sizeThresholds;

  registerStatPage(app, '/statistikk', { querystring: Type.Object({}) }, async (req, download) => {
    const today = asOfOf(req);
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
        <StatsLayout title={t.stats.title} lead={t.stats.lead} asOf={today} dayForm={download.path}>
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
        </StatsLayout>
      ),
    };
  }, { publicPage: true });
}
