/**
 * For tests only (kept out of the build and forbidden to the application by .dependency-cruiser.cjs): one whole,
 * valid service document — DFØ's payroll service — for the tests of the document's schema and of the bulk rows made
 * from it. Spread it and override the fields a test is about; never change it.
 */
import type { ServiceDocument } from './serviceDocument.js';

export const SAMPLE_SERVICE: ServiceDocument = {
  slug: 'dfo-lonn',
  kind: 'service',
  name: { nb: 'Lønnstjenester', nn: 'Lønstenester', en: 'Payroll services' },
  summary: { nb: 'Lønn for staten.' },
  description: { nb: 'Lang tekst.' },
  area: 'lonn',
  model: 'central',
  obligation: 'voluntary',
  targetGroup: 'all_state',
  targetDescription: null,
  targetMinistry: null,
  status: 'active',
  launchedOn: '2004',
  plannedOn: null,
  phasedOutOn: null,
  financing: ['charging_authority'],
  financingNote: null,
  tiers: [{ slug: 'basis', name: { nb: 'Basis' }, description: null, kind: 'tier', current: true }],
  serviceLevels: { uptimePercent: 99.5, supportHours: null, responseTime: null },
  supportChannels: ['phone'],
  howToJoin: { steps: [{ nb: 'Ta kontakt.' }], contact: null, links: [] },
  website: 'https://dfo.no',
  reportedUsers: null,
  reportedUsersYear: null,
  parent: null,
  related: [],
  keywords: 'lønn',
  sourceNote: null,
};
