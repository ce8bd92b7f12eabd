import type { tablesNb } from './tables.nb.js';

/** Nynorsk: the downloadable tables of list pages. */
export const tablesNn: typeof tablesNb = {
  tables: {
    services: 'Tenester',
    agencies: 'Verksemder',
    procurements: 'Anskaffingar',
    usage: 'Bruksregister',
    ideas: 'Forslag',
    networks: 'Nettverk',
    surveyOverall: 'Resultat samla',
    surveyChoice: (question: string) => `Svar: ${question}`,
    name: 'Namn',
    partOf: 'Del av',
    kind: 'Type',
    changed: 'Sist endra',
    employees: 'Tilsette',
    deletedOn: 'Sletta i Einingsregisteret',
    category: 'Kategori',
    obligation: 'Bruk',
    deadline: 'Høyringsfrist',
    plannedOn: 'Planlagt kunngjord',
    started: 'Frå',
    ended: 'Til',
    proposedBy: 'Føreslått av',
    created: 'Føreslått',
    votes: 'Røyster',
    comments: 'Kommentarar',
    areas: 'Tenesteområde',
    place: 'Stad',
    members: 'Medlemmer',
    facilitator: 'Tilretteleggjar',
  },
  /** Service pages: fields a provider has not filled in. */
  content: {
    price: 'Pris',
  },
};
