/**
 * Faceted filtering, the way catalogue users expect it: values within one facet are alternatives (OR), facets
 * combine (AND), and each facet's counts are computed with every *other* facet's filter applied, so a user sees
 * how many results each alternative would give. Pure; the database does the text matching before this.
 */

export interface FacetDocument {
  /** For each facet, the values this document has (a service can have several financing models). */
  facetValues: Readonly<Record<string, readonly string[]>>;
}

export type FacetSelection = Readonly<Record<string, readonly string[]>>;

export interface FacetResult<D> {
  matches: D[];
  /** facet → value → number of documents that would match with that value selected. */
  counts: Record<string, Map<string, number>>;
}

function matchesFacet(doc: FacetDocument, facet: string, selected: readonly string[] | undefined): boolean {
  if (!selected || selected.length === 0) return true;
  const values = doc.facetValues[facet] ?? [];
  return selected.some((s) => values.includes(s));
}

export function applyFacets<D extends FacetDocument>(docs: readonly D[], facets: readonly string[], selection: FacetSelection): FacetResult<D> {
  const active = facets.filter((f) => (selection[f]?.length ?? 0) > 0);
  const counts: Record<string, Map<string, number>> = {};
  for (const f of facets) counts[f] = new Map();
  const matches: D[] = [];
  for (const doc of docs) {
    // Which active facets does this document fail? 0 → it matches; 1 → it counts only toward that facet.
    const failing = active.filter((f) => !matchesFacet(doc, f, selection[f]));
    if (failing.length === 0) matches.push(doc);
    if (failing.length > 1) continue;
    for (const f of facets) {
      if (failing.length === 1 && failing[0] !== f) continue;
      const m = counts[f]!;
      for (const v of new Set(doc.facetValues[f] ?? [])) m.set(v, (m.get(v) ?? 0) + 1);
    }
  }
  return { matches, counts };
}
