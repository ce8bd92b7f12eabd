import { sql } from 'drizzle-orm';
import { check, doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { LocalizedText } from '../../domain/catalogue.js';
import type { GainDirection, GainUnit, IdeaKind, NeedStatus, NeedUrgency, NeedVisibility, NetworkKind, SurveyAudience } from '../../domain/collaboration.js';
import type { IdeaStatus } from '../../domain/ideaStatus.js';
import { PARTIAL_DATE_SQL_PATTERN } from '../../domain/partialDate.js';
import type { Answers } from '../../domain/questionnaire.js';
import { agencies, areas, providers, services } from './catalogue.js';
import { agencyRef, agencyTable } from './agencyRows.js';
import { actedBy, actedByLater, day, factSource, instant, textRef, timestamps, uuidId, uuidRef } from './columns.js';
import { linkTable } from './linkTable.js';
import { procurements, questionnaires } from './procurements.js';

/**
 * Collaboration and involvement (issue 5; the report's 2.4, 3.3, 5.2, 5.4–5.6): networks of agencies, needs and
 * matchmaking, user surveys, ideas, and the costs and gains of services. Agencies are referred to by organisation
 * number; history is kept (a member who leaves keeps the row with leftAt, a met need keeps its row).
 */

/** A network or collaboration between agencies: a professional network, co-location, a Statens hus … */
export const networks = pgTable(
  'networks',
  {
    id: uuidId(),
    slug: text('slug').notNull(),
    kind: text('kind').$type<NetworkKind>().notNull(),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    description: jsonb('description').$type<LocalizedText>().notNull(),
    /** The provider that facilitates it (DFØ is a provider too); null when the members run it themselves. */
    facilitatorProviderId: uuid('facilitator_provider_id').references(() => providers.id, { onDelete: 'set null' }),
    /** Sector collaborations: the ministry whose area it is. */
    ministryOrgnr: text('ministry_orgnr').references(() => agencies.orgnr, { onDelete: 'set null' }),
    /** Region: a county name as in the municipality register; a municipality (number and name) when it is local. */
    countyName: text('county_name'),
    municipalityNumber: text('municipality_number'),
    municipalityName: text('municipality_name'),
    /** Where it meets ("Statens hus, Leikanger", "digitalt"). */
    meetingPlace: text('meeting_place'),
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    /** The catalogue entry describing this kind of collaboration, when there is one. */
    serviceId: uuid('service_id').references(() => services.id, { onDelete: 'set null' }),
    factSource: factSource('provider'),
    sourceRef: text('source_ref'),
    ...timestamps,
  },
  (t) => [uniqueIndex('networks_slug_idx').on(t.slug), index('networks_kind_idx').on(t.kind)],
);

export const networkAreas = linkTable('network_areas', { networkId: uuidRef('network_id', () => networks.id, 'cascade'), areaSlug: textRef('area_slug', () => areas.slug, 'restrict') }, 'area');

/** Membership, with history: leaving sets leftAt; joining again starts a new row. */
export const networkMembers = agencyTable(
  'network_members',
  {
    networkId: uuidRef('network_id', () => networks.id, 'cascade'),
    ...actedBy('joined'),
    ...actedByLater('left'),
  },
  (t) => [
    uniqueIndex('network_members_one_current_idx').on(t.networkId, t.agencyOrgnr).where(sql`${t.leftAt} is null`),
  ],
);

/** A need an agency has registered ("operations support for our archive system"), for matchmaking and providers. */
export const needs = agencyTable(
  'needs',
  {
    areaSlug: textRef('area_slug', () => areas.slug, 'restrict'),
    title: text('title').notNull(),
    description: text('description').notNull(),
    urgency: text('urgency').$type<NeedUrgency>().notNull(),
    visibility: text('visibility').$type<NeedVisibility>().notNull(),
    status: text('status').$type<NeedStatus>().notNull().default('open'),
    /** How it was met, in the agency's words; and by which service or network, when one of those. */
    resolution: text('resolution'),
    metByServiceId: uuid('met_by_service_id').references(() => services.id, { onDelete: 'set null' }),
    metByNetworkId: uuid('met_by_network_id').references(() => networks.id, { onDelete: 'set null' }),
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    createdBy: text('created_by').notNull(),
    closedAt: instant('closed_at'),
    ...timestamps,
  },
  (t) => [
    index('needs_area_status_idx').on(t.areaSlug, t.status),
    check('needs_closed_when_not_open', sql`(${t.status} = 'open') = (${t.closedAt} is null)`),
  ],
);

/**
 * A survey a provider runs for one or more of its services (or, with audience all_state, DFØ's mappings such as
 * document management and archive). Its questionnaire is its own row (template + custom questions), frozen once
 * created. Open from opensOn to closesOn, both included, in Oslo dates.
 */
export const surveys = pgTable(
  'surveys',
  {
    id: uuidId(),
    providerId: uuidRef('provider_id', () => providers.id, 'restrict'),
    /** The template it was made from (a questionnaire slug with purpose survey_template). */
    template: text('template').notNull(),
    audience: text('audience').$type<SurveyAudience>().notNull().default('service_users'),
    title: jsonb('title').$type<LocalizedText>().notNull(),
    questionnaireId: uuidRef('questionnaire_id', () => questionnaires.id, 'restrict'),
    opensOn: day('opens_on').notNull(),
    closesOn: day('closes_on').notNull(),
    /** A needs survey before a procurement (early involvement, migration 0021): its eligible agencies answer. */
    procurementId: uuid('procurement_id').references(() => procurements.id, { onDelete: 'cascade' }),
    createdBy: text('created_by').notNull(),
    factSource: factSource('provider'),
    ...timestamps,
  },
  (t) => [
    index('surveys_provider_idx').on(t.providerId),
    check('surveys_dates_ordered', sql`${t.closesOn} >= ${t.opensOn}`),
    uniqueIndex('surveys_one_needs_survey_idx').on(t.procurementId).where(sql`${t.procurementId} is not null`),
  ],
);

export const surveyServices = linkTable('survey_services', { surveyId: uuidRef('survey_id', () => surveys.id, 'cascade'), serviceId: uuidRef('service_id', () => services.id, 'restrict') }, 'service');

/**
 * One response per agency and survey, changeable until the survey closes. The agency's size and ministry area are
 * kept as they were when it answered, so a closed survey's results never shift.
 */
export const surveyResponses = agencyTable(
  'survey_responses',
  {
    surveyId: uuidRef('survey_id', () => surveys.id, 'cascade'),
    answers: jsonb('answers').$type<Answers>().notNull(),
    employees: integer('employees'),
    ministryArea: text('ministry_area'),
    submittedAt: instant('submitted_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    submittedBy: text('submitted_by').notNull(),
  },
  (t) => [
    uniqueIndex('survey_responses_one_per_agency_idx').on(t.surveyId, t.agencyOrgnr),
  ],
);

/** An improvement to a service, or a proposal for a new shared service or framework agreement. */
export const ideas = pgTable(
  'ideas',
  {
    id: uuidId(),
    kind: text('kind').$type<IdeaKind>().notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** Improvements: the service. */
    serviceId: uuid('service_id').references(() => services.id, { onDelete: 'set null' }),
    /** Who answers: the service's provider, or for a new service the provider asked (null: DFØ decides). */
    providerId: uuid('provider_id').references(() => providers.id, { onDelete: 'set null' }),
    areaSlug: text('area_slug').references(() => areas.slug, { onDelete: 'set null' }),
    agencyOrgnr: agencyRef(),
    proposedBy: text('proposed_by').notNull(),
    status: text('status').$type<IdeaStatus>().notNull().default('received'),
    statusChangedAt: instant('status_changed_at').notNull(),
    factSource: factSource('agency'),
    ...timestamps,
  },
  (t) => [
    index('ideas_service_idx').on(t.serviceId),
    index('ideas_provider_idx').on(t.providerId),
    index('ideas_status_idx').on(t.status),
    check('ideas_improvement_has_service', sql`${t.kind} <> 'improvement' or ${t.serviceId} is not null`),
  ],
);

/** One vote per agency and idea: the primary key makes a second vote the same vote. */
export const ideaVotes = linkTable('idea_votes', { ideaId: uuidRef('idea_id', () => ideas.id, 'cascade'), agencyOrgnr: agencyRef(), ...actedBy('voted') }, 'agency');

/** Comments on an idea, signed by the organisation (an agency, the provider, or DFØ as administrator). */
export const ideaComments = pgTable(
  'idea_comments',
  {
    id: uuidId(),
    ideaId: uuidRef('idea_id', () => ideas.id, 'cascade'),
    agencyOrgnr: text('agency_orgnr').references(() => agencies.orgnr, { onDelete: 'restrict' }),
    providerId: uuid('provider_id').references(() => providers.id, { onDelete: 'set null' }),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('idea_comments_idea_idx').on(t.ideaId, t.createdAt)],
);

/** The provider's answers and status changes, never changed. */
export const ideaStatusEvents = pgTable(
  'idea_status_events',
  {
    id: uuidId(),
    ideaId: uuidRef('idea_id', () => ideas.id, 'cascade'),
    fromStatus: text('from_status').$type<IdeaStatus>(),
    toStatus: text('to_status').$type<IdeaStatus>().notNull(),
    note: text('note'),
    at: instant('at').notNull(),
    byName: text('by_name').notNull(),
    providerId: uuid('provider_id').references(() => providers.id, { onDelete: 'set null' }),
  },
  (t) => [index('idea_status_events_idea_idx').on(t.ideaId, t.at)],
);

/**
 * A gain indicator for a service: the baseline (what it cost or took before, when, from which source, by which
 * method) that measurements over time are compared with.
 */
export const gainIndicators = pgTable(
  'gain_indicators',
  {
    id: uuidId(),
    serviceId: uuidRef('service_id', () => services.id, 'cascade'),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    unit: text('unit').$type<GainUnit>().notNull(),
    betterWhen: text('better_when').$type<GainDirection>().notNull(),
    baselineValue: doublePrecision('baseline_value').notNull(),
    /** Partial ISO date: "2019", "2019-06". */
    baselinePeriod: text('baseline_period').notNull(),
    /** What it cost or took before, in words. */
    baselineDescription: jsonb('baseline_description').$type<LocalizedText>().notNull(),
    source: text('source').notNull(),
    method: text('method').notNull(),
    factSource: factSource('provider'),
    sortOrder: integer('sort_order').notNull().default(0),
    ...timestamps,
  },
  (t) => [index('gain_indicators_service_idx').on(t.serviceId), check('gain_indicators_period', sql.raw(`baseline_period ~ '${PARTIAL_DATE_SQL_PATTERN}'`))],
);

/** A result for a period; one per indicator and period (a correction replaces it, the audit log keeps the old). */
export const gainMeasurements = pgTable(
  'gain_measurements',
  {
    id: uuidId(),
    indicatorId: uuidRef('indicator_id', () => gainIndicators.id, 'cascade'),
    period: text('period').notNull(),
    value: doublePrecision('value').notNull(),
    note: text('note'),
    ...actedBy('recorded'),
  },
  (t) => [uniqueIndex('gain_measurements_period_idx').on(t.indicatorId, t.period), check('gain_measurements_period', sql.raw(`period ~ '${PARTIAL_DATE_SQL_PATTERN}'`))],
);
