import { numberWords } from './numbers.js';

const { count } = numberWords('nb');

/** Bokmål: sign-in and access. The source for auth.nn.ts and auth.en.ts, which must have the same keys. */
export const authNb = {
  access: {
    invalidToken: 'Tilgangsnøkkelen (bearer token) er ugyldig eller utløpt.',
    sessionExpired: 'Økten din er utløpt. Logg inn på nytt og prøv igjen.',
    wrongOrigin: 'Forespørselen kom fra et annet nettsted og ble avvist.',
    csrf: 'Skjemaet kunne ikke sendes fordi sikkerhetsnøkkelen mangler eller er feil. Last inn siden på nytt og prøv igjen.',
    signInRequired: 'Du må logge inn for å gjøre dette.',
    tooManyRequests: (seconds: number) => `For mange innloggingsforsøk. Vent ${count(seconds, { one: '# sekund', other: '# sekunder' })} og prøv igjen.`,
    forbidden: 'Du har ikke tilgang til dette.',
    notYourProvider: 'Du kan bare gjøre dette for leverandører du er redaktør for.',
    noWriteAccess: 'Du har ingen rolle som kan endre noe her. Administratoren i DFØ gir roller.',
    notYourAgency: (orgnr: string) => `Du kan ikke handle på vegne av virksomheten med organisasjonsnummer ${orgnr}.`,
  },
  auth: {
    title: 'Logg inn',
    lead: 'Virksomheter, leverandører og departementer logger inn for å registrere bruk, svare på varsler om anskaffelser og følge opp.',
    signIn: 'Logg inn',
    signOut: 'Logg ut',
    signInButton: 'Logg inn med ID-porten',
    notConfigured: 'Innlogging er ikke satt opp på denne installasjonen.',
    providerUnavailable: 'Innloggingstjenesten svarer ikke akkurat nå. Prøv igjen om litt.',
    loginStateMissing: 'Innloggingen tok for lang tid eller ble startet i en annen nettleser. Start innloggingen på nytt.',
    loginFailedTitle: 'Innloggingen ble ikke fullført',
    loginCancelled: 'Innloggingen ble avbrutt.',
    loginFailed: 'Vi kunne ikke bekrefte innloggingen. Start på nytt.',
    noAccountTitle: 'Du har ikke tilgang ennå',
    noAccount: (who: string) => `${who} er ikke registrert som bruker. Tilgang gis av DFØ etter avtale med virksomheten din.`,
    alreadySignedIn: 'Du er allerede logget inn.',
    whoMay: 'Tilgang gis til navngitte personer i virksomheter, hos leverandører og i departementer. Alle kan lese katalogen uten å logge inn.',
    demoUsers: 'Demobrukere (bare i utvikling)',
    demoUsersLead: 'Den innebygde innloggingen for utvikling lar deg velge en av disse brukerne, uten passord.',
  },
};
