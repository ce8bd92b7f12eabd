/**
 * Matchmaking (the report's 5.5): "DFØ can make it easier for agencies that could collaborate to find each other".
 * When an agency registers a need, other agencies' needs in the same area are ranked by how alike the two
 * agencies are, so like needs meet like agencies first. Pure: no I/O.
 *
 * The area is the gate: only needs in the same service area are "the same need" (archive operation is not payroll).
 * Within it, a score from 0 to 100 adds up what the report names as the ways agencies collaborate — place,
 * sector and size:
 *
 * | what                                                   | points |
 * |--------------------------------------------------------|-------:|
 * | same municipality (by municipality number)             |     35 |
 * | same county, another municipality                      |     20 |
 * | same ministry area (the ministry, or the agencies under it) |  30 |
 * | same size class (small, medium, 151–200, large)        |     35 |
 * | neighbouring size class (small–medium, medium–151–200, 151–200–large) | 15 |
 *
 * Place counts most with size, since the report's collaborations are co-location and regional groups, and
 * "small agencies need the same support" (5.5); the ministry area is the sector collaboration. An unknown
 * municipality, county, ministry or size gives no points for that line, never a guess. Ties go to the more urgent
 * need, then the newer one, then the organisation number, so the order is stable.
 */
import type { NeedUrgency } from './collaboration.js';
import { SIZE_CLASSES, type SizeClass } from './sizeClass.js';

export const MATCH_WEIGHTS = {
  sameMunicipality: 35,
  sameCounty: 20,
  sameMinistry: 30,
  sameSize: 35,
  neighbouringSize: 15,
} as const;

/** What matchmaking knows about an agency. */
export interface MatchAgency {
  orgnr: string;
  /** Municipality number (names repeat across counties: Herøy, Våler). */
  municipality: string | null;
  county: string | null;
  /** The ministry area: the ministry the agency is under, or, for a ministry, itself. */
  ministryArea: string | null;
  sizeClass: SizeClass;
}

export interface MatchNeed {
  id: string;
  areaSlug: string;
  urgency: NeedUrgency;
  /** When it was registered: ISO timestamp or Date. */
  createdAt: Date;
  agency: MatchAgency;
}

export type MatchReason = 'same_municipality' | 'same_county' | 'same_ministry' | 'same_size' | 'neighbouring_size';

export interface Match<N extends MatchNeed> {
  need: N;
  score: number;
  reasons: MatchReason[];
}

/** Size classes in order; `unknown` has no neighbours. */
const SIZE_ORDER: readonly SizeClass[] = SIZE_CLASSES.filter((c) => c !== 'unknown');

const same = (a: string | null, b: string | null) => a !== null && b !== null && a.toLocaleLowerCase('nb') === b.toLocaleLowerCase('nb');

/** How alike two agencies are, with the reasons (largest first), on the scale above. */
export function agencySimilarity(a: MatchAgency, b: MatchAgency): { score: number; reasons: MatchReason[] } {
  const reasons: MatchReason[] = [];
  let score = 0;
  if (same(a.municipality, b.municipality)) {
    score += MATCH_WEIGHTS.sameMunicipality;
    reasons.push('same_municipality');
  } else if (same(a.county, b.county)) {
    score += MATCH_WEIGHTS.sameCounty;
    reasons.push('same_county');
  }
  if (same(a.ministryArea, b.ministryArea)) {
    score += MATCH_WEIGHTS.sameMinistry;
    reasons.push('same_ministry');
  }
  if (a.sizeClass !== 'unknown' && a.sizeClass === b.sizeClass) {
    score += MATCH_WEIGHTS.sameSize;
    reasons.push('same_size');
  } else {
    const i = SIZE_ORDER.indexOf(a.sizeClass);
    const j = SIZE_ORDER.indexOf(b.sizeClass);
    if (i >= 0 && j >= 0 && Math.abs(i - j) === 1) {
      score += MATCH_WEIGHTS.neighbouringSize;
      reasons.push('neighbouring_size');
    }
  }
  return { score, reasons };
}

const URGENCY_RANK: Record<NeedUrgency, number> = { high: 0, medium: 1, low: 2 };

/**
 * Other agencies' needs like `mine`, best match first: the same area, not the same agency, ranked by
 * agencySimilarity. `limit` cuts the list (default: all).
 */
export function rankSimilarNeeds<N extends MatchNeed>(mine: MatchNeed, candidates: readonly N[], limit = Infinity): Match<N>[] {
  return candidates
    .filter((c) => c.id !== mine.id && c.agency.orgnr !== mine.agency.orgnr && c.areaSlug === mine.areaSlug)
    .map((need) => ({ need, ...agencySimilarity(mine.agency, need.agency) }))
    .sort(
      (x, y) =>
        y.score - x.score ||
        URGENCY_RANK[x.need.urgency] - URGENCY_RANK[y.need.urgency] ||
        y.need.createdAt.getTime() - x.need.createdAt.getTime() ||
        (x.need.agency.orgnr < y.need.agency.orgnr ? -1 : x.need.agency.orgnr > y.need.agency.orgnr ? 1 : 0),
    )
    .slice(0, limit);
}
