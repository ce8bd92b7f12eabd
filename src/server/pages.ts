import type { Language } from '../domain/catalogue.js';
import type { App } from './app.js';
import type { AppDeps } from './types.js';
import { registerAccessibilityPages } from '../resources/accessibility/pages.js';
import { registerAgencyPages } from '../resources/agencies/pages.js';
import { registerAreaPages } from '../resources/areas/pages.js';
import { registerHomePages } from '../resources/home/pages.js';
import { registerProviderPages } from '../resources/providers/pages.js';
import { registerRecommendationPages } from '../resources/recommendations/pages.js';
import { registerServicePages } from '../resources/services/pages.js';
import { registerLoginPages } from '../auth/pages.js';
import { registerAdminPages } from '../resources/admin/pages.js';
import { registerDeclarationPages } from '../resources/declarations/pages.js';
import { registerMinistryPages } from '../resources/ministry/pages.js';
import { registerMyAgencyPages } from '../resources/myAgency/pages.js';
import { registerOutboxPages } from '../resources/outbox/pages.js';
import { registerProcurementPages } from '../resources/procurements/pages.js';
import { registerStatsPages } from '../resources/stats/pages.js';
import { registerOpenDataPages } from '../resources/opendata/pages.js';
import { registerUsageImportPages } from '../resources/usage-imports/pages.js';

/** Every HTML page, registered once per language (bokmål at /, nynorsk at /nn, English at /en). */
export async function registerPages(scope: App, deps: AppDeps, lang: Language): Promise<void> {
  void lang;
  await registerHomePages(scope, deps);
  await registerServicePages(scope, deps);
  await registerProviderPages(scope, deps);
  await registerAreaPages(scope, deps);
  await registerAgencyPages(scope, deps);
  await registerLoginPages(scope, deps);
  await registerProcurementPages(scope, deps);
  await registerDeclarationPages(scope, deps);
  await registerMyAgencyPages(scope, deps);
  await registerMinistryPages(scope, deps);
  await registerAdminPages(scope, deps);
  await registerOutboxPages(scope, deps);
  await registerRecommendationPages(scope, deps);
  await registerStatsPages(scope, deps);
  await registerOpenDataPages(scope, deps);
  await registerUsageImportPages(scope, deps);
  await registerAccessibilityPages(scope, deps);
}
