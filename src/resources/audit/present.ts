import type { Language } from '../../domain/catalogue.js';
import { pickText } from '../../domain/catalogue.js';
import { formatOrgnr } from '../../domain/orgnr.js';
import { auditActionText } from '../../web/codeLabels.js';
import type { StatTable } from '../../web/export/table.js';
import { messages } from '../../web/i18n/index.js';
import type { AuditRow } from './queries.js';

/** Whom an event was done for: the provider or agency by name (the organisation number if it is gone). */
export function auditOrganisation(r: AuditRow, lang: Language): string | null {
  if (r.providerName) return r.providerShortName ?? pickText(r.providerName, lang).text;
  if (r.agencyName) return pickText(r.agencyName, lang).text;
  if (r.agencyOrgnr) return formatOrgnr(r.agencyOrgnr);
  return null;
}

/** One event as a sentence: "Siri Aas (Statens innkjøpssenter) satte oppfølging til Kontaktet." */
export function auditSentence(r: AuditRow, lang: Language): string {
  const t = messages[lang];
  const org = auditOrganisation(r, lang);
  return `${r.actorName}${org ? ` (${org})` : ''} ${auditActionText(t, r.action, r.after)}.`;
}

/** The fields an event changed, "field: before → after", for the details a reader may open. */
export function auditChanges(r: AuditRow): string[] {
  const obj = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const before = obj(r.before);
  const after = obj(r.after);
  const show = (v: unknown) => (v === null || v === undefined ? '–' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => (k in before && r.before ? `${k}: ${show(before[k])} → ${show(after[k])}` : `${k}: ${show(after[k])}`));
}

/** The audit log as a table (page and downloads). */
export function auditTable(rows: readonly AuditRow[], lang: Language): StatTable {
  const t = messages[lang];
  return {
    id: 'endringslogg',
    title: t.audit.title,
    columns: [
      { key: 'when', label: t.procurement.when, type: 'datetime' },
      { key: 'who', label: t.audit.who, type: 'text' },
      { key: 'organisation', label: t.audit.organisation, type: 'text' },
      { key: 'role', label: t.audit.capacity, type: 'text' },
      { key: 'what', label: t.audit.what, type: 'text' },
      { key: 'change', label: t.audit.change, type: 'text' },
    ],
    rows: rows.map((r) => [
      r.occurredAt,
      r.actorName,
      auditOrganisation(r, lang),
      r.actingRole === 'system' ? t.audit.system : t.terms.role[r.actingRole as keyof typeof t.terms.role],
      auditSentence(r, lang),
      auditChanges(r).join('; ') || null,
    ]),
  };
}
