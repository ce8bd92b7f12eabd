import { numberWords } from './numbers.js';

const { count, number } = numberWords('nb');
/** Bokmål: the collaboration overview. The source for collaboration.nn.ts and collaboration.en.ts, which must have the same keys. */
export const collaborationNb = {
  collab: {
    title: 'Samarbeid',
    lead: 'Finn virksomheter med like behov, bli med i nettverk, svar på brukerundersøkelser, foreslå forbedringer og se hva fellestjenestene gir.',
    networks: 'Fagnettverk, samlokalisering, regionale og sektorvise samarbeid og Statens hus. Se hvem som er med, og meld virksomheten inn.',
    needs: 'Registrer hva virksomheten trenger, og finn tjenester, nettverk og andre virksomheter med samme behov.',
    surveys: 'Svar på leverandørenes brukerundersøkelser, og se resultatene når de er avsluttet.',
    ideas: 'Foreslå forbedringer av en tjeneste eller en ny fellestjeneste, og støtt andres forslag.',
    gains: 'Kostnader og gevinster vises på siden til hver tjeneste: hva det kostet før (nullpunktet) og hva det koster nå.',
    signInFirst: 'Krever innlogging',
    openSurveys: (n: number) => count(n, { one: '# åpen nå', other: '# åpne nå' }),
    mineSurveys: 'Brukerundersøkelser dere kan svare på',
    noSurveysToAnswer: 'Ingen åpne undersøkelser gjelder virksomhetene deres nå.',
    mineNeeds: (n: number) => count(n, { one: '# åpent behov', other: '# åpne behov' }),
    mineNetworks: 'Nettverk dere er med i',
    providerSurveys: (n: number) => count(n, { one: '# undersøkelse', other: '# undersøkelser' }),
    providerIdeas: (total: number, waiting: number) => `Ideer til tjenestene deres: ${number(total)}, ${number(waiting)} venter på svar`,
    errors: {
      email: 'Skriv en gyldig e-postadresse.',
    },
  },
};
