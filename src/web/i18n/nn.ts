import { siteNn } from './site.nn.js';
import { vocabNn } from './vocab.nn.js';
import { catalogueNn } from './catalogue.nn.js';
import { statsNn } from './stats.nn.js';
import { usageNn } from './usage.nn.js';
import { authNn } from './auth.nn.js';
import { procurementsNn } from './procurements.nn.js';
import { myAgencyNn } from './myAgency.nn.js';
import { adminNn } from './admin.nn.js';
import { collaborationNn } from './collaboration.nn.js';
import { networksNn } from './networks.nn.js';
import { needsNn } from './needs.nn.js';
import { surveysNn } from './surveys.nn.js';
import { ideasNn } from './ideas.nn.js';
import { gainsNn } from './gains.nn.js';
import { qualityNn } from './quality.nn.js';
import { reportNn } from './report.nn.js';
import { report2Nn } from './report2.nn.js';
import { apiNn } from './api.nn.js';
import { notifyNn } from './notify.nn.js';
import { serviceEditingNn } from './serviceEditing.nn.js';
import type { MessageParts, Messages } from './nb.js';
import { mergeParts } from './parts.js';

/** Nynorsk. The Language Act (språklova) requires state self-service in both written standards. */
export const nnParts: MessageParts = {
  site: siteNn,
  vocab: vocabNn,
  catalogue: catalogueNn,
  stats: statsNn,
  usage: usageNn,
  auth: authNn,
  procurements: procurementsNn,
  myAgency: myAgencyNn,
  admin: adminNn,
  collaboration: collaborationNn,
  networks: networksNn,
  needs: needsNn,
  surveys: surveysNn,
  ideas: ideasNn,
  gains: gainsNn,
  quality: qualityNn,
  report: reportNn,
  report2: report2Nn,
  api: apiNn,
  notify: notifyNn,
  serviceEditing: serviceEditingNn,
};

export const nn: Messages = mergeParts(nnParts);
