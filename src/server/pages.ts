import type { Language } from '../domain/catalogue.js';
import type { App } from './app.js';
import type { AppDeps } from './types.js';
import { registerHomePages } from '../resources/home/pages.js';
import { registerOpenDataPages } from '../resources/opendata/pages.js';
import { registerServicePages } from '../resources/services/pages.js';
import { registerUsageImportPages } from '../resources/usage-imports/pages.js';

/** Every HTML page, registered once per language (bokmål at /, nynorsk at /nn, English at /en). */
export async function registerPages(scope: App, deps: AppDeps, lang: Language): Promise<void> {
  void lang;
  await registerHomePages(scope, deps);
  await registerServicePages(scope, deps);
  await registerOpenDataPages(scope, deps);
  await registerUsageImportPages(scope, deps);
}
