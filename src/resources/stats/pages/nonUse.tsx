import { Alert, Paragraph } from '@digdir/designsystemet-react';
import { Type } from 'typebox';
import type { App, AppDeps } from '../../../server/types.js';
import { JsonLink, Section } from '../../../web/components.js';
import { StatTableView } from '../../../web/export/StatTableView.js';
import { SmallGroupsNotice } from '../../../web/smallGroupsNotice.js';
import { askedAsOf, asOfOf } from '../asOf.js';
import { nonUseReport, nonUseTables } from '../nonUse.js';
import { registerStatPage } from '../statPage.js';
import { contexts, StatsLayout } from './shared.js';

/** Voluntary non-use of services by reason, size class, ministry area and service (issue 17, item 1). */
export function registerNonUsePage(app: App, deps: AppDeps): void {
  const { db } = deps.database;
  const th = deps.config.sizeThresholds;
  registerStatPage(app, '/statistikk/ikke-bruk', { querystring: Type.Object({}) }, async (req, download) => {
    const asOf = asOfOf(req);
    const { t, c } = contexts(req, asOf);
    const r = await nonUseReport(db, th, asOf);
    const [summary, ...rest] = nonUseTables(r, req.lang, c.note ?? '');
    const ids = ['by-reason', 'by-size', 'by-ministry', 'by-service'];
    const json = `/api/v1/stats/non-use${askedAsOf(req) ? `?asOf=${asOf}` : ''}`;
    return {
      name: 'ikke-bruk',
      asOf,
      tables: [summary!, ...rest],
      page: () => (
        <StatsLayout title={t.nonUse.statsTitle} lead={t.nonUse.statsLead} asOf={asOf} dayForm={download.path}>
          {r.stats.total === 0 ? (
            <Alert data-color="info" className="page-alert">
              <Paragraph>{t.nonUse.none}</Paragraph>
            </Alert>
          ) : null}
          <Section title={t.nonUse.statsTitle} id="summary">
            <StatTableView table={summary!} download={download} captionHidden />
          </Section>
          {rest.map((table, i) => (
            <Section key={table.id} title={table.title} id={ids[i]!}>
              <StatTableView table={table} download={download} captionHidden />
            </Section>
          ))}
          <Section title={t.nonUse.howTitle} id="how">
            <Paragraph>{t.nonUse.how}</Paragraph>
            <SmallGroupsNotice />
          </Section>
          <JsonLink href={json} />
        </StatsLayout>
      ),
    };
  });
}
