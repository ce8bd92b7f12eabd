import type { tablesNb } from './tables.nb.js';

/** English: the downloadable tables of list pages. */
export const tablesEn: typeof tablesNb = {
  tables: {
    services: 'Services',
    agencies: 'Agencies',
    procurements: 'Procurements',
    usage: 'Usage register',
    ideas: 'Ideas',
    networks: 'Networks',
    surveyOverall: 'Results overall',
    surveyChoice: (question: string) => `Answers: ${question}`,
    name: 'Name',
    partOf: 'Part of',
    kind: 'Type',
    changed: 'Last changed',
    employees: 'Employees',
    deletedOn: 'Deleted from the Central Coordinating Register',
    category: 'Category',
    obligation: 'Use',
    deadline: 'Consultation deadline',
    plannedOn: 'Planned announcement',
    started: 'From',
    ended: 'To',
    proposedBy: 'Proposed by',
    created: 'Proposed',
    votes: 'Votes',
    comments: 'Comments',
    areas: 'Service areas',
    place: 'Place',
    members: 'Members',
    facilitator: 'Facilitator',
  },
  /** Service pages: fields a provider has not filled in. */
  content: {
    price: 'Price',
  },
};
