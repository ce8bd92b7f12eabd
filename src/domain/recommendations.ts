/**
 * "Hva kan vi bruke?": the services an agency may use and does not, ranked by how many similar agencies use them.
 *
 * Similar agencies are the other agencies in the same ministry area (departementsområde) and the other agencies
 * of the same size class (when the size is known); "peers" of a service are the similar agencies that may use it.
 * A service is ranked by the Wilson lower bound of the share of its peers that use it, so 9 of 10 ranks above 1 of
 * 1; ties go to the larger number of users. Every candidate keeps the figures behind its rank, so the page can say
 * why: "12 of 15 agencies under the Ministry of Education use it".
 *
 * Services whose eligibility is unknown (group schemes, agreements between agencies) are suggested only when at
 * least one similar agency uses them, and marked so the agency asks the provider first.
 */
import type { Eligibility } from './eligibility.js';
import { wilsonLowerBound } from './shares.js';

export interface CohortUse {
  /** Similar agencies that use the service. */
  users: number;
  /** Similar agencies that may use it (for unknown eligibility: all similar agencies). */
  peers: number;
}

export interface RecommendationCandidate {
  eligibility: Exclude<Eligibility, 'no'>;
  /** Peers in the same ministry area, or null when the agency is under no ministry. */
  sameMinistry: CohortUse | null;
  /** Peers of the same size class, or null when the agency's size is unknown. */
  sameSize: CohortUse | null;
  /** The union of both cohorts (an agency in both is counted once). */
  similar: CohortUse;
  /** Mandatory with opt-out (Statens innkjøpssenter): not using it means the agency has opted out. */
  mandatory: boolean;
}

export type RecommendationReason =
  | { kind: 'sameMinistry'; users: number; peers: number }
  | { kind: 'sameSize'; users: number; peers: number }
  | { kind: 'mandatoryOptedOut' }
  | { kind: 'askProvider' }
  | { kind: 'noPeerUses' };

export interface Ranked {
  score: number;
  reasons: RecommendationReason[];
}

/** Why a candidate is suggested, strongest cohort first. */
export function reasonsFor(c: RecommendationCandidate): RecommendationReason[] {
  const reasons: RecommendationReason[] = [];
  const cohorts = [
    c.sameMinistry && c.sameMinistry.users > 0 ? ({ kind: 'sameMinistry', ...c.sameMinistry } as const) : null,
    c.sameSize && c.sameSize.users > 0 ? ({ kind: 'sameSize', ...c.sameSize } as const) : null,
  ].filter((x): x is NonNullable<typeof x> => x !== null);
  cohorts.sort((a, b) => b.users / b.peers - a.users / a.peers);
  reasons.push(...cohorts);
  if (cohorts.length === 0) reasons.push({ kind: 'noPeerUses' });
  if (c.mandatory) reasons.push({ kind: 'mandatoryOptedOut' });
  if (c.eligibility === 'unknown') reasons.push({ kind: 'askProvider' });
  return reasons;
}

/**
 * Drops what should not be suggested (unknown eligibility with no similar user) and sorts the rest, best first.
 * `tieBreak` orders equal scores (by name, usually).
 */
export function rankRecommendations<T extends RecommendationCandidate>(candidates: readonly T[], tieBreak: (a: T, b: T) => number = () => 0): (T & Ranked)[] {
  return candidates
    .filter((c) => c.eligibility === 'yes' || c.similar.users > 0)
    .map((c) => ({ ...c, score: wilsonLowerBound(c.similar.users, c.similar.peers), reasons: reasonsFor(c) }))
    .sort((a, b) => b.score - a.score || b.similar.users - a.similar.users || tieBreak(a, b));
}
