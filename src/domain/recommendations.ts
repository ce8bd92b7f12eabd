/**
 * "Hva kan vi bruke?": the services an agency may use and does not, ranked by how many similar agencies use them.
 *
 * Similar agencies are the other agencies in the same ministry area (departementsområde) and the other agencies
 * of the same size class (when the size is known); "peers" of a service are the similar agencies that may use it.
 * A service is ranked by how many similar agencies use it, then by the Wilson lower bound of the share of its peers
 * that use it (9 of 10 above 9 of 40). Every candidate keeps the figures behind its rank, so the page can say why:
 * "12 of 15 agencies under the Ministry of Education use it".
 *
 * Only what the agency may use is suggested: services whose eligibility is unknown (group schemes, agreements
 * between agencies, services for the ministries) are not. A service no similar agency uses is suggested only when it
 * is mandatory (then the agency has opted out). What the agency uses, and the parts and wholes of what it uses
 * (DFØ's payroll sub-services for a payroll customer), are left out before ranking (servicesRelatedTo).
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
  return reasons;
}

/**
 * The services in use and everything above or below them in the service tree: a sub-service of a service the agency
 * uses is part of what it uses, and a main service of a sub-service it uses is one it is already a customer of.
 */
export function servicesRelatedTo(services: readonly { id: string; parentId: string | null }[], inUse: ReadonlySet<string>): Set<string> {
  const parent = new Map(services.map((s) => [s.id, s.parentId]));
  const ancestors = (id: string) => {
    const out: string[] = [];
    for (let p = parent.get(id) ?? null; p && !out.includes(p); p = parent.get(p) ?? null) out.push(p);
    return out;
  };
  const related = new Set(inUse);
  for (const id of inUse) for (const a of ancestors(id)) related.add(a);
  for (const s of services) if (ancestors(s.id).some((a) => inUse.has(a))) related.add(s.id);
  return related;
}

/**
 * Drops what should not be suggested (unknown eligibility; no similar user unless mandatory) and sorts the rest by
 * how many similar agencies use it, best first. `tieBreak` orders equal ones (by name, usually).
 */
export function rankRecommendations<T extends RecommendationCandidate>(candidates: readonly T[], tieBreak: (a: T, b: T) => number = () => 0): (T & Ranked)[] {
  return candidates
    .filter((c) => c.eligibility === 'yes' && (c.similar.users > 0 || c.mandatory))
    .map((c) => ({ ...c, score: wilsonLowerBound(c.similar.users, c.similar.peers), reasons: reasonsFor(c) }))
    .sort((a, b) => b.similar.users - a.similar.users || b.score - a.score || tieBreak(a, b));
}
