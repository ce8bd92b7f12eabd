import { Alert, Paragraph } from '@digdir/designsystemet-react';
import { Type } from 'typebox';
import type { App, AppDeps } from '../../../server/types.js';
import { JsonLink, queryString, Section } from '../../../web/components.js';
import { StatTableView } from '../../../web/export/StatTableView.js';
import { optOutReasonChart } from '../charts.js';
import { publicOptOutReport } from '../optouts.js';
import { SmallGroupsNotice } from '../../../web/smallGroupsNotice.js';
import { askedAsOf, asOfOf } from '../asOf.js';
import { registerStatPage } from '../statPage.js';
import { optOutReasonsTable, optOutTable } from '../tables.js';
import { contexts, StatsLayout, Figure } from './shared.js';

/** Opt-outs from procurements and their reasons. */
export function registerOptOutsPage(app: App, deps: AppDeps): void {
  const { db } = deps.database;
  const th = deps.config.sizeThresholds;

  // Reads declarations too: cached whole until the catalogue changes or the declarations do (`statistics`: at most
  // every STATS_LAG_SECONDS).
  registerStatPage(app, '/statistikk/fravalg', { querystring: Type.Object({}) }, async (req, download) => {
    const today = asOfOf(req);
    const { t, c, chart } = contexts(req, today);
    const items = await publicOptOutReport(db, th, today);
    const table = optOutTable(c, items);
    const withReasons = items.filter((i) => i.reasons.length > 0);
    const reasonTables = withReasons.map((i, n) => optOutReasonsTable(c, i, `begrunnelser-${n + 1}`));
    const reasonCharts = withReasons.map((i, n) => optOutReasonChart(chart, i, `begrunnelser-${n + 1}-diagram`));
    return {
      name: 'fravalg',
      asOf: today,
      tables: [table, ...reasonTables],
      page: () => (
        <StatsLayout title={t.stats.pages.optouts.title} lead={t.stats.pages.optouts.lead} asOf={today} dayForm={download.path}>
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
          <JsonLink href={`/api/v1/stats/optouts${queryString({ asOf: askedAsOf(req) })}`} />
        </StatsLayout>
      ),
    };
  }, { publicPage: ['catalogue', 'statistics'] });
}
