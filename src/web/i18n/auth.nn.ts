import { numberWords } from './numbers.js';
import type { authNb } from './auth.nb.js';

const { number } = numberWords('nn');

/** Nynorsk: sign-in and access (see auth.nb.ts). */
export const authNn: typeof authNb = {
  access: {
    invalidToken: 'Tilgangsnøkkelen (bearer token) er ugyldig eller utgått.',
    sessionExpired: 'Økta di er utgått. Logg inn på nytt og prøv igjen.',
    wrongOrigin: 'Førespurnaden kom frå ein annan nettstad og vart avvist.',
    csrf: 'Skjemaet kunne ikkje sendast fordi tryggleiksnøkkelen manglar eller er feil. Last inn sida på nytt og prøv igjen.',
    signInRequired: 'Du må logge inn for å gjere dette.',
    tooManyRequests: (seconds: number) => `For mange innloggingsforsøk. Vent ${number(seconds)} sekund og prøv igjen.`,
    forbidden: 'Du har ikkje tilgang til dette.',
    notYourProvider: 'Du kan berre gjere dette for leverandørar du er redaktør for.',
    noWriteAccess: 'Du har inga rolle som kan endre noko her. Administratoren i DFØ gir roller.',
    notYourAgency: (orgnr: string) => `Du kan ikkje handle på vegner av verksemda med organisasjonsnummer ${orgnr}.`,
  },
  auth: {
    title: 'Logg inn',
    lead: 'Verksemder, leverandørar og departement loggar inn for å registrere bruk, svare på varsel om anskaffingar og følgje opp.',
    signIn: 'Logg inn',
    signOut: 'Logg ut',
    signInButton: 'Logg inn med ID-porten',
    notConfigured: 'Innlogging er ikkje sett opp på denne installasjonen.',
    providerUnavailable: 'Innloggingstenesta svarar ikkje akkurat no. Prøv igjen om litt.',
    loginStateMissing: 'Innlogginga tok for lang tid eller vart starta i ein annan nettlesar. Start innlogginga på nytt.',
    loginFailedTitle: 'Innlogginga vart ikkje fullført',
    loginCancelled: 'Innlogginga vart avbroten.',
    loginFailed: 'Vi kunne ikkje stadfeste innlogginga. Start på nytt.',
    noAccountTitle: 'Du har ikkje tilgang enno',
    noAccount: (who: string) => `${who} er ikkje registrert som brukar. DFØ gir tilgang etter avtale med verksemda di.`,
    alreadySignedIn: 'Du er allereie logga inn.',
    whoMay: 'Tilgang blir gitt til namngitte personar i verksemder, hos leverandørar og i departement. Alle kan lese katalogen utan å logge inn.',
    demoUsers: 'Demobrukarar (berre i utvikling)',
    demoUsersLead: 'Den innebygde innlogginga for utvikling lèt deg velje ein av desse brukarane, utan passord.',
  },
};
