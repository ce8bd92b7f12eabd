import { type Language, type LocalizedText, pickText } from '../../domain/catalogue.js';
import { answerLabel } from '../../domain/questionnaire.js';
import { sizeClassOf, type SizeThresholds } from '../../domain/sizeClass.js';
import { type StatTable, tableOf } from '../../web/export/table.js';
import { messages } from '../../web/i18n/index.js';
import { sizeClassName } from '../agencies/sizeClassText.js';
import type { ProcurementDetail } from '../procurements/queries.js';
import type { DeclarationReader, DeclarationView } from './present.js';

/**
 * The declarations the overview lists, as a table (its CSV/XLSX download): the agency, the answers, when, and for
 * the provider its own follow-up — the provider's working notes, only in the provider's download.
 */
export function declarationTable(p: ProcurementDetail, reader: DeclarationReader, rows: readonly DeclarationView[], lang: Language, thresholds: SizeThresholds): StatTable {
  const t = messages[lang];
  const text = (v: LocalizedText | null | undefined) => pickText(v, lang).text;
  return tableOf<DeclarationView>(
    { id: 'erklaeringer', title: t.declaration.list },
    [
      { key: 'orgnr', label: t.common.orgnr, type: 'text', value: (r) => r.agency.orgnr },
      { key: 'name', label: t.agency.name, type: 'text', value: (r) => text(r.agency.name) },
      { key: 'ministry', label: t.common.ministry, type: 'text', value: (r) => (r.ministry ? text(r.ministry.name) : '') },
      { key: 'size', label: t.agency.sizeClass, type: 'text', value: (r) => sizeClassName(t, sizeClassOf(r.agency.employees, thresholds), thresholds) },
      { key: 'kind', label: t.declaration.kind, type: 'text', value: (r) => t.terms.declarationKind[r.kind] },
      ...p.questionnaire.definition.questions.map((q) => ({
        key: `q-${q.id}`,
        label: text(q.shortLabel ?? q.label),
        type: 'text' as const,
        value: (r: DeclarationView) => (r.answers[q.id] === undefined ? '' : answerLabel(q, r.answers[q.id]!, text)),
      })),
      { key: 'submitted', label: t.declaration.submitted, type: 'datetime', value: (r) => r.submittedAt },
      { key: 'changed', label: t.declaration.changed, type: 'datetime', value: (r) => r.updatedAt },
      { key: 'withdrawn', label: t.declaration.withdrawn, type: 'datetime', value: (r) => r.withdrawnAt },
      ...(reader === 'provider'
        ? [
            { key: 'followUp', label: t.declaration.followUp, type: 'text' as const, value: (r: DeclarationView) => (r.followUp ? t.terms.followUp[r.followUp] : '') },
            { key: 'followUpNote', label: t.declaration.followUpNote, type: 'text' as const, value: (r: DeclarationView) => r.followUpNote ?? '' },
          ]
        : []),
    ],
    rows,
  );
}
