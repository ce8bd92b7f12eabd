import type { Language } from '../../domain/catalogue.js';
import { pickText } from '../../domain/catalogue.js';
import type { SizeThresholds } from '../../domain/sizeClass.js';
import { type StatTable, tableOf } from '../../web/export/table.js';
import { messages } from '../../web/i18n/index.js';
import type { AgencyListRow } from './queries.js';
import { sizeClassName } from './sizeClassText.js';

/** The agency list as a table: the page's columns, and the kind and number of employees the size class comes from. */
export function agencyTable(rows: readonly AgencyListRow[], lang: Language, thresholds: SizeThresholds): StatTable {
  const t = messages[lang];
  return tableOf<AgencyListRow>(
    { id: 'virksomheter', title: t.tables.agencies },
    [
      { key: 'orgnr', label: t.common.orgnr, type: 'text', value: (a) => a.orgnr },
      { key: 'name', label: t.agency.name, type: 'text', value: (a) => pickText(a.name, lang).text },
      { key: 'kind', label: t.tables.kind, type: 'text', value: (a) => t.vocab.orgKind[a.kind] },
      { key: 'ministry', label: t.common.ministry, type: 'text', value: (a) => (a.ministry ? pickText(a.ministry.name, lang).text : null) },
      { key: 'employees', label: t.tables.employees, type: 'integer', value: (a) => a.employees },
      { key: 'size', label: t.agency.sizeClass, type: 'text', value: (a) => sizeClassName(t, a.sizeClass, thresholds) },
      { key: 'deleted', label: t.tables.deletedOn, type: 'date', value: (a) => a.deletedOn },
    ],
    rows,
  );
}
