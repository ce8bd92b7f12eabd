import type { Language, LocalizedText } from '../../domain/catalogue.js';
import { pickText } from '../../domain/catalogue.js';
import type { Executor } from '../../db/database.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import { CATALOGUE_FACETS, type CatalogueFacet, type CatalogueQuery, type CatalogueSort, type FacetValue, knownFacetValues } from './queries.js';

type FilterInput = Partial<Record<CatalogueFacet, readonly string[] | undefined>>;

/** Facet filters from validated query parameters; data-driven values (areas, providers) are checked here. */
export async function filtersFrom(db: Executor, input: FilterInput, lang: Language): Promise<CatalogueQuery['filters']> {
  const filters: CatalogueQuery['filters'] = {};
  for (const f of CATALOGUE_FACETS) {
    const values = input[f];
    if (values && values.length > 0) filters[f] = [...new Set(values)];
  }
  if (filters.area || filters.provider) {
    const known = await knownFacetValues(db);
    const t = messages[lang];
    const errors: { field: string; message: string }[] = [];
    for (const f of ['area', 'provider'] as const) {
      for (const v of filters[f] ?? []) if (!known[f].has(v)) errors.push({ field: f, message: t.errors.unknownFilterValue(f, v) });
    }
    if (errors.length) throw new HttpProblem(400, errors.map((e) => e.message).join(' '), { errors });
  }
  return filters;
}

export function effectiveSort(sort: CatalogueSort | undefined, q: string | undefined): CatalogueSort {
  if (sort) return sort;
  return q && q.trim() ? 'relevance' : 'name';
}

/** The label of a facet value in a language: data labels for areas/providers, vocabulary for the rest. */
export function facetLabel(facet: CatalogueFacet, v: FacetValue, lang: Language): string {
  if (v.label) return pickText(v.label as LocalizedText, lang).text;
  const vocab = messages[lang].vocab;
  const table: Partial<Record<CatalogueFacet, Record<string, string>>> = {
    model: vocab.model,
    target: vocab.target,
    obligation: vocab.obligation,
    financing: vocab.financing,
    status: vocab.status,
    kind: vocab.kind,
  };
  return table[facet]?.[v.value] ?? v.value;
}
