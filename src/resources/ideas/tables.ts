import type { Language } from '../../domain/catalogue.js';
import { pickText } from '../../domain/catalogue.js';
import { type StatTable, tableOf } from '../../web/export/table.js';
import { messages } from '../../web/i18n/index.js';
import type { IdeaRow } from './queries.js';

/** The idea list as a table, in the page's order (the same filters and sort). */
export function ideaTable(rows: readonly IdeaRow[], lang: Language): StatTable {
  const t = messages[lang];
  const text = (v: Parameters<typeof pickText>[0]) => pickText(v, lang).text;
  return tableOf<IdeaRow>(
    { id: 'forslag', title: t.tables.ideas },
    [
      { key: 'title', label: t.tables.name, type: 'text', value: (i) => i.title },
      { key: 'kind', label: t.idea.kindLabel, type: 'text', value: (i) => t.idea.kind[i.kind] },
      { key: 'status', label: t.common.status, type: 'text', value: (i) => t.idea.status[i.status] },
      { key: 'service', label: t.agency.service, type: 'text', value: (i) => (i.service ? text(i.service.name) : null) },
      { key: 'provider', label: t.common.provider, type: 'text', value: (i) => (i.provider ? text(i.provider.name) : null) },
      { key: 'area', label: t.common.area, type: 'text', value: (i) => (i.area ? text(i.area.name) : null) },
      { key: 'agency', label: t.tables.proposedBy, type: 'text', value: (i) => text(i.agency.name) },
      { key: 'votes', label: t.tables.votes, type: 'integer', value: (i) => i.votes },
      { key: 'comments', label: t.tables.comments, type: 'integer', value: (i) => i.comments },
      { key: 'created', label: t.tables.created, type: 'datetime', value: (i) => i.createdAt },
    ],
    rows,
  );
}
