import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { LocalizedText } from '../../domain/catalogue.js';
import type {
  DeclarationKind,
  ProcurementAction,
  ProcurementObligation,
  ProcurementState,
} from '../../domain/procurementLifecycle.js';
import type { Answers, QuestionnaireDefinition } from '../../domain/questionnaire.js';
import { users } from './access.js';
import { agencyRef, agencyTable } from './agencyRows.js';
import { providers, services } from './catalogue.js';
import { actedBy, day, followUpColumns, instant, uuidId, uuidRef } from './columns.js';

/**
 * Questionnaires as data: opt-out reasons, accession declarations, a voluntary non-use of a service, surveys.
 * A (slug, version) pair never changes once answered: a new edition is a new version, and answers point at the
 * version they were given under.
 */
export const questionnaires = pgTable(
  'questionnaires',
  {
    id: uuidId(),
    slug: text('slug').notNull(),
    version: integer('version').notNull().default(1),
    /** What it is for: opt_out, accession, service_opt_out, survey … */
    purpose: text('purpose').notNull(),
    title: jsonb('title').$type<LocalizedText>().notNull(),
    definition: jsonb('definition').$type<QuestionnaireDefinition>().notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('questionnaires_slug_version_idx').on(t.slug, t.version)],
);

export const ELIGIBILITIES = ['state', 'state_and_municipal'] as const;
export type Eligibility = (typeof ELIGIBILITIES)[number];

/** A procurement of a framework agreement, moved through the lifecycle in src/domain/procurementLifecycle.ts. */
export const procurements = pgTable(
  'procurements',
  {
    id: uuidId(),
    providerId: uuidRef('provider_id', () => providers.id, 'restrict'),
    /** The agreement in the catalogue, when it is there already (a renewal). */
    serviceId: uuid('service_id').references(() => services.id, { onDelete: 'set null' }),
    title: jsonb('title').$type<LocalizedText>().notNull(),
    category: text('category').notNull(),
    description: jsonb('description').$type<LocalizedText>().notNull(),
    obligation: text('obligation').$type<ProcurementObligation>().notNull(),
    /** All state agencies by default; municipalities and counties too where the agreement allows it. */
    eligibility: text('eligibility').$type<Eligibility>().notNull().default('state'),
    status: text('status').$type<ProcurementState>().notNull().default('planned'),
    plannedAnnouncementOn: day('planned_announcement_on'),
    estimatedValueNok: bigint('estimated_value_nok', { mode: 'number' }),
    consultationOpensAt: instant('consultation_opens_at'),
    consultationDeadline: instant('consultation_deadline'),
    questionnaireId: uuidRef('questionnaire_id', () => questionnaires.id, 'restrict'),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('procurements_provider_idx').on(t.providerId),
    index('procurements_status_idx').on(t.status),
    check('procurements_value_nonnegative', sql`${t.estimatedValueNok} is null or ${t.estimatedValueNok} >= 0`),
    check(
      'procurements_window_ordered',
      sql`${t.consultationDeadline} is null or ${t.consultationOpensAt} is null or ${t.consultationOpensAt} < ${t.consultationDeadline}`,
    ),
  ],
);

/** Dated milestones: one row per transition, never changed. */
export const procurementMilestones = pgTable(
  'procurement_milestones',
  {
    id: uuidId(),
    procurementId: uuidRef('procurement_id', () => procurements.id, 'cascade'),
    action: text('action').$type<ProcurementAction | 'create'>().notNull(),
    fromStatus: text('from_status').$type<ProcurementState>(),
    toStatus: text('to_status').$type<ProcurementState>().notNull(),
    at: instant('at').notNull(),
    byUserId: uuid('by_user_id').references(() => users.id, { onDelete: 'set null' }),
    byName: text('by_name').notNull(),
    note: text('note'),
  },
  (t) => [index('procurement_milestones_procurement_idx').on(t.procurementId, t.at)],
);

/**
 * One declaration per agency and procurement: an opt-out (mandatory agreements) or an accession (voluntary),
 * with answers to the procurement's questionnaire. Changeable and withdrawable until the deadline; a withdrawn
 * declaration keeps its row (withdrawnAt set) so the provider sees it happened. The provider's follow-up of an
 * opt-out lives here too.
 */
export const declarations = agencyTable(
  'declarations',
  {
    procurementId: uuidRef('procurement_id', () => procurements.id, 'cascade'),
    kind: text('kind').$type<DeclarationKind>().notNull(),
    questionnaireId: uuidRef('questionnaire_id', () => questionnaires.id, 'restrict'),
    answers: jsonb('answers').$type<Answers>().notNull(),
    submittedAt: instant('submitted_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    submittedBy: text('submitted_by').notNull(),
    withdrawnAt: instant('withdrawn_at'),
    ...followUpColumns(),
  },
  (t) => [
    uniqueIndex('declarations_one_per_agency_idx').on(t.procurementId, t.agencyOrgnr),
  ],
);

/**
 * A voluntary non-use ("fravalg") of a service, with a reason, so providers learn why agencies stay away. At most
 * one standing per agency and service; withdrawing keeps the row.
 */
export const serviceOptOuts = pgTable(
  'service_opt_outs',
  {
    id: uuidId(),
    agencyOrgnr: agencyRef(),
    serviceId: uuidRef('service_id', () => services.id, 'restrict'),
    questionnaireId: uuidRef('questionnaire_id', () => questionnaires.id, 'restrict'),
    answers: jsonb('answers').$type<Answers>().notNull(),
    ...actedBy('declared'),
    withdrawnAt: instant('withdrawn_at'),
    /** The provider's follow-up and its internal note: never shown to the agency or its ministry. */
    ...followUpColumns(),
  },
  (t) => [
    check('service_opt_outs_follow_up', sql`${t.followUp} is null or ${t.followUp} in ('to_contact', 'contacted', 'resolved')`),
    uniqueIndex('service_opt_outs_one_standing_idx').on(t.agencyOrgnr, t.serviceId).where(sql`${t.withdrawnAt} is null`),
    index('service_opt_outs_service_idx').on(t.serviceId),
  ],
);

/** An agency's locations (offices), kept by the agency itself. */
export const agencyLocations = pgTable(
  'agency_locations',
  {
    id: uuidId(),
    agencyOrgnr: agencyRef('cascade'),
    name: text('name').notNull(),
    address: text('address'),
    postalCode: text('postal_code'),
    city: text('city'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [index('agency_locations_agency_idx').on(t.agencyOrgnr), check('agency_locations_postal_code', sql`${t.postalCode} is null or ${t.postalCode} ~ '^[0-9]{4}$'`)],
);

/**
 * The transactional outbox: mails are written in the same transaction as the change that causes them, and a
 * dispatcher sends them (SMTP) afterwards, retrying with back-off.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuidId(),
    recipients: text('recipients').array().notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    /** What caused it: consultation_opened … */
    kind: text('kind').notNull(),
    entityId: text('entity_id'),
    createdAt: instant('created_at').notNull().defaultNow(),
    sentAt: instant('sent_at'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at').notNull().defaultNow(),
    lastError: text('last_error'),
    /** Extra headers (List-Unsubscribe …). */
    headers: jsonb('headers').$type<Record<string, string>>(),
    /** A mail that must go out once (a notification to a person): a second insert with the same key is a no-op. */
    dedupeKey: text('dedupe_key'),
  },
  (t) => [index('mail_outbox_pending_idx').on(t.nextAttemptAt).where(sql`${t.sentAt} is null`), uniqueIndex('mail_outbox_dedupe_idx').on(t.dedupeKey)],
);
