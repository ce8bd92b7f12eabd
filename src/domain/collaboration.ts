/**
 * Vocabularies for collaboration and involvement (the report's 2.4, 5.2, 5.4–5.6 and 3.3): networks of agencies,
 * registered needs, surveys, ideas and the costs and gains of services. Codes are English and stable (URLs, the
 * API, the database); the words users see come from the message catalogues. Pure: no I/O.
 */

/** The report's 2.4: kinds of collaboration between agencies outside the central, sector and group models. */
export const NETWORK_KINDS = ['professional_network', 'co_location', 'regional', 'sector', 'statens_hus', 'forum'] as const;
export type NetworkKind = (typeof NETWORK_KINDS)[number];

/** How soon an agency needs a need met. */
export const NEED_URGENCIES = ['low', 'medium', 'high'] as const;
export type NeedUrgency = (typeof NEED_URGENCIES)[number];

/**
 * Who sees a registered need. `agencies`: every signed-in agency, provider and ministry, with the agency's name,
 * so agencies with like needs can find each other. `restricted`: only the agency, its ministry and DFØ. Providers
 * and DFØ see every open need in the aggregate (per area and size class) whatever its visibility.
 */
export const NEED_VISIBILITIES = ['agencies', 'restricted'] as const;
export type NeedVisibility = (typeof NEED_VISIBILITIES)[number];

/** open: unmet. met: covered (by a service, a network or otherwise). withdrawn: no longer a need. */
export const NEED_STATUSES = ['open', 'met', 'withdrawn'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

/** An idea improves an existing service, or proposes a new shared service or framework agreement. */
export const IDEA_KINDS = ['improvement', 'new_service'] as const;
export type IdeaKind = (typeof IDEA_KINDS)[number];

/** Who a survey asks: the agencies using its services, or (DFØ's mappings) every state agency. */
export const SURVEY_AUDIENCES = ['service_users', 'all_state'] as const;
export type SurveyAudience = (typeof SURVEY_AUDIENCES)[number];

/** Units a gain indicator can be measured in. */
export const GAIN_UNITS = ['nok', 'nok_thousand', 'nok_million', 'hours', 'days', 'fte', 'percent', 'count'] as const;
export type GainUnit = (typeof GAIN_UNITS)[number];

/** Whether a lower value (cost, time) or a higher value (satisfaction, share automated) is the gain. */
export const GAIN_DIRECTIONS = ['lower', 'higher'] as const;
export type GainDirection = (typeof GAIN_DIRECTIONS)[number];
