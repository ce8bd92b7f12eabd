import { numberWords } from './numbers.js';
import type { collaborationNb } from './collaboration.nb.js';

const { count, number } = numberWords('nn');

/** Nynorsk: the collaboration overview (see collaboration.nb.ts). */
export const collaborationNn: typeof collaborationNb = {
  collab: {
    title: 'Samarbeid',
    lead: 'Finn verksemder med like behov, bli med i nettverk, svar på brukarundersøkingar, føreslå forbetringar og sjå kva fellestenestene gir.',
    networks: 'Fagnettverk, samlokalisering, regionale og sektorvise samarbeid og Statens hus. Sjå kven som er med, og meld verksemda inn.',
    needs: 'Registrer kva verksemda treng, og finn tenester, nettverk og andre verksemder med same behov.',
    surveys: 'Svar på brukarundersøkingane til leverandørane, og sjå resultata når dei er avslutta.',
    ideas: 'Føreslå forbetringar av ei teneste eller ei ny fellesteneste, og støtt forslaga til andre.',
    gains: 'Kostnader og gevinstar blir viste på sida til kvar teneste: kva det kosta før (nullpunktet) og kva det kostar no.',
    signInFirst: 'Krev innlogging',
    openSurveys: (n: number) => count(n, { one: '# open no', other: '# opne no' }),
    mineSurveys: 'Brukarundersøkingar de kan svare på',
    noSurveysToAnswer: 'Ingen opne undersøkingar gjeld verksemdene dykkar no.',
    mineNeeds: (n: number) => count(n, { one: '# ope behov', other: '# opne behov' }),
    mineNetworks: 'Nettverk de er med i',
    providerSurveys: (n: number) => count(n, { one: '# undersøking', other: '# undersøkingar' }),
    providerIdeas: (total: number, waiting: number) => `Idear til tenestene dykkar: ${number(total)}, ${number(waiting)} ventar på svar`,
    errors: {
      email: 'Skriv ei gyldig e-postadresse.',
    },
  },
};
