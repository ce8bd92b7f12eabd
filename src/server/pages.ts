import type { Language } from '../domain/catalogue.js';
import type { App } from './app.js';
import type { AppDeps } from './types.js';
import { registerAgencyPages } from '../resources/agencies/pages.js';
import { registerAreaPages } from '../resources/areas/pages.js';
import { registerHomePages } from '../resources/home/pages.js';
import { registerProviderPages } from '../resources/providers/pages.js';
import { registerRecommendationPages } from '../resources/recommendations/pages.js';
import { registerServicePages } from '../resources/services/pages.js';
import { registerStatsPages } from '../resources/stats/pages.js';

/** Every HTML page, registered once per language (bokmål at /, nynorsk at /nn, English at /en). */
export async function registerPages(scope: App, deps: AppDeps, lang: Language): Promise<void> {
  void lang;
  await registerHomePages(scope, deps);
  await registerServicePages(scope, deps);
  await registerProviderPages(scope, deps);
  await registerAreaPages(scope, deps);
  await registerAgencyPages(scope, deps);
  await registerRecommendationPages(scope, deps);
  await registerStatsPages(scope, deps);
}
