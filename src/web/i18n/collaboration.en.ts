import { numberWords } from './numbers.js';
import type { collaborationNb } from './collaboration.nb.js';

const { count, number } = numberWords('en');

/** English: the collaboration overview (see collaboration.nb.ts). */
export const collaborationEn: typeof collaborationNb = {
  collab: {
    title: 'Collaboration',
    lead: 'Find agencies with like needs, join networks, answer user surveys, propose improvements and see what the shared services deliver.',
    networks: 'Professional networks, co-location, regional and sector collaboration and Government Houses. See who takes part, and sign your agency up.',
    needs: 'Register what your agency needs, and find services, networks and other agencies with the same need.',
    surveys: "Answer the providers' user surveys, and see the results once they have closed.",
    ideas: "Propose improvements to a service or a new shared service, and support others' proposals.",
    gains: "Costs and gains are shown on each service's page: what it cost before (the baseline) and what it costs now.",
    signInFirst: 'Requires sign-in',
    openSurveys: (n: number) => `${n} open now`,
    mineSurveys: 'User surveys you can answer',
    noSurveysToAnswer: 'No open survey concerns your agencies right now.',
    mineNeeds: (n: number) => count(n, { one: '# open need', other: '# open needs' }),
    mineNetworks: 'Networks you are a member of',
    providerSurveys: (n: number) => count(n, { one: '# survey', other: '# surveys' }),
    providerIdeas: (total: number, waiting: number) => `Ideas for your services: ${number(total)}, ${number(waiting)} awaiting an answer`,
    errors: {
      email: 'Enter a valid e-mail address.',
    },
  },
};
