/**
 * Unmet needs in the aggregate, for providers and DFØ (Difi's recommendation 3: collect needs early, as input to
 * new framework agreements): open needs counted per service area and agency size class, with how many are urgent.
 * Every size class is a column, the report's undefined 151–200 band and unknown sizes included. Pure.
 */
import type { NeedUrgency } from './collaboration.js';
import { SIZE_CLASSES, type SizeClass } from './sizeClass.js';
import { cellsToHide, MIN_GROUP_SIZE } from './smallGroups.js';

export interface NeedCell {
  areaSlug: string;
  sizeClass: SizeClass;
  urgency: NeedUrgency;
  agencyOrgnr: string;
}

export interface NeedTableRow {
  areaSlug: string;
  counts: Record<SizeClass, number>;
  total: number;
  urgent: number;
  /** Distinct agencies with an open need in the area. */
  agencies: number;
}

export function tabulateNeeds(needs: readonly NeedCell[], areaOrder: readonly string[]): { rows: NeedTableRow[]; totals: Omit<NeedTableRow, 'areaSlug'> } {
  const empty = () => Object.fromEntries(SIZE_CLASSES.map((c) => [c, 0])) as Record<SizeClass, number>;
  const byArea = new Map<string, { counts: Record<SizeClass, number>; total: number; urgent: number; agencies: Set<string> }>();
  for (const n of needs) {
    let row = byArea.get(n.areaSlug);
    if (!row) byArea.set(n.areaSlug, (row = { counts: empty(), total: 0, urgent: 0, agencies: new Set() }));
    row.counts[n.sizeClass]++;
    row.total++;
    if (n.urgency === 'high') row.urgent++;
    row.agencies.add(n.agencyOrgnr);
  }
  const rank = (slug: string) => (areaOrder.indexOf(slug) === -1 ? Infinity : areaOrder.indexOf(slug));
  const rows = [...byArea.entries()]
    .map(([areaSlug, r]) => ({ areaSlug, counts: r.counts, total: r.total, urgent: r.urgent, agencies: r.agencies.size }))
    .sort((a, b) => b.total - a.total || rank(a.areaSlug) - rank(b.areaSlug) || (a.areaSlug < b.areaSlug ? -1 : 1));
  const totals = { counts: empty(), total: needs.length, urgent: needs.filter((n) => n.urgency === 'high').length, agencies: new Set(needs.map((n) => n.agencyOrgnr)).size };
  for (const n of needs) totals.counts[n.sizeClass]++;
  return { rows, totals };
}

/** A row of the aggregate as providers see it: a figure about fewer than k agencies is null. */
export interface PublicNeedRow {
  counts: Record<SizeClass, number | null>;
  total: number | null;
  urgent: number | null;
  agencies: number | null;
  hidden: boolean;
}

/**
 * The aggregate with the small-group rule (src/domain/smallGroups.ts), counting agencies, so a provider cannot
 * subtract the needs it sees shared from the totals to find an agency's unshared need:
 * - fewer than k agencies in all: nothing;
 * - areas are a breakdown of the grand total: an area with needs from fewer than k agencies is hidden whole, with
 *   complementary hiding over the areas;
 * - in an area shown, its size classes are a breakdown of its total: a cell of fewer than k agencies is hidden, with
 *   complementary hiding within the area;
 * - a size class's total over all areas is shown only when none of its cells is hidden (it then tells nothing new):
 *   a second set of totals across the areas would let hidden cells be worked out from two sides.
 */
export function protectNeedTable(needs: readonly NeedCell[], areaOrder: readonly string[], k = MIN_GROUP_SIZE): { rows: (PublicNeedRow & { areaSlug: string })[]; totals: PublicNeedRow; tooFew: boolean } {
  const { rows, totals } = tabulateNeeds(needs, areaOrder);
  const none = (): Record<SizeClass, null> => Object.fromEntries(SIZE_CLASSES.map((c) => [c, null])) as Record<SizeClass, null>;
  const hiddenRow = (): PublicNeedRow => ({ counts: none(), total: null, urgent: null, agencies: null, hidden: true });
  if (totals.agencies > 0 && totals.agencies < k) return { rows: rows.map((r) => ({ areaSlug: r.areaSlug, ...hiddenRow() })), totals: hiddenRow(), tooFew: true };
  const agenciesIn = (area: string, c: SizeClass) => new Set(needs.filter((n) => n.areaSlug === area && n.sizeClass === c).map((n) => n.agencyOrgnr)).size;
  const hiddenAreas = cellsToHide(rows.map((r) => ({ key: r.areaSlug, n: r.agencies })), k);
  const hiddenColumns = new Set<SizeClass>(hiddenAreas.size ? SIZE_CLASSES : []);
  const shownRows = rows.map((r) => {
    if (hiddenAreas.has(r.areaSlug)) return { areaSlug: r.areaSlug, ...hiddenRow() };
    const hidden = cellsToHide(SIZE_CLASSES.map((c) => ({ key: c, n: agenciesIn(r.areaSlug, c) })), k);
    for (const c of hidden) hiddenColumns.add(c as SizeClass);
    const counts = Object.fromEntries(SIZE_CLASSES.map((c) => [c, hidden.has(c) ? null : r.counts[c]])) as Record<SizeClass, number | null>;
    return { areaSlug: r.areaSlug, counts, total: r.total, urgent: r.urgent, agencies: r.agencies, hidden: hidden.size > 0 };
  });
  return {
    rows: shownRows,
    totals: {
      counts: Object.fromEntries(SIZE_CLASSES.map((c) => [c, hiddenColumns.has(c) ? null : totals.counts[c]])) as Record<SizeClass, number | null>,
      total: totals.total,
      urgent: totals.urgent,
      agencies: totals.agencies,
      hidden: hiddenColumns.size > 0,
    },
    tooFew: false,
  };
}
