/**
 * Unmet needs in the aggregate, for providers and DFØ (Difi's recommendation 3: collect needs early, as input to
 * new framework agreements): open needs counted per service area and agency size class, with how many are urgent.
 * Every size class is a column, the report's undefined 151–200 band and unknown sizes included. Pure.
 */
import type { NeedUrgency } from './collaboration.js';
import { SIZE_CLASSES, type SizeClass } from './sizeClass.js';

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
