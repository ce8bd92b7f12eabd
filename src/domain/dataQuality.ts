/**
 * Data quality of a catalogue entry: what a reader or a harvester (data.norge.no) would miss. Each finding is a
 * kind and the fields it concerns; the data quality page (/kvalitet) counts them per provider and lists them per
 * entry. Pure: the entry, the link check results and the time come in, findings go out.
 */
import type { LocalizedText } from './catalogue.js';

export const QUALITY_KINDS = ['nn', 'en', 'review', 'shapes', 'links', 'levels', 'price'] as const;
export type QualityKind = (typeof QUALITY_KINDS)[number];

/** An entry counts as reviewed for this long after its last review or change. */
export const REVIEW_INTERVAL_MONTHS = 12;

/**
 * The properties CPSV-AP-NO's ServiceShape requires (sh:minCount 1, data/reference/cpsv-ap-no/shacl), and the
 * field of the entry each is made from by the export (src/resources/opendata/cpsv.ts). `dct:identifier` (the
 * slug) and `dct:title`'s source are never empty once saved, but are listed so the mapping stays complete (a test
 * compares it with the shapes file).
 */
export const REQUIRED_BY_SHAPES = {
  'http://purl.org/dc/terms/title': 'name',
  'http://purl.org/dc/terms/description': 'description',
  'http://purl.org/dc/terms/identifier': 'slug',
  'http://data.europa.eu/m8g/ownedBy': 'owner',
  'http://data.europa.eu/m8g/contactPoint': 'contact',
} as const;
export type ShapeField = (typeof REQUIRED_BY_SHAPES)[keyof typeof REQUIRED_BY_SHAPES];

/**
 * The texts every list, search result and harvested title shows, which each entry must have in all three
 * languages: a field counts as missing a language when its bokmål text is there and the other is not. Long
 * descriptions may stay in bokmål (the pages say so); they are not counted.
 */
export const TRANSLATED_FIELDS = ['name', 'summary'] as const;
export type TranslatedField = (typeof TRANSLATED_FIELDS)[number];

export interface QualityEntry {
  slug: string;
  name: LocalizedText;
  summary: LocalizedText;
  description: LocalizedText;
  website: string | null;
  /** Addresses the entry links to (website, how-to-join links). */
  links: string[];
  contact: { email?: string | undefined; phone?: string | undefined };
  providerContact: { email?: string | undefined; phone?: string | undefined };
  providerOrgnr: string | null;
  serviceLevels: { uptimePercent?: number; supportHours?: LocalizedText; responseTime?: LocalizedText; other?: LocalizedText[] };
  financing: string[];
  financingNote: LocalizedText | null;
  /** How many prices (amount per unit) the provider states. */
  priceCount: number;
  updatedAt: Date;
  reviewedAt: Date | null;
}

/** A link's latest check: ok or not; an address never checked has no result. */
export interface LinkResult {
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
}

export type Finding =
  | { kind: 'nn' | 'en'; fields: TranslatedField[] }
  | { kind: 'review'; lastReviewed: Date }
  | { kind: 'shapes'; fields: ShapeField[] }
  | { kind: 'links'; urls: { url: string; httpStatus: number | null; error: string | null }[] }
  | { kind: 'levels' }
  | { kind: 'price' };

const filled = (v: string | undefined | null): boolean => !!v && v.trim() !== '';

/** The date `months` calendar months before `now` (UTC). */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now.getTime());
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

/** When the entry was last confirmed right: its latest review or its latest change, whichever is later. */
export function lastReviewed(e: Pick<QualityEntry, 'updatedAt' | 'reviewedAt'>): Date {
  return e.reviewedAt && e.reviewedAt > e.updatedAt ? e.reviewedAt : e.updatedAt;
}

function missingLanguage(e: QualityEntry, lang: 'nn' | 'en'): TranslatedField[] {
  return TRANSLATED_FIELDS.filter((f) => filled(e[f].nb) && !filled(e[f][lang]));
}

function emptyShapeFields(e: QualityEntry): ShapeField[] {
  const out: ShapeField[] = [];
  if (!filled(e.name.nb)) out.push('name');
  if (!filled(e.description.nb)) out.push('description');
  if (!filled(e.slug)) out.push('slug');
  if (!e.providerOrgnr) out.push('owner');
  const c = { email: e.contact.email || e.providerContact.email, phone: e.contact.phone || e.providerContact.phone };
  if (!filled(c.email) && !filled(c.phone)) out.push('contact');
  return out;
}

/** Whether the entry states any service level (uptime, support hours, response time or another). */
export function levelsStated(l: QualityEntry['serviceLevels']): boolean {
  return l.uptimePercent !== undefined || filled(l.supportHours?.nb) || filled(l.responseTime?.nb) || (l.other ?? []).some((o) => filled(o.nb));
}

/** A price is stated when the entry is free of charge, has an amount per unit, or says something about its price. */
export function priceStated(e: Pick<QualityEntry, 'financing' | 'financingNote' | 'priceCount'>): boolean {
  return e.priceCount > 0 || e.financing.includes('free') || filled(e.financingNote?.nb);
}

/** Every finding for one entry, in the order of QUALITY_KINDS; empty for an entry in good shape. */
export function assessEntry(e: QualityEntry, links: ReadonlyMap<string, LinkResult>, now: Date): Finding[] {
  const out: Finding[] = [];
  for (const lang of ['nn', 'en'] as const) {
    const fields = missingLanguage(e, lang);
    if (fields.length > 0) out.push({ kind: lang, fields });
  }
  const reviewed = lastReviewed(e);
  if (reviewed < monthsBefore(now, REVIEW_INTERVAL_MONTHS)) out.push({ kind: 'review', lastReviewed: reviewed });
  const shapes = emptyShapeFields(e);
  if (shapes.length > 0) out.push({ kind: 'shapes', fields: shapes });
  const broken = [...new Set(e.links)].flatMap((url) => {
    const r = links.get(url);
    return r && !r.ok ? [{ url, httpStatus: r.httpStatus, error: r.error }] : [];
  });
  if (broken.length > 0) out.push({ kind: 'links', urls: broken });
  if (!levelsStated(e.serviceLevels)) out.push({ kind: 'levels' });
  if (!priceStated(e)) out.push({ kind: 'price' });
  return out;
}

/** Entries with each kind of finding, and entries with none. */
export function countFindings(findings: readonly Finding[][]): Record<QualityKind, number> & { entries: number; clean: number } {
  const counts = Object.fromEntries(QUALITY_KINDS.map((k) => [k, 0])) as Record<QualityKind, number>;
  for (const f of findings) for (const k of new Set(f.map((x) => x.kind))) counts[k] += 1;
  return { ...counts, entries: findings.length, clean: findings.filter((f) => f.length === 0).length };
}

/** The http(s) addresses an entry links to, without duplicates, in order. */
export function linksOf(website: string | null, howToJoinLinks: readonly { url: string }[]): string[] {
  const all = [website, ...howToJoinLinks.map((l) => l.url)].filter((u): u is string => !!u && /^https?:\/\//i.test(u.trim()));
  return [...new Set(all.map((u) => u.trim()))];
}
