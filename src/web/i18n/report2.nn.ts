import { numberWords } from './numbers.js';
import type { report2Nb } from './report2.nb.js';

const { number } = numberWords('nn');

/** Nynorsk: tidleg involvering før ei anskaffing, skjemaet for spørsmål. */
export const report2Nn: typeof report2Nb = {
  early: {
    title: 'Tidleg involvering',
    lead: 'Før ei anskaffing blir send på høyring: behova til alle verksemdene avtalen er for, tilrådinga frå Statens innkjøpsråd og avgjerda i DFØ.',
    steps: {
      needs_survey: 'Behovskartlegging',
      council_recommendation: 'Tilråding frå Statens innkjøpsråd',
      decision: 'Avgjerd i DFØ',
    },
    surveyTitle: 'Behovskartlegging',
    surveyNone: 'Inga behovskartlegging er starta.',
    surveyDates: (opens: string, closes: string) => `Open frå ${opens} til og med ${closes}.`,
    surveyAnswered: (n: number, of: number) => `${number(n)} av ${number(of)} verksemder har svart.`,
    surveyOpen: 'Sjå og svar på behovskartlegginga',
    notRecorded: 'Ikkje registrert enno.',
    outcome: {
      recommended: 'Tilrår anskaffinga',
      not_recommended: 'Tilrår ikkje anskaffinga',
      proceed: 'Anskaffinga blir gjennomført',
      stop: 'Anskaffinga blir ikkje gjennomført',
    },
    decidedOn: 'Dato',
    document: 'Dokument',
    reference: (ref: string) => `Referanse: ${ref}`,
    startSurvey: 'Start behovskartlegging',
    startSurveyHelp: 'Kartlegginga blir send til alle verksemdene anskaffinga er for, ikkje berre dei som brukar avtalen i dag.',
    opensOn: 'Opnar',
    closesOn: 'Stengjer (til og med)',
    record: 'Registrer',
    recordTitle: (step: string) => `Registrer: ${step}`,
    outcomeLabel: 'Utfall',
    summary: 'Samandrag',
    documentTitle: 'Tittelen på dokumentet',
    documentUrl: 'Lenkje til dokumentet',
    documentRef: 'Eller referanse (til dømes saksnummer i arkivet)',
    documentHelp: 'Oppgi ei lenkje eller ein referanse til der dokumentet er arkivert.',
    done: { needs_survey: 'Behovskartlegginga er starta.', council_recommendation: 'Tilrådinga er registrert.', decision: 'Avgjerda er registrert.' },
    refusal: {
      not_before_consultation: 'Tidleg involvering skjer før høyringa: anskaffinga er ikkje lenger planlagd.',
      survey_exists: 'Anskaffinga har alt ei behovskartlegging.',
      already_recorded: 'Dette er alt registrert for anskaffinga.',
      needs_recommendation: 'DFØ avgjer på grunnlag av tilrådinga frå Statens innkjøpsråd. Registrer tilrådinga først.',
      survey_still_open: 'Innkjøpsrådet tilrår når behovskartlegginga er avslutta. Vent til ho har stengt.',
    },
    errors: {
      decidedOn: {
        invalid: 'Oppgi datoen som ÅÅÅÅ-MM-DD.',
        in_future: 'Datoen kan ikkje vere fram i tid.',
        before_recommendation: 'Avgjerda kan ikkje vere datert før tilrådinga.',
        before_survey_closes: 'Tilrådinga må vere datert etter at behovskartlegginga stengde.',
      },
      outcome: { not_an_option: 'Vel eit utfall.' },
      documentTitle: { missing: 'Skriv tittelen på dokumentet.' },
      documentUrl: { invalid: 'Lenkja må byrje med https:// eller http://.', missing: 'Oppgi ei lenkje eller ein referanse til dokumentet.' },
      decisionAdminOnly: 'Berre administratorane i DFØ kan registrere avgjerda til DFØ.',
    },
  },
  questionForm: {
    ask: 'Still eit spørsmål',
    askHelp: 'Spørsmålet og svaret blir publiserte utan namnet på verksemda di.',
    agency: 'Verksemd',
    question: 'Spørsmål',
    send: 'Send spørsmålet',
    sent: 'Spørsmålet er sendt. Det blir publisert når leverandøren har svart.',
    unanswered: 'Spørsmål utan svar',
    askedBy: (agency: string, when: string) => `Frå ${agency}, ${when}`,
    answer: 'Svar',
    publish: 'Publiser svaret',
    answered: 'Svaret er publisert.',
    noneOpen: 'Ingen spørsmål utan svar.',
  },
};
