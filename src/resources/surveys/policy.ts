import type { SurveyAudience } from '../../domain/collaboration.js';
import { publicPolicy } from '../../domain/policy.js';
import { editsAgency, editsProvider } from '../../domain/principal.js';

/**
 * Surveys are public to know about. The provider running one (its editors) and DFØ's administrators create and
 * change it and read every result as it comes in, split by size class and ministry; everyone else sees the results
 * only once it has closed, in the aggregate with at least 5 respondents per group (src/domain/surveyResults.ts).
 * An agency's editors answer for their agency. Only administrators ask every state agency (DFØ's mappings).
 */
export const SURVEY_ACTIONS = ['read', 'create', 'edit', 'results', 'respond'] as const;
export type SurveyAction = (typeof SURVEY_ACTIONS)[number];

export interface SurveyTarget {
  providerId: string;
  audience?: SurveyAudience;
  /** respond: the agency answering. */
  agencyOrgnr?: string;
}

export const maySurvey = publicPolicy<SurveyAction, SurveyTarget>((p, action, s) => {
  switch (action) {
    case 'create':
      return s.audience !== 'all_state' && editsProvider(p, s.providerId);
    case 'edit':
    case 'results':
      return editsProvider(p, s.providerId);
    case 'respond':
      return !!s.agencyOrgnr && editsAgency(p, s.agencyOrgnr);
  }
});
