import { numberWords } from './numbers.js';
import type { report2Nb } from './report2.nb.js';

const { number } = numberWords('en');

/** English: early involvement before a procurement, the questions form. */
export const report2En: typeof report2Nb = {
  early: {
    title: 'Early involvement',
    lead: 'Before a procurement goes to consultation: the needs of every agency the agreement is for, the recommendation of Statens innkjøpsråd (the state procurement council) and DFØ’s decision.',
    steps: {
      needs_survey: 'Needs survey',
      council_recommendation: 'Recommendation of Statens innkjøpsråd',
      decision: 'DFØ’s decision',
    },
    surveyTitle: 'Needs survey',
    surveyNone: 'No needs survey has been started.',
    surveyDates: (opens: string, closes: string) => `Open from ${opens} to ${closes} inclusive.`,
    surveyAnswered: (n: number, of: number) => `${number(n)} of ${number(of)} agencies have answered.`,
    surveyOpen: 'See and answer the needs survey',
    notRecorded: 'Not recorded yet.',
    outcome: {
      recommended: 'Recommends the procurement',
      not_recommended: 'Does not recommend the procurement',
      proceed: 'The procurement goes ahead',
      stop: 'The procurement does not go ahead',
    },
    decidedOn: 'Date',
    document: 'Document',
    reference: (ref: string) => `Reference: ${ref}`,
    startSurvey: 'Start a needs survey',
    startSurveyHelp: 'The survey goes to every agency the procurement is for, not only today’s users.',
    opensOn: 'Opens',
    closesOn: 'Closes (inclusive)',
    record: 'Record',
    recordTitle: (step: string) => `Record: ${step}`,
    outcomeLabel: 'Outcome',
    summary: 'Summary',
    documentTitle: 'Title of the document',
    documentUrl: 'Link to the document',
    documentRef: 'Or a reference (such as the case number in the archive)',
    documentHelp: 'Give a link or a reference to where the document is filed.',
    done: { needs_survey: 'The needs survey has been started.', council_recommendation: 'The recommendation has been recorded.', decision: 'The decision has been recorded.' },
    refusal: {
      not_before_consultation: 'Early involvement comes before the consultation: the procurement is no longer planned.',
      survey_exists: 'The procurement already has a needs survey.',
      already_recorded: 'This has already been recorded for the procurement.',
      needs_recommendation: 'DFØ decides on the recommendation of Statens innkjøpsråd. Record the recommendation first.',
      survey_still_open: 'The council recommends once the needs survey has ended. Wait until it has closed.',
    },
    errors: {
      decidedOn: {
        invalid: 'Give the date as YYYY-MM-DD.',
        in_future: 'The date cannot be in the future.',
        before_recommendation: 'The decision cannot be dated before the recommendation.',
        before_survey_closes: 'The recommendation must be dated after the needs survey closed.',
      },
      outcome: { not_an_option: 'Choose an outcome.' },
      documentTitle: { missing: 'Write the title of the document.' },
      documentUrl: { invalid: 'The link must start with https:// or http://.', missing: 'Give a link or a reference to the document.' },
      decisionAdminOnly: 'Only DFØ’s administrators can record DFØ’s decision.',
    },
  },
  questionForm: {
    ask: 'Ask a question',
    askHelp: 'The question and its answer are published without your agency’s name.',
    agency: 'Agency',
    question: 'Question',
    send: 'Send the question',
    sent: 'Your question has been sent. It is published once the provider has answered.',
    unanswered: 'Unanswered questions',
    askedBy: (agency: string, when: string) => `From ${agency}, ${when}`,
    answer: 'Answer',
    publish: 'Publish the answer',
    answered: 'The answer has been published.',
    noneOpen: 'No unanswered questions.',
  },
};
