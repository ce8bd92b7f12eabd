import type { App } from './app.js';
import type { AppDeps } from './types.js';
import { registerOpenDataApi } from '../resources/opendata/routes.js';
import { registerServiceApi } from '../resources/services/routes.js';
import { registerUsageImportApi } from '../resources/usage-imports/routes.js';

/** Every JSON API route, under /api/v1. One line per resource. */
export async function registerApi(api: App, deps: AppDeps): Promise<void> {
  api.get('/openapi.json', { schema: { hide: true } }, async () => api.swagger());
  await registerServiceApi(api, deps);
  await registerOpenDataApi(api, deps);
  await registerUsageImportApi(api, deps);
}
