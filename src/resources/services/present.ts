import type { Language } from '../../domain/catalogue.js';
import type { ServiceDocument } from '../../domain/serviceDocument.js';
import { localizer, pageUrl } from '../shared/present.js';
import type { DraftRow, Editable } from './commands.js';
import type { VersionRow } from './history.js';
import type { ServiceDetail } from './queries.js';

/**
 * The services presenter: what the API and the pages show of a service, a draft and a version, shaped once. The
 * API returns these objects; the pages render them.
 */

/** The published service in one language (GET /api/v1/services/{slug}). */
export function presentServiceDetail(d: ServiceDetail, lang: Language, publicUrl: string) {
  const { text, orNull, ref } = localizer(lang);
  const s = d.service;
  const usersByTier = new Map(d.tierUsage.map((u) => [u.tierId, u.count]));
  return {
    slug: s.slug,
    name: text(s.name),
    summary: text(s.summary),
    description: text(s.description),
    kind: s.kind,
    provider: ref(d.provider),
    area: ref(d.area),
    parent: d.parent ? ref(d.parent) : null,
    subServices: d.children.map(ref),
    related: d.related.map(ref),
    model: s.model,
    targetGroup: s.targetGroup,
    targetDescription: orNull(s.targetDescription),
    targetMinistry: d.targetMinistry ? { orgnr: d.targetMinistry.orgnr, name: text(d.targetMinistry.name) } : null,
    obligation: s.obligation,
    financing: s.financing,
    financingNote: orNull(s.financingNote),
    status: s.status,
    launchedOn: s.launchedOn,
    plannedOn: s.plannedOn,
    phasedOutOn: s.phasedOutOn,
    tiers: d.tiers.map((t) => ({
      slug: t.slug,
      name: text(t.name),
      description: orNull(t.description),
      kind: t.kind,
      current: t.current,
      users: usersByTier.get(t.id) ?? 0,
    })),
    prices: d.prices.map((p) => ({ label: orNull(p.label), amount: p.amount, currency: 'NOK' as const, unit: p.unit, note: orNull(p.note), validFrom: p.validFrom })),
    serviceLevels: {
      uptimePercent: s.serviceLevels.uptimePercent ?? null,
      supportHours: orNull(s.serviceLevels.supportHours),
      responseTime: orNull(s.serviceLevels.responseTime),
    },
    supportChannels: s.supportChannels,
    howToJoin: {
      steps: s.howToJoin.steps.map(text),
      contact: s.howToJoin.contact ?? null,
      links: s.howToJoin.links.map((l) => ({ label: text(l.label), url: l.url })),
    },
    website: s.website,
    users: { registered: d.registeredUsers, reported: s.reportedUsers, reportedYear: s.reportedUsersYear },
    factSource: s.factSource,
    sourceRef: s.sourceRef,
    retiredAt: s.retiredAt ? s.retiredAt.toISOString() : null,
    version: Math.max(1, s.version),
    updatedAt: s.updatedAt.toISOString(),
    url: pageUrl(publicUrl, lang, `/tjenester/${s.slug}`),
  };
}

/** A draft as the API returns it (with its ETag's revision). */
export function presentDraft(draft: DraftRow, editable: Pick<Editable, 'service' | 'providerSlug' | 'reviewRequired'>) {
  return {
    service: editable.service?.slug ?? null,
    provider: editable.providerSlug,
    state: draft.state,
    revision: draft.revision,
    reviewRequired: editable.reviewRequired,
    reviewComment: draft.reviewComment,
    updatedAt: draft.updatedAt.toISOString(),
    updatedBy: draft.updatedByName,
    document: draft.document as ServiceDocument,
  };
}

/** Who published a version, in words (the seeded first version has no person). */
export function publishedBy(v: VersionRow, baselineWords: string): string {
  return v.baseline ? baselineWords : v.publishedByName;
}

export function presentVersionSummary(v: VersionRow, slug: string, publicUrl: string, baselineWords: string) {
  return {
    number: v.number,
    publishedAt: v.publishedAt.toISOString(),
    publishedBy: publishedBy(v, baselineWords),
    changedFields: v.changedFields,
    url: `${publicUrl}/api/v1/services/${slug}/versions/${v.number}`,
  };
}
