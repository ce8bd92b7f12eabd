import type { Language } from '../../domain/catalogue.js';
import { pickText } from '../../domain/catalogue.js';
import { type StatTable, tableOf } from '../../web/export/table.js';
import { messages } from '../../web/i18n/index.js';
import type { CatalogueItem } from './queries.js';

/** The catalogue's search results as a table: what each result card shows, one service a row, in the page's order. */
export function catalogueTable(items: readonly CatalogueItem[], lang: Language): StatTable {
  const t = messages[lang];
  const text = (v: Parameters<typeof pickText>[0]) => pickText(v, lang).text;
  return tableOf<CatalogueItem>(
    { id: 'tjenester', title: t.tables.services },
    [
      { key: 'name', label: t.tables.name, type: 'text', value: (s) => text(s.name) },
      { key: 'provider', label: t.catalogue.facet.provider, type: 'text', value: (s) => text(s.provider.name) },
      { key: 'area', label: t.catalogue.facet.area, type: 'text', value: (s) => text(s.area.name) },
      { key: 'partOf', label: t.tables.partOf, type: 'text', value: (s) => (s.parent ? text(s.parent.name) : null) },
      { key: 'kind', label: t.catalogue.facet.kind, type: 'text', value: (s) => t.vocab.kind[s.kind] },
      { key: 'model', label: t.catalogue.facet.model, type: 'text', value: (s) => t.vocab.model[s.model] },
      { key: 'target', label: t.catalogue.facet.target, type: 'text', value: (s) => t.vocab.target[s.targetGroup] },
      { key: 'obligation', label: t.catalogue.facet.obligation, type: 'text', value: (s) => t.vocab.obligation[s.obligation] },
      { key: 'financing', label: t.catalogue.facet.financing, type: 'text', value: (s) => s.financing.map((f) => t.vocab.financing[f]).join(', ') || null },
      { key: 'status', label: t.catalogue.facet.status, type: 'text', value: (s) => t.vocab.status[s.status] },
      { key: 'changed', label: t.tables.changed, type: 'datetime', value: (s) => s.updatedAt },
    ],
    items,
  );
}
