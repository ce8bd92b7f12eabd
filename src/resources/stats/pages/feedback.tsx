import { Paragraph } from '@digdir/designsystemet-react';
import { Type } from 'typebox';
import type { App, AppDeps } from '../../../server/types.js';
import { Section } from '../../../web/components.js';
import { StatTableView } from '../../../web/export/StatTableView.js';
import { feedbackReport } from '../feedback.js';
import { asOfOf } from '../asOf.js';
import { registerStatPage } from '../statPage.js';
import { gainsTable, satisfactionTable } from '../tables.js';
import { contexts, StatsLayout } from './shared.js';

/** Satisfaction (surveys) and gains. */
export function registerFeedbackPage(app: App, deps: AppDeps): void {
  const { db } = deps.database;
  const th = deps.config.sizeThresholds;

  registerStatPage(app, '/statistikk/tilfredshet-og-gevinster', { querystring: Type.Object({}) }, async (req, download) => {
    const today = asOfOf(req, (deps.clock ?? (() => new Date()))());
    const { t, c } = contexts(req, today);
    const report = await feedbackReport(db, today, th);
    const satisfaction = satisfactionTable(c, report);
    const gains = gainsTable(c, report);
    return {
      name: 'tilfredshet-og-gevinster',
      asOf: today,
      tables: [satisfaction, gains],
      page: () => (
        <StatsLayout title={t.stats.pages.feedback.title} lead={t.stats.pages.feedback.lead} asOf={today} dayForm={download.path}>
          <Section title={t.stats.feedback.satisfactionTitle} id="satisfaction">
            <Paragraph>{t.stats.feedback.anonymity}</Paragraph>
            {report.surveys.length === 0 ? <Paragraph>{t.stats.feedback.noSurveys}</Paragraph> : <StatTableView table={satisfaction} download={download} captionHidden />}
          </Section>
          <Section title={t.stats.feedback.gainsTitle} id="gains">
            {gains.rows.length === 0 ? <Paragraph>{t.stats.feedback.noGains}</Paragraph> : <StatTableView table={gains} download={download} captionHidden />}
          </Section>
        </StatsLayout>
      ),
    };
  });
}
