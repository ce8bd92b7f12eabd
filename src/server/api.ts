import type { App, AppDeps } from './types.js';
import { registerAgencyApi } from '../resources/agencies/routes.js';
import { registerAreaApi } from '../resources/areas/routes.js';
import { registerProviderApi } from '../resources/providers/routes.js';
import { registerRecommendationApi } from '../resources/recommendations/routes.js';
import { registerServiceApi } from '../resources/services/routes.js';
import { registerAuditApi } from '../resources/audit/routes.js';
import { registerProcurementApi } from '../resources/procurements/routes.js';
import { registerDeclarationApi } from '../resources/declarations/routes.js';
import { registerUsageApi } from '../resources/usage/routes.js';
import { registerStatsApi } from '../resources/stats/routes.js';
import { registerOpenDataApi } from '../resources/opendata/routes.js';
import { registerUsageImportApi } from '../resources/usage-imports/routes.js';
import { registerQualityApi } from '../resources/quality/routes.js';
import { registerNetworkApi } from '../resources/networks/routes.js';
import { registerNeedApi } from '../resources/needs/routes.js';
import { registerSurveyApi } from '../resources/surveys/routes.js';
import { registerIdeaApi } from '../resources/ideas/routes.js';
import { registerGainApi } from '../resources/gains/routes.js';
import { registerNonUseApi } from '../resources/nonUse/routes.js';
import { registerAccessRequestApi } from '../resources/accessRequests/routes.js';
import { registerProcurementQuestionApi } from '../resources/procurementQuestions/routes.js';

/** Every JSON API route, under /api/v1. One line per resource. */
export async function registerApi(api: App, deps: AppDeps): Promise<void> {
  api.get('/openapi.json', { schema: { hide: true } }, async () => api.swagger());
  await registerServiceApi(api, deps);
  await registerProviderApi(api, deps);
  await registerAreaApi(api, deps);
  await registerAgencyApi(api, deps);
  await registerProcurementApi(api, deps);
  await registerDeclarationApi(api, deps);
  await registerUsageApi(api, deps);
  await registerAuditApi(api, deps);
  await registerRecommendationApi(api, deps);
  await registerStatsApi(api, deps);
  await registerOpenDataApi(api, deps);
  await registerUsageImportApi(api, deps);
  await registerQualityApi(api, deps);
  await registerNetworkApi(api, deps);
  await registerNeedApi(api, deps);
  await registerSurveyApi(api, deps);
  await registerIdeaApi(api, deps);
  await registerGainApi(api, deps);
  await registerNonUseApi(api, deps);
  await registerAccessRequestApi(api, deps);
  await registerProcurementQuestionApi(api, deps);
}
