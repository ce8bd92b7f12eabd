/**
 * A service as its editors write it: one document with every field the service page and the CPSV-AP-NO export
 * show, referring to other things by slug or organisation number. Drafts and published versions are stored as
 * this document (`service_drafts.document`, `service_versions.document`); publishing writes it into the
 * catalogue's tables. The API's TypeBox schema (src/resources/services/editSchema.ts) has the same shape. Pure.
 */
import type { DeliveryModel, FinancingModel, LocalizedText, Obligation, ServiceKind, ServiceStatus, SupportChannel, TargetGroup } from './catalogue.js';
import { type PriceDocument, type PriceProblem, priceProblems } from './servicePrice.js';

export interface TierDocument {
  slug: string;
  name: LocalizedText;
  description: LocalizedText | null;
  kind: 'tier' | 'addon';
  /** False for a model being phased out; kept so its users stay registered. */
  current: boolean;
}

export interface ServiceDocument {
  slug: string;
  kind: ServiceKind;
  name: LocalizedText;
  summary: LocalizedText;
  description: LocalizedText;
  area: string;
  model: DeliveryModel;
  obligation: Obligation;
  targetGroup: TargetGroup;
  targetDescription: LocalizedText | null;
  targetMinistry: string | null;
  status: ServiceStatus;
  launchedOn: string | null;
  plannedOn: string | null;
  phasedOutOn: string | null;
  financing: FinancingModel[];
  financingNote: LocalizedText | null;
  /** What the provider charges, per unit and tier. Absent (older clients): publishing keeps the published prices. */
  prices?: PriceDocument[];
  tiers: TierDocument[];
  /** `other`: further promised levels, one text each. Absent (older clients): publishing keeps the published ones. */
  serviceLevels: { uptimePercent: number | null; supportHours: LocalizedText | null; responseTime: LocalizedText | null; other?: LocalizedText[] };
  supportChannels: SupportChannel[];
  howToJoin: {
    steps: LocalizedText[];
    contact: { name: string | null; email: string | null; phone: string | null } | null;
    links: { label: LocalizedText; url: string }[];
  };
  website: string | null;
  reportedUsers: number | null;
  /** What the reported number counts, in words. Absent (older clients): publishing keeps the published note. */
  reportedUsersNote?: LocalizedText | null;
  reportedUsersYear: number | null;
  parent: string | null;
  related: string[];
  keywords: string;
  sourceNote: string | null;
}

/** Text with empty translations dropped (an empty nynorsk box means "not translated", not ""). */
export function cleanText(t: LocalizedText): LocalizedText {
  const out: LocalizedText = { nb: t.nb.trim() };
  if (t.nn?.trim()) out.nn = t.nn.trim();
  if (t.en?.trim()) out.en = t.en.trim();
  return out;
}

/** Optional text: null when even bokmål is empty. */
export const cleanOptionalText = (t: LocalizedText | null | undefined): LocalizedText | null => (t && t.nb.trim() ? cleanText(t) : null);

const blank = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);

/** The document in its canonical form: trimmed, empty translations and empty optional values as absent/null. */
export function normalizeDocument(d: ServiceDocument): ServiceDocument {
  const contact = d.howToJoin.contact;
  const c = contact ? { name: blank(contact.name), email: blank(contact.email), phone: blank(contact.phone) } : null;
  return {
    ...d,
    slug: d.slug.trim(),
    name: cleanText(d.name),
    summary: cleanText(d.summary),
    description: cleanText(d.description),
    targetDescription: cleanOptionalText(d.targetDescription),
    targetMinistry: blank(d.targetMinistry),
    launchedOn: blank(d.launchedOn),
    plannedOn: blank(d.plannedOn),
    phasedOutOn: blank(d.phasedOutOn),
    financing: [...new Set(d.financing)],
    financingNote: cleanOptionalText(d.financingNote),
    ...(d.prices !== undefined
      ? { prices: d.prices.map((p) => ({ label: cleanOptionalText(p.label), amount: p.amount, unit: p.unit, note: cleanOptionalText(p.note), validFrom: blank(p.validFrom) })) }
      : {}),
    tiers: d.tiers.map((t) => ({ ...t, slug: t.slug.trim(), name: cleanText(t.name), description: cleanOptionalText(t.description) })),
    serviceLevels: {
      uptimePercent: d.serviceLevels.uptimePercent ?? null,
      supportHours: cleanOptionalText(d.serviceLevels.supportHours),
      responseTime: cleanOptionalText(d.serviceLevels.responseTime),
      ...(d.serviceLevels.other !== undefined ? { other: d.serviceLevels.other.filter((o) => o.nb.trim()).map(cleanText) } : {}),
    },
    supportChannels: [...new Set(d.supportChannels)],
    howToJoin: {
      steps: d.howToJoin.steps.filter((s) => s.nb.trim()).map(cleanText),
      contact: c && (c.name || c.email || c.phone) ? c : null,
      links: d.howToJoin.links.filter((l) => l.url.trim()).map((l) => ({ label: cleanText(l.label), url: l.url.trim() })),
    },
    website: blank(d.website),
    ...(d.reportedUsersNote !== undefined ? { reportedUsersNote: cleanOptionalText(d.reportedUsersNote) } : {}),
    parent: blank(d.parent),
    related: [...new Set(d.related.map((r) => r.trim()).filter(Boolean))],
    keywords: d.keywords.trim(),
    sourceNote: blank(d.sourceNote),
  };
}

/** A rule across fields the schema cannot say, by field path. */
export type DocumentProblem =
  | { field: string; rule: 'duplicate_tier'; value: string }
  | { field: 'parent'; rule: 'self' }
  | { field: 'related'; rule: 'self' }
  | PriceProblem;

export function documentProblems(d: ServiceDocument): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  const seen = new Set<string>();
  d.tiers.forEach((t, i) => {
    if (seen.has(t.slug)) problems.push({ field: `tiers.${i}.slug`, rule: 'duplicate_tier', value: t.slug });
    seen.add(t.slug);
  });
  problems.push(...priceProblems(d.prices ?? []));
  if (d.parent && d.parent === d.slug) problems.push({ field: 'parent', rule: 'self' });
  if (d.related.includes(d.slug)) problems.push({ field: 'related', rule: 'self' });
  return problems;
}
