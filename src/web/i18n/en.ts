import { siteEn } from './site.en.js';
import { vocabEn } from './vocab.en.js';
import { catalogueEn } from './catalogue.en.js';
import { statsEn } from './stats.en.js';
import { usageEn } from './usage.en.js';
import { authEn } from './auth.en.js';
import { procurementsEn } from './procurements.en.js';
import { myAgencyEn } from './myAgency.en.js';
import { adminEn } from './admin.en.js';
import { collaborationEn } from './collaboration.en.js';
import { networksEn } from './networks.en.js';
import { needsEn } from './needs.en.js';
import { surveysEn } from './surveys.en.js';
import { ideasEn } from './ideas.en.js';
import { gainsEn } from './gains.en.js';
import { qualityEn } from './quality.en.js';
import { reportEn } from './report.en.js';
import { report2En } from './report2.en.js';
import { apiEn } from './api.en.js';
import { notifyEn } from './notify.en.js';
import { serviceEditingEn } from './serviceEditing.en.js';
import type { MessageParts, Messages } from './nb.js';
import { mergeParts } from './parts.js';

/** English, for staff who do not read Norwegian. Norwegian names of services stay Norwegian where no English exists. */
export const enParts: MessageParts = {
  site: siteEn,
  vocab: vocabEn,
  catalogue: catalogueEn,
  stats: statsEn,
  usage: usageEn,
  auth: authEn,
  procurements: procurementsEn,
  myAgency: myAgencyEn,
  admin: adminEn,
  collaboration: collaborationEn,
  networks: networksEn,
  needs: needsEn,
  surveys: surveysEn,
  ideas: ideasEn,
  gains: gainsEn,
  quality: qualityEn,
  report: reportEn,
  report2: report2En,
  api: apiEn,
  notify: notifyEn,
  serviceEditing: serviceEditingEn,
};

export const en: Messages = mergeParts(enParts);
