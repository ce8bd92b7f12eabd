import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { AccessRequestState } from '../../domain/accessRequest.js';
import type { Measures } from '../../domain/agencyBaseline.js';
import type { EarlyMilestoneKind } from '../../domain/earlyInvolvement.js';
import { agencyRef, agencyTable } from './agencyRows.js';
import { services } from './catalogue.js';
import { actedBy, actedByLater, agencyOrgnrCheck, day, uuidId, uuidRef } from './columns.js';
import { procurements } from './procurements.js';

/**
 * An agency outside a sector or group service's target group asks the provider for access, with its need; the
 * provider answers (granted, declined with a reason, waiting list). Migration 0016. At most one open request per
 * agency and service; answered ones are kept.
 */
export const accessRequests = agencyTable(
  'access_requests',
  {
    serviceId: uuidRef('service_id', () => services.id, 'cascade'),
    need: text('need').notNull(),
    state: text('state').$type<AccessRequestState>().notNull().default('pending'),
    answerNote: text('answer_note'),
    ...actedBy('requested'),
    ...actedByLater('answered'),
  },
  (t) => [
    check('access_requests_state', sql`${t.state} in ('pending', 'granted', 'declined', 'waiting_list')`),
    check('access_requests_declined_reason', sql`${t.state} <> 'declined' or ${t.answerNote} is not null`),
    uniqueIndex('access_requests_one_open_idx').on(t.serviceId, t.agencyOrgnr).where(sql`${t.state} in ('pending', 'waiting_list')`),
  ],
);

/** A question on a procurement in consultation and the provider's answer; published without the asking agency. */
export const procurementQuestions = pgTable(
  'procurement_questions',
  {
    id: uuidId(),
    procurementId: uuidRef('procurement_id', () => procurements.id, 'cascade'),
    agencyOrgnr: agencyRef(),
    question: text('question').notNull(),
    ...actedBy('asked'),
    answer: text('answer'),
    ...actedByLater('answered'),
  },
  (t) => [agencyOrgnrCheck('procurement_questions'), index('procurement_questions_procurement_idx').on(t.procurementId, t.askedAt)],
);

/**
 * Early involvement before a procurement (migration 0021): Statens innkjøpsråd's recommendation and DFØ's decision,
 * each dated, with its outcome and a document (title, and a URL or a reference to where it is kept). One of each
 * per procurement; never changed.
 */
export const procurementEarlyMilestones = pgTable(
  'procurement_early_milestones',
  {
    id: uuidId(),
    procurementId: uuidRef('procurement_id', () => procurements.id, 'cascade'),
    kind: text('kind').$type<EarlyMilestoneKind>().notNull(),
    decidedOn: day('decided_on').notNull(),
    outcome: text('outcome').notNull(),
    summary: text('summary'),
    documentTitle: text('document_title').notNull(),
    documentUrl: text('document_url'),
    documentRef: text('document_ref'),
    ...actedBy('recorded'),
  },
  (t) => [
    uniqueIndex('procurement_early_milestones_one_idx').on(t.procurementId, t.kind),
    check('procurement_early_milestones_kind', sql`${t.kind} in ('council_recommendation', 'decision')`),
    check('procurement_early_milestones_document', sql`${t.documentUrl} is not null or ${t.documentRef} is not null`),
  ],
);

/**
 * An agency's baseline on the task a service takes over, and later its result (migration 0021; the report's 3.3).
 * Measures as JSON: { hoursPerMonth?, costNokPerYear?, ftes? }. One row per agency and service.
 */
export const agencyBaselines = agencyTable(
  'agency_baselines',
  {
    serviceId: uuidRef('service_id', () => services.id, 'cascade'),
    baselinePeriod: text('baseline_period').notNull(),
    baseline: jsonb('baseline').$type<Measures>().notNull(),
    baselineNote: text('baseline_note'),
    ...actedBy('baselineRecorded'),
    resultPeriod: text('result_period'),
    result: jsonb('result').$type<Measures>(),
    resultNote: text('result_note'),
    ...actedByLater('resultRecorded'),
  },
  (t) => [
    check('agency_baselines_result_whole', sql`(${t.result} is null) = (${t.resultPeriod} is null)`),
    uniqueIndex('agency_baselines_one_idx').on(t.serviceId, t.agencyOrgnr),
  ],
);
