import { siteNb } from './site.nb.js';
import { vocabNb } from './vocab.nb.js';
import { catalogueNb } from './catalogue.nb.js';
import { statsNb } from './stats.nb.js';
import { usageNb } from './usage.nb.js';
import { authNb } from './auth.nb.js';
import { procurementsNb } from './procurements.nb.js';
import { myAgencyNb } from './myAgency.nb.js';
import { adminNb } from './admin.nb.js';
import { collaborationNb } from './collaboration.nb.js';
import { networksNb } from './networks.nb.js';
import { needsNb } from './needs.nb.js';
import { surveysNb } from './surveys.nb.js';
import { ideasNb } from './ideas.nb.js';
import { gainsNb } from './gains.nb.js';
import { qualityNb } from './quality.nb.js';
import { reportNb } from './report.nb.js';
import { report2Nb } from './report2.nb.js';
import { apiNb } from './api.nb.js';
import { notifyNb } from './notify.nb.js';
import { serviceEditingNb } from './serviceEditing.nb.js';
import { type Merged, mergeParts, type Widen } from './parts.js';

/**
 * Bokmål: the source catalogue, one module per resource (`<resource>.nb.ts`). nn.ts and en.ts must have the same
 * modules with exactly the same keys (the `MessageParts` type checks it). Keys are English; vocabulary codes
 * (models, statuses …) come from src/domain/catalogue.ts.
 */
export const nbParts = {
  site: siteNb,
  vocab: vocabNb,
  catalogue: catalogueNb,
  stats: statsNb,
  usage: usageNb,
  auth: authNb,
  procurements: procurementsNb,
  myAgency: myAgencyNb,
  admin: adminNb,
  collaboration: collaborationNb,
  networks: networksNb,
  needs: needsNb,
  surveys: surveysNb,
  ideas: ideasNb,
  gains: gainsNb,
  quality: qualityNb,
  report: reportNb,
  report2: report2Nb,
  api: apiNb,
  notify: notifyNb,
  serviceEditing: serviceEditingNb,
};

/** The shape every language must fill, module by module. */
export type MessageParts = { [M in keyof typeof nbParts]: Widen<(typeof nbParts)[M]> };

/** One language's whole catalogue. */
export type Messages = Merged<MessageParts>;

export const nb: Messages = mergeParts(nbParts);
