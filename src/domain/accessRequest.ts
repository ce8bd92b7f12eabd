/**
 * Asking for access (Difi recommendation 4, the report's 5.5 model 3): an agency outside a sector or group service's
 * target group asks the provider for access, with its need; the provider answers — granted, declined (with a
 * reason), or on a waiting list (answered later). Pure: no I/O.
 */
import type { DeliveryModel } from './catalogue.js';
import type { Eligibility } from './eligibility.js';

export const ACCESS_REQUEST_STATES = ['pending', 'granted', 'declined', 'waiting_list'] as const;
export type AccessRequestState = (typeof ACCESS_REQUEST_STATES)[number];
export const ACCESS_ANSWERS = ['granted', 'declined', 'waiting_list'] as const;
export type AccessAnswer = (typeof ACCESS_ANSWERS)[number];

/** Open requests: an agency has at most one per service. */
export const OPEN_STATES: readonly AccessRequestState[] = ['pending', 'waiting_list'];

/** Services one asks for access to: sector and group services, which have a target group one may be outside. */
export function mayAskForAccess(service: { model: DeliveryModel }, eligibility: Eligibility): boolean {
  return (service.model === 'sector' || service.model === 'group') && eligibility !== 'yes';
}

export type AnswerRefusal = 'already_answered' | 'reason_required' | 'same_state';

/** The provider's answer to a request: from pending or the waiting list; a decline needs a reason. */
export function answerAccessRequest(from: AccessRequestState, answer: AccessAnswer, reason: string | null | undefined): { ok: true; to: AccessRequestState } | { ok: false; reason: AnswerRefusal } {
  if (!OPEN_STATES.includes(from)) return { ok: false, reason: 'already_answered' };
  if (from === answer) return { ok: false, reason: 'same_state' };
  if (answer === 'declined' && !reason?.trim()) return { ok: false, reason: 'reason_required' };
  return { ok: true, to: answer };
}
