import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { AccessRequestState } from '../../domain/accessRequest.js';
import { agencies, services } from './catalogue.js';
import { agencyOrgnrCheck, instant, textRef, uuidId, uuidRef } from './columns.js';
import { procurements } from './procurements.js';

/**
 * An agency outside a sector or group service's target group asks the provider for access, with its need; the
 * provider answers (granted, declined with a reason, waiting list). Migration 0016. At most one open request per
 * agency and service; answered ones are kept.
 */
export const accessRequests = pgTable(
  'access_requests',
  {
    id: uuidId(),
    serviceId: uuidRef('service_id', () => services.id, 'cascade'),
    agencyOrgnr: textRef('agency_orgnr', () => agencies.orgnr, 'restrict'),
    need: text('need').notNull(),
    state: text('state').$type<AccessRequestState>().notNull().default('pending'),
    answerNote: text('answer_note'),
    requestedAt: instant('requested_at').notNull(),
    requestedBy: text('requested_by').notNull(),
    answeredAt: instant('answered_at'),
    answeredBy: text('answered_by'),
  },
  (t) => [
    check('access_requests_state', sql`${t.state} in ('pending', 'granted', 'declined', 'waiting_list')`),
    agencyOrgnrCheck('access_requests'),
    check('access_requests_declined_reason', sql`${t.state} <> 'declined' or ${t.answerNote} is not null`),
    uniqueIndex('access_requests_one_open_idx').on(t.serviceId, t.agencyOrgnr).where(sql`${t.state} in ('pending', 'waiting_list')`),
    index('access_requests_agency_idx').on(t.agencyOrgnr),
  ],
);

/** A question on a procurement in consultation and the provider's answer; published without the asking agency. */
export const procurementQuestions = pgTable(
  'procurement_questions',
  {
    id: uuidId(),
    procurementId: uuidRef('procurement_id', () => procurements.id, 'cascade'),
    agencyOrgnr: textRef('agency_orgnr', () => agencies.orgnr, 'restrict'),
    question: text('question').notNull(),
    askedAt: instant('asked_at').notNull(),
    askedBy: text('asked_by').notNull(),
    answer: text('answer'),
    answeredAt: instant('answered_at'),
    answeredBy: text('answered_by'),
  },
  (t) => [agencyOrgnrCheck('procurement_questions'), index('procurement_questions_procurement_idx').on(t.procurementId, t.askedAt)],
);
