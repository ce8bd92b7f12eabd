import type { Language } from '../../domain/catalogue.js';
import { pickText } from '../../domain/catalogue.js';
import { endReasonText } from '../../web/codeLabels.js';
import { type StatTable, tableOf } from '../../web/export/table.js';
import { messages } from '../../web/i18n/index.js';
import type { UsageRow } from './queries.js';

/** An agency's usage register as one table: the services in use (no end date) and the history, end reasons in words. */
export function usageTable(rows: readonly UsageRow[], lang: Language): StatTable {
  const t = messages[lang];
  return tableOf<UsageRow>(
    { id: 'bruksregister', title: t.tables.usage },
    [
      { key: 'service', label: t.agency.service, type: 'text', value: (u) => pickText(u.service.name, lang).text },
      { key: 'provider', label: t.common.provider, type: 'text', value: (u) => pickText(u.provider.name, lang).text },
      { key: 'tier', label: t.agency.tier, type: 'text', value: (u) => (u.tier?.name ? pickText(u.tier.name, lang).text : null) },
      { key: 'from', label: t.tables.started, type: 'date', value: (u) => u.startedOn },
      { key: 'to', label: t.tables.ended, type: 'date', value: (u) => u.endedOn },
      { key: 'endReason', label: t.usage.endReason, type: 'text', value: (u) => endReasonText(t, u.endReason) },
    ],
    rows,
  );
}
