import type { Language } from '../../domain/catalogue.js';
import { pickText } from '../../domain/catalogue.js';
import { type StatTable, tableOf } from '../../web/export/table.js';
import { messages } from '../../web/i18n/index.js';
import type { ProcurementListRow } from './queries.js';

/** The procurement list as a table: the page's columns, with the deadline and the planned announcement apart. */
export function procurementTable(rows: readonly ProcurementListRow[], lang: Language): StatTable {
  const t = messages[lang];
  return tableOf<ProcurementListRow>(
    { id: 'anskaffelser', title: t.tables.procurements },
    [
      { key: 'title', label: t.procurement.name, type: 'text', value: (r) => pickText(r.title, lang).text },
      { key: 'category', label: t.tables.category, type: 'text', value: (r) => r.category },
      { key: 'obligation', label: t.tables.obligation, type: 'text', value: (r) => t.terms.procurementObligation[r.obligation] },
      { key: 'provider', label: t.common.provider, type: 'text', value: (r) => pickText(r.provider.name, lang).text },
      { key: 'status', label: t.common.status, type: 'text', value: (r) => t.terms.procurementState[r.status] },
      { key: 'deadline', label: t.tables.deadline, type: 'datetime', value: (r) => r.consultationDeadline },
      { key: 'planned', label: t.tables.plannedOn, type: 'date', value: (r) => r.plannedAnnouncementOn },
      { key: 'declarations', label: t.procurement.declarations, type: 'integer', value: (r) => r.declarationCount },
    ],
    rows,
  );
}
