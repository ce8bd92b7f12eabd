import type { adminNb } from './admin.nb.js';

/** Nynorsk: administration, the audit log and the development outbox (see admin.nb.ts). */
export const adminNn: typeof adminNb = {
  admin: {
    title: 'Administrasjon',
    rolesTitle: 'Brukarar og roller',
    rolesLead: 'Gi personar tilgang før dei loggar inn første gong. Dei blir kjende att på stadfesta e-postadresse.',
    assign: 'Gi ei rolle',
    name: 'Namn',
    nameHelp: 'Trengst berre for nye brukarar.',
    role: 'Rolle',
    scope: 'For',
    scopeHelp: 'Organisasjonsnummer for verksemdsredaktør og departementslesar, adressa til leverandøren (til dømes «statens-innkjopssenter») for leverandørredaktør. Tom for administrator.',
    assignButton: 'Gi rolla',
    assignments: 'Tildelte roller',
    lastLogin: 'Sist innlogga',
    never: 'Aldri',
    remove: (name: string, role: string) => `Fjern rolla ${role} frå ${name}`,
    errors: {
      email: 'Skriv ei gyldig e-postadresse.',
      role: 'Vel ei rolle.',
      name: 'Skriv namnet til den nye brukaren.',
      exists: 'Personen har allereie denne rolla.',
      noAssignment: 'Vi finn ikkje rolla.',
    },
  },
  audit: {
    title: 'Endringslogg',
    lead: 'Alle endringar: kven, i kva rolle og for kven, når og kva som vart endra. Loggen kan ikkje endrast.',
    leadAgency: (orgnr: string) => `Endringar gjorde for verksemda ${orgnr}.`,
    none: 'Ingen endringar er logga.',
    who: 'Kven',
    capacity: 'I rolla',
    what: 'Kva',
    change: 'Endring',
    showChange: 'Vis før og etter',
    system: 'System',
  },
  outbox: {
    title: 'Utgåande e-post (utvikling)',
    lead: 'Ingen e-posttenar er sett opp (SMTP_URL), så e-posten portalen ville ha sendt, blir vist her.',
    none: 'Ingen e-post enno.',
    to: 'Til',
  },
};
