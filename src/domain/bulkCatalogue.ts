/**
 * A provider's catalogue as rows (bulk upload and download, harvest): the columns of the download of its own
 * entries, each row validated field by field, and the plan of what applying the rows would do — create, change
 * (with the fields that change), retire (entries of the provider missing from the file) or leave unchanged. A plan
 * with any row error applies nothing. Also a service document's fields as a row and back (entryOfDocument,
 * documentOf). Pure: rows and the current entries in, the plan out.
 */
import {
  DELIVERY_MODELS,
  FINANCING_MODELS,
  type DeliveryModel,
  type FinancingModel,
  type LocalizedText,
  OBLIGATIONS,
  type Obligation,
  SERVICE_STATUSES,
  type ServiceStatus,
  TARGET_GROUPS,
  type TargetGroup,
} from './catalogue.js';
import type { ServiceDocument } from './serviceDocument.js';

/** The fields a row carries, as stored. */
export interface BulkEntry {
  slug: string;
  name: LocalizedText;
  summary: LocalizedText;
  description: LocalizedText;
  area: string;
  model: DeliveryModel;
  targetGroup: TargetGroup;
  obligation: Obligation;
  status: ServiceStatus;
  financing: FinancingModel[];
  price: string | null;
  website: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  keywords: string;
}

export const BULK_FIELDS = ['slug', 'name', 'summary', 'description', 'area', 'model', 'targetGroup', 'obligation', 'status', 'financing', 'price', 'website', 'contactEmail', 'contactPhone', 'keywords'] as const;
export type BulkField = (typeof BULK_FIELDS)[number];

/** The columns, in order: key (the header of a download), the field it fills and, for texts, the language. */
export const BULK_COLUMNS = [
  { key: 'tjeneste', field: 'slug' },
  { key: 'navn', field: 'name', lang: 'nb' },
  { key: 'navn_nn', field: 'name', lang: 'nn' },
  { key: 'navn_en', field: 'name', lang: 'en' },
  { key: 'sammendrag', field: 'summary', lang: 'nb' },
  { key: 'sammendrag_nn', field: 'summary', lang: 'nn' },
  { key: 'sammendrag_en', field: 'summary', lang: 'en' },
  { key: 'beskrivelse', field: 'description', lang: 'nb' },
  { key: 'beskrivelse_nn', field: 'description', lang: 'nn' },
  { key: 'beskrivelse_en', field: 'description', lang: 'en' },
  { key: 'omrade', field: 'area' },
  { key: 'leveransemodell', field: 'model' },
  { key: 'malgruppe', field: 'targetGroup' },
  { key: 'forpliktelse', field: 'obligation' },
  { key: 'status', field: 'status' },
  { key: 'finansiering', field: 'financing' },
  { key: 'pris', field: 'price' },
  { key: 'nettside', field: 'website' },
  { key: 'kontakt_epost', field: 'contactEmail' },
  { key: 'kontakt_telefon', field: 'contactPhone' },
  { key: 'nokkelord', field: 'keywords' },
] as const satisfies readonly { key: string; field: BulkField; lang?: 'nb' | 'nn' | 'en' }[];
export type BulkColumnKey = (typeof BULK_COLUMNS)[number]['key'];

/** One row as read from a file: its line (for messages) and its cells by column key (absent = not in the file). */
export interface BulkRow {
  line: number;
  cells: Partial<Record<BulkColumnKey, string>>;
}

export type BulkErrorCode = 'required' | 'slug' | 'duplicate' | 'vocabulary' | 'area' | 'url' | 'email' | 'tooLong' | 'otherProvider';

export interface BulkError {
  line: number;
  column: BulkColumnKey;
  code: BulkErrorCode;
  value: string;
}

export interface BulkPlan {
  create: { line: number; entry: BulkEntry }[];
  change: { line: number; entry: BulkEntry; fields: BulkField[] }[];
  retire: { slug: string; name: LocalizedText }[];
  unchanged: string[];
  errors: BulkError[];
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_TEXT = 5000;

/** The cells of an entry, as a download writes them. */
export function entryCells(e: BulkEntry): Record<BulkColumnKey, string> {
  const out = {} as Record<BulkColumnKey, string>;
  for (const c of BULK_COLUMNS) {
    const v = e[c.field];
    out[c.key] = 'lang' in c ? ((v as LocalizedText)[c.lang] ?? '') : Array.isArray(v) ? v.join(', ') : ((v as string | null) ?? '');
  }
  return out;
}

/** A document's fields as a bulk entry (what a download writes and a plan compares). */
export function entryOfDocument(d: ServiceDocument): BulkEntry {
  return {
    slug: d.slug,
    name: d.name,
    summary: d.summary,
    description: d.description,
    area: d.area,
    model: d.model,
    targetGroup: d.targetGroup,
    obligation: d.obligation,
    status: d.status,
    financing: d.financing,
    price: d.financingNote?.nb ?? null,
    website: d.website,
    contactEmail: d.howToJoin.contact?.email ?? null,
    contactPhone: d.howToJoin.contact?.phone ?? null,
    keywords: d.keywords,
  };
}

/** The document with the entry's fields written over it (a new document when there is none). */
export function documentOf(entry: BulkEntry, base: ServiceDocument | undefined): ServiceDocument {
  const d: ServiceDocument = base ?? {
    slug: entry.slug,
    kind: 'service',
    name: entry.name,
    summary: entry.summary,
    description: entry.description,
    area: entry.area,
    model: entry.model,
    obligation: entry.obligation,
    targetGroup: entry.targetGroup,
    status: entry.status,
    ...{ targetDescription: null, targetMinistry: null, launchedOn: null, plannedOn: null, phasedOutOn: null },
    financing: [],
    financingNote: null,
    tiers: [],
    serviceLevels: { uptimePercent: null, supportHours: null, responseTime: null },
    supportChannels: [],
    howToJoin: { steps: [], contact: null, links: [] },
    related: [],
    keywords: '',
    ...{ website: null, reportedUsers: null, reportedUsersYear: null, parent: null, sourceNote: null },
  };
  const financingNote: LocalizedText | null = entry.price ? (d.financingNote?.nb === entry.price ? d.financingNote : { nb: entry.price }) : null;
  const contact = entry.contactEmail || entry.contactPhone || d.howToJoin.contact?.name ? { name: d.howToJoin.contact?.name ?? null, email: entry.contactEmail, phone: entry.contactPhone } : null;
  return {
    ...d,
    slug: entry.slug,
    name: entry.name,
    summary: entry.summary,
    description: entry.description,
    area: entry.area,
    model: entry.model,
    targetGroup: entry.targetGroup,
    obligation: entry.obligation,
    status: entry.status,
    financing: entry.financing,
    financingNote,
    website: entry.website,
    howToJoin: { ...d.howToJoin, contact },
    keywords: entry.keywords,
  };
}

/** Everything a row needs checking against: the areas that exist and the provider's other entries' owners. */
export interface BulkContext {
  areas: ReadonlySet<string>;
  /** Slugs taken by other providers' services: a row may not claim them. */
  otherProvidersSlugs: ReadonlySet<string>;
  /** The provider's delivery model, for new entries that do not give one. */
  defaultModel: DeliveryModel;
}

/**
 * One row as an entry, or its errors. Columns absent from the file keep the current entry's value (a file may
 * carry only some columns); a new entry needs the required ones.
 */
export function readRow(row: BulkRow, current: BulkEntry | undefined, ctx: BulkContext): { entry?: BulkEntry; errors: BulkError[] } {
  const errors: BulkError[] = [];
  const err = (column: BulkColumnKey, code: BulkErrorCode, value = '') => errors.push({ line: row.line, column, code, value });
  const cell = (k: BulkColumnKey): string | undefined => {
    const v = row.cells[k];
    if (v !== undefined && v.length > MAX_TEXT) err(k, 'tooLong', v.slice(0, 40));
    return v?.trim();
  };
  const slug = cell('tjeneste') ?? '';
  if (!slug) err('tjeneste', 'required');
  else if (!SLUG.test(slug)) err('tjeneste', 'slug', slug);
  else if (ctx.otherProvidersSlugs.has(slug)) err('tjeneste', 'otherProvider', slug);

  const text = (field: 'name' | 'summary' | 'description', required: boolean): LocalizedText => {
    const cols = BULK_COLUMNS.filter((c) => c.field === field) as { key: BulkColumnKey; lang: 'nb' | 'nn' | 'en' }[];
    const base = current?.[field] ?? { nb: '' };
    const out: LocalizedText = { ...base };
    for (const c of cols) {
      const v = cell(c.key);
      if (v === undefined) continue;
      if (c.lang === 'nb') out.nb = v;
      else if (v) out[c.lang] = v;
      else delete out[c.lang];
    }
    if (required && !out.nb) err(cols[0]!.key, 'required');
    return out;
  };
  const choice = <T extends string>(k: BulkColumnKey, allowed: readonly T[], fallback: T | undefined): T => {
    const v = cell(k);
    if (v === undefined || v === '') {
      if (fallback === undefined) err(k, 'required');
      return (fallback ?? allowed[0]) as T;
    }
    if (!(allowed as readonly string[]).includes(v)) err(k, 'vocabulary', v);
    return v as T;
  };
  const optional = (k: BulkColumnKey, fallback: string | null): string | null => {
    const v = cell(k);
    return v === undefined ? fallback : v || null;
  };

  const name = text('name', true);
  const summary = text('summary', true);
  const description = text('description', true);
  const areaCell = cell('omrade');
  const area = areaCell === undefined || areaCell === '' ? (current?.area ?? '') : areaCell;
  if (!area) err('omrade', 'required');
  else if (!ctx.areas.has(area)) err('omrade', 'area', area);
  const model = choice('leveransemodell', DELIVERY_MODELS, current?.model ?? ctx.defaultModel);
  const targetGroup = choice('malgruppe', TARGET_GROUPS, current?.targetGroup ?? 'all_state');
  const obligation = choice('forpliktelse', OBLIGATIONS, current?.obligation ?? 'voluntary');
  const status = choice('status', SERVICE_STATUSES, current?.status ?? 'active');
  const financingCell = cell('finansiering');
  const financing =
    financingCell === undefined
      ? (current?.financing ?? [])
      : (financingCell
          .split(/[,;]/)
          .map((s) => s.trim())
          .filter(Boolean) as FinancingModel[]);
  for (const f of financing) if (!(FINANCING_MODELS as readonly string[]).includes(f)) err('finansiering', 'vocabulary', f);
  const website = optional('nettside', current?.website ?? null);
  if (website && !/^https?:\/\/\S+$/.test(website)) err('nettside', 'url', website);
  const contactEmail = optional('kontakt_epost', current?.contactEmail ?? null);
  if (contactEmail && !EMAIL.test(contactEmail)) err('kontakt_epost', 'email', contactEmail);
  const entry: BulkEntry = {
    slug,
    name,
    summary,
    description,
    area,
    model,
    targetGroup,
    obligation,
    status,
    financing: [...new Set(financing)],
    price: optional('pris', current?.price ?? null),
    website,
    contactEmail,
    contactPhone: optional('kontakt_telefon', current?.contactPhone ?? null),
    keywords: optional('nokkelord', current?.keywords ?? '') ?? '',
  };
  return errors.length ? { errors } : { entry, errors };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields in which two entries differ. */
export function changedFields(a: BulkEntry, b: BulkEntry): BulkField[] {
  const norm = (t: LocalizedText) => ({ nb: t.nb, nn: t.nn ?? '', en: t.en ?? '' });
  return BULK_FIELDS.filter((f) => {
    const x = a[f];
    const y = b[f];
    if (f === 'name' || f === 'summary' || f === 'description') return !same(norm(x as LocalizedText), norm(y as LocalizedText));
    if (f === 'financing') return !same([...(x as string[])].sort(), [...(y as string[])].sort());
    return !same(x ?? null, y ?? null);
  });
}

/**
 * What applying the rows would do to a provider's entries (`current`, by slug): every row checked, duplicates
 * named, and — when `retireMissing` — the provider's entries the file leaves out retired.
 */
export function planBulk(rows: readonly BulkRow[], current: ReadonlyMap<string, BulkEntry & { nameForRetire?: LocalizedText }>, ctx: BulkContext, retireMissing: boolean): BulkPlan {
  const plan: BulkPlan = { create: [], change: [], retire: [], unchanged: [], errors: [] };
  const seen = new Map<string, number>();
  for (const row of rows) {
    const slug = row.cells.tjeneste?.trim() ?? '';
    if (slug && seen.has(slug)) {
      plan.errors.push({ line: row.line, column: 'tjeneste', code: 'duplicate', value: slug });
      continue;
    }
    if (slug) seen.set(slug, row.line);
    const existing = current.get(slug);
    const { entry, errors } = readRow(row, existing, ctx);
    plan.errors.push(...errors);
    if (!entry) continue;
    if (!existing) plan.create.push({ line: row.line, entry });
    else {
      const fields = changedFields(existing, entry);
      if (fields.length) plan.change.push({ line: row.line, entry, fields });
      else plan.unchanged.push(slug);
    }
  }
  if (retireMissing) for (const [slug, e] of current) if (!seen.has(slug)) plan.retire.push({ slug, name: e.name });
  return plan;
}
