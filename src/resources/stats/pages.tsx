import type { App, AppDeps } from '../../server/types.js';
import { registerOverviewPage } from './pages/overview.js';
import { registerCoveragePage } from './pages/coverage.js';
import { registerGapPage } from './pages/gap.js';
import { registerAdoptionPage } from './pages/adoption.js';
import { registerTrendsPage } from './pages/trends.js';
import { registerOptOutsPage } from './pages/optouts.js';
import { registerFeedbackPage } from './pages/feedback.js';
import { registerProviderPage } from './pages/provider.js';
import { registerMinistriesPage } from './pages/ministries.js';
import { registerMinistryPage } from './pages/ministry.js';
import { registerNonUsePage } from './pages/nonUse.js';

/** The statistics pages, one file each under pages/ (shared layout, filters and figures in pages/shared.tsx). */
export async function registerStatsPages(app: App, deps: AppDeps): Promise<void> {
  registerOverviewPage(app, deps);
  registerCoveragePage(app, deps);
  registerGapPage(app, deps);
  registerAdoptionPage(app, deps);
  registerTrendsPage(app, deps);
  registerOptOutsPage(app, deps);
  registerFeedbackPage(app, deps);
  registerProviderPage(app, deps);
  registerMinistriesPage(app, deps);
  registerMinistryPage(app, deps);
  registerNonUsePage(app, deps);
}
