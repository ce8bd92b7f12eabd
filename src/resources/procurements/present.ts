import type { Language } from '../../domain/catalogue.js';
import { declarationKindFor, declarationWindow } from '../../domain/procurementLifecycle.js';
import { localizer, pageUrl } from '../shared/present.js';
import type { ProcurementDetail, ProcurementListRow } from './queries.js';

/**
 * A procurement as the API shows it (`Procurement`, `ProcurementDetail`). A procurement is public from the day it is
 * planned (its list and page are open to everyone), so every field is the same for every reader,
 * the milestones with who took each step included. The role-only part of a procurement is its declarations: who
 * answered what, and the provider's follow-up, shaped per reader in declarations/present.ts.
 */
export function presentProcurement(p: ProcurementListRow | ProcurementDetail, lang: Language, at: { publicUrl: string; now: Date; declarations: number }) {
  const { text, ref } = localizer(lang);
  return {
    id: p.id,
    title: text(p.title),
    category: p.category,
    description: text(p.description),
    provider: ref(p.provider),
    obligation: p.obligation,
    declarationKind: declarationKindFor(p.obligation),
    eligibility: p.eligibility,
    status: p.status,
    window: declarationWindow(p, at.now),
    plannedAnnouncementOn: p.plannedAnnouncementOn,
    estimatedValueNok: p.estimatedValueNok,
    consultationOpensAt: p.consultationOpensAt?.toISOString() ?? null,
    consultationDeadline: p.consultationDeadline?.toISOString() ?? null,
    service: p.service ? ref(p.service) : null,
    questionnaire: { slug: p.questionnaire.slug, version: p.questionnaire.version },
    declarations: at.declarations,
    url: pageUrl(at.publicUrl, lang, `/anskaffelser/${p.id}`),
  };
}

/** One procurement: the list fields, how many agencies may declare, and the dated milestones. */
export function presentProcurementDetail(p: ProcurementDetail, lang: Language, at: { publicUrl: string; now: Date; declarations: number }) {
  return {
    ...presentProcurement(p, lang, at),
    eligibleAgencies: p.eligibleCount,
    milestones: p.milestones.map((m) => ({ action: m.action, from: m.fromStatus, to: m.toStatus, at: m.at.toISOString(), by: m.byName, note: m.note })),
  };
}
