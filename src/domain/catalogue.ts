/**
 * The catalogue's controlled vocabularies. Codes are English and stable (they appear in URLs, the API and the
 * database); the words users see come from the message catalogues in `src/web/i18n`.
 */
import { isOneOf } from './vocabulary.js';

/** How a shared service is delivered (the report's three models plus informal collaboration). */
export const DELIVERY_MODELS = ['central', 'sector', 'group', 'network'] as const;
export type DeliveryModel = (typeof DELIVERY_MODELS)[number];

/** Who may use a service. */
export const TARGET_GROUPS = ['all_state', 'state_and_municipal', 'sector', 'group', 'by_agreement'] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

/** Whether an agency must use it. Statens innkjøpssenter's agreements are mandatory with opt-out. */
export const OBLIGATIONS = ['voluntary', 'mandatory_opt_out', 'mandatory'] as const;
export type Obligation = (typeof OBLIGATIONS)[number];

/** Financing models named in the report. */
export const FINANCING_MODELS = [
  'budget_transfer', // rammeoverføring
  'charging_authority', // belastningsfullmakt
  'user_paid', // brukerfinansiert
  'appropriation', // bevilgningsfinansiert
  'commission', // oppdragsfinansiert
  'free', // gratis
] as const;
export type FinancingModel = (typeof FINANCING_MODELS)[number];

export const SERVICE_STATUSES = ['planned', 'pilot', 'active', 'phasing_out'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

/** What kind of offering it is: an operated service, a framework agreement, a platform, or advice. */
export const SERVICE_KINDS = ['service', 'framework_agreement', 'platform', 'advisory'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

export const SUPPORT_CHANNELS = [
  'phone',
  'email',
  'chat',
  'chatbot',
  'self_service',
  'customer_forum',
  'contact_person',
  'status_meeting',
  'on_site',
  'user_survey',
] as const;
export type SupportChannel = (typeof SUPPORT_CHANNELS)[number];

/** Kinds of organisation the portal knows. Ministries and agencies alike are keyed on org number. */
export const ORGANISATION_KINDS = ['ministry', 'agency', 'state_enterprise', 'company', 'municipality', 'county', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Where a fact in the dataset comes from: the 2020 report, a public register, or made up to illustrate. */
export const FACT_SOURCES = ['report', 'register', 'illustrative', 'agency', 'provider'] as const;
export type FactSource = (typeof FACT_SOURCES)[number];

/** The three UI languages: bokmål (the default), nynorsk and English. */
export const LANGUAGES = ['nb', 'nn', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const isLanguage = (x: unknown): x is Language => isOneOf(LANGUAGES, x);

/** Text in the three UI languages. Bokmål is required; the others fall back to it. */
export interface LocalizedText {
  nb: string;
  nn?: string;
  en?: string;
}

/** The text in the wanted language, and the language it actually is in (for `lang` attributes). */
export function pickText(text: LocalizedText | null | undefined, lang: Language): { text: string; lang: Language } {
  if (!text) return { text: '', lang };
  const wanted = text[lang];
  if (wanted && wanted.trim() !== '') return { text: wanted, lang };
  // Nynorsk readers get bokmål before English; English readers get bokmål.
  return { text: text.nb, lang: 'nb' };
}

/** URL slugs: lower case a–z, digits and single hyphens. Norwegian letters are transliterated. */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
}

export const SLUG_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
