/**
 * Coverage: for one agency and one service area, which arrangement covers it.
 *
 * Derived from the agency's active subscriptions (each service has a delivery model and an area) and from what the
 * agency itself has declared it does in-house. An area can be covered several ways at once (DFØ payroll and a
 * sector system); the matrix shows all of them, and counts each agency once under its *first* arrangement in
 * COVERAGE_KINDS order: central, sector, group, network, own, none known. `none` means *nothing known*: the
 * register has no subscription and no declaration, which is not the same as the agency having nothing.
 *
 * The report's key gap: in IT operation and archive/document management (areas flagged `gapArea`) agencies outside
 * the sector and group schemes have no shared service. `isGapExposed` says whether an agency is such an agency.
 */
import { DELIVERY_MODELS, type DeliveryModel } from './catalogue.js';

export const COVERAGE_KINDS = [...DELIVERY_MODELS, 'own', 'none'] as const;
export type CoverageKind = (typeof COVERAGE_KINDS)[number];

/** Delivery models as bits, so the database can aggregate a set of models per agency and area with bit_or. */
export const MODEL_BIT: Record<DeliveryModel, number> = { central: 1, sector: 2, group: 4, network: 8 };

export function modelMask(models: Iterable<DeliveryModel>): number {
  let m = 0;
  for (const x of models) m |= MODEL_BIT[x];
  return m;
}

export function modelsOfMask(mask: number): DeliveryModel[] {
  return DELIVERY_MODELS.filter((m) => (mask & MODEL_BIT[m]) !== 0);
}

export interface CellCoverage {
  /** Every delivery model the agency uses in the area, in the models' order. */
  models: DeliveryModel[];
  /** The agency has declared the area done in-house. */
  inHouse: boolean;
  /** The first arrangement in COVERAGE_KINDS order: what the agency is counted under. */
  primary: CoverageKind;
}

export function coverageOf(mask: number, inHouse: boolean): CellCoverage {
  const models = modelsOfMask(mask);
  const primary: CoverageKind = models[0] ?? (inHouse ? 'own' : 'none');
  return { models, inHouse, primary };
}

/** Without a central, sector or group arrangement in the area: the agencies the report's gap is about. */
export function isGapExposed(mask: number): boolean {
  return (mask & (MODEL_BIT.central | MODEL_BIT.sector | MODEL_BIT.group)) === 0;
}

export interface CoverageGroupCount {
  area: string;
  mask: number;
  inHouse: boolean;
  agencies: number;
}

export type CoverageCounts = Record<CoverageKind, number>;

export const emptyCoverageCounts = (): CoverageCounts => ({ central: 0, sector: 0, group: 0, network: 0, own: 0, none: 0 });

/**
 * Counts per area and arrangement from counts per (area, model set, in-house). The database groups agencies by their
 * model set; the rule that picks the arrangement stays here. Agencies with no row for an area are `none`: the
 * caller gives the number of agencies counted (`population`), and what the groups do not account for is none known.
 */
export function summarizeCoverage(areas: readonly string[], groups: readonly CoverageGroupCount[], population: number) {
  const byArea = new Map<string, { counts: CoverageCounts; gapExposed: number }>();
  for (const a of areas) byArea.set(a, { counts: emptyCoverageCounts(), gapExposed: 0 });
  for (const g of groups) {
    const entry = byArea.get(g.area);
    if (!entry) continue;
    entry.counts[coverageOf(g.mask, g.inHouse).primary] += g.agencies;
    if (isGapExposed(g.mask)) entry.gapExposed += g.agencies;
  }
  return areas.map((area) => {
    const { counts, gapExposed } = byArea.get(area)!;
    const accounted = COVERAGE_KINDS.reduce((n, k) => n + counts[k], 0);
    counts.none += Math.max(0, population - accounted);
    return { area, counts, gapExposed: gapExposed + Math.max(0, population - accounted), population };
  });
}
