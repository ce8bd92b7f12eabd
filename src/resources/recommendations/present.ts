import type { Language, LocalizedText } from '../../domain/catalogue.js';
import { pickText } from '../../domain/catalogue.js';
import type { RecommendationReason } from '../../domain/recommendations.js';
import type { SizeClass } from '../../domain/sizeClass.js';
import type { Messages } from '../../web/i18n/index.js';
import { groupInOrder } from '../shared/present.js';
import type { Recommendation } from '../stats/reports.js';

export interface ReasonContext {
  sizeClass: SizeClass;
  ministryName: string | null;
}

/** One reason in words: "Used by 12 of 15 agencies under the Ministry of Education." */
export function reasonText(t: Messages, r: RecommendationReason, c: ReasonContext): string {
  const m = t.stats.recommendations.reason;
  switch (r.kind) {
    case 'sameMinistry':
      return m.sameMinistry(r.users, r.peers, c.ministryName ?? '');
    case 'sameSize':
      return m.sameSize(r.users, r.peers, t.vocab.sizeClass[c.sizeClass]);
    case 'mandatoryOptedOut':
      return m.mandatoryOptedOut;
    case 'askProvider':
      return m.askProvider;
    case 'noPeerUses':
      return m.noPeerUses;
  }
}

/** Who the agency is compared with, in words. */
export function similarText(t: Messages, c: ReasonContext): string {
  const r = t.stats.recommendations;
  return c.sizeClass === 'unknown' ? r.similarUnknownSize(c.ministryName) : r.similar(t.vocab.sizeClass[c.sizeClass], c.ministryName);
}

/** Recommendations by area, areas in their own order, best first within each. */
export function byArea(recs: Recommendation[]) {
  const sorted = [...recs].sort((a, b) => a.service.area.sortOrder - b.service.area.sortOrder || a.service.area.slug.localeCompare(b.service.area.slug));
  return groupInOrder(sorted, (r) => r.service.area.slug, (r) => r.service.area);
}

export const ministryNameOf = (m: { name: LocalizedText } | null, lang: Language) => (m ? pickText(m.name, lang).text : null);
