import type { BaselineAggregate, MeasureSum } from '../../domain/agencyBaseline.js';
import { type Language, type LocalizedText, pickText } from '../../domain/catalogue.js';
import type { Cell, ColumnType, StatTable } from '../../web/export/table.js';
import { messages } from '../../web/i18n/index.js';

const COLUMN_TYPES = { measure: 'text', group: 'text', agencies: 'integer', baseline: 'number', result: 'number', change: 'number', ratio: 'percent' } as const;

/**
 * A service's summed baselines and results as one table (src/web/export/table.ts): the page shows it and its CSV
 * and XLSX downloads are the same object, so both hold exactly the sums the small-group rule lets through. A hidden
 * group says so in its agencies cell and has no figures.
 */
export function baselineTable(service: { name: LocalizedText }, aggregate: BaselineAggregate, lang: Language): StatTable {
  const t = messages[lang];
  const tb = t.baseline;
  const figures = (sum: MeasureSum | null): Cell[] => (sum ? [sum.agencies, sum.baseline, sum.result, sum.change, sum.ratio] : [tb.hidden, null, null, null, null]);
  const rows: Cell[][] = aggregate.measures
    .filter((m) => m.total)
    .flatMap((m) => [
      [tb.measure[m.measure], tb.all, ...figures(m.total)],
      ...m.bySize.map((g) => [tb.measure[m.measure], t.vocab.sizeClass[g.sizeClass as keyof typeof t.vocab.sizeClass], ...figures(g.sum)]),
    ]);
  return {
    id: 'utgangspunkt',
    title: `${tb.title} – ${pickText(service.name, lang).text}`,
    columns: (Object.entries(COLUMN_TYPES) as [keyof typeof COLUMN_TYPES, ColumnType][]).map(([key, type]) => ({ key, label: tb.table[key], type })),
    rows,
    note: `${tb.counts(aggregate.withBaseline, aggregate.withResult)} ${tb.rule}`,
  };
}
