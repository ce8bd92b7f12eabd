/**
 * The demo dataset's file format (`data/demo/*.json`) and its validation.
 *
 * The files mirror the catalogue schema (src/db/schema/catalogue.ts) with two differences: rows refer to each other
 * by slug or org number instead of generated ids, and every row says where its facts come from (`factSource`,
 * `sourceRef`). A service file may give `defaults` that every service in it inherits unless it sets the field
 * itself, so a provider's shared facts (model, financing, how to join) are written once.
 *
 * `validateDemoData` is pure: it takes the parsed files and returns every problem it finds, each naming the file
 * and row, so a broken dataset is refused before anything is written.
 */
import {
  DELIVERY_MODELS,
  FACT_SOURCES,
  FINANCING_MODELS,
  OBLIGATIONS,
  ORGANISATION_KINDS,
  SERVICE_KINDS,
  SERVICE_STATUSES,
  SLUG_PATTERN,
  SUPPORT_CHANNELS,
  TARGET_GROUPS,
  type DeliveryModel,
  type FactSource,
  type FinancingModel,
  type LocalizedText,
  type Obligation,
  type OrganisationKind,
  type ServiceKind,
  type ServiceStatus,
  type SupportChannel,
  type TargetGroup,
} from '../../domain/catalogue.js';
import { checkOrgnr } from '../../domain/orgnr.js';
import { isPartialIsoDate, partialDateStart } from '../../domain/partialDate.js';
import { PRICE_UNITS, type PriceUnit, priceProblems } from '../../domain/servicePrice.js';
import { isOneOf } from '../../domain/vocabulary.js';
import type { HowToJoin, ProviderContact, ServiceLevels } from '../schema/catalogue.js';

/** Where a row's facts come from; `sourceRef` points into the source ("Rapport 2.1.1"). */
export interface Provenance {
  factSource: FactSource;
  sourceRef?: string;
}

/** `areas.json` */
export interface AreaRecord extends Provenance {
  slug: string;
  name: LocalizedText;
  description: LocalizedText;
  sortOrder: number;
  gapArea?: boolean;
}

/** `agencies.json`: one row per organisation number. */
export interface AgencyRecord {
  orgnr: string;
  kind: OrganisationKind;
  name: LocalizedText;
  shortName?: string;
  parentOrgnr?: string;
  ministryOrgnr?: string;
  /** null: the number of employees is not known. */
  employees: number | null;
  employeesSource?: FactSource;
  employeesAsOf?: string;
  orgForm?: string;
  sectorCode?: string;
  municipalityNumber?: string;
  municipalityName?: string;
  countyName?: string;
  postalCode?: string;
  city?: string;
  website?: string;
  email?: string;
  phone?: string;
  deletedOn?: string;
  factSource: FactSource;
  sourceNote?: string;
}

/** `providers.json` */
export interface ProviderRecord extends Provenance {
  slug: string;
  name: LocalizedText;
  shortName?: string;
  /** The legal entity behind the provider (an agency's org number). */
  orgnr?: string;
  model: DeliveryModel;
  ministryOrgnr?: string;
  /** Slug of the provider this one is part of (SSiE in DSS). */
  parent?: string;
  description: LocalizedText;
  website?: string;
  contact?: ProviderContact;
}

export interface TierRecord {
  slug: string;
  name: LocalizedText;
  description?: LocalizedText;
  kind?: 'tier' | 'addon';
  /** Defaults to the tier's position in the list. */
  sortOrder?: number;
  /** False for a model being phased out. Defaults to true. */
  current?: boolean;
}

export interface PriceRecord {
  label?: LocalizedText;
  amount: number;
  unit: PriceUnit;
  note?: LocalizedText;
  validFrom?: string;
}

/** The fields a service may inherit from its file's `defaults`. */
export interface ServiceCommon {
  area?: string;
  kind?: ServiceKind;
  model?: DeliveryModel;
  targetGroup?: TargetGroup;
  targetMinistryOrgnr?: string;
  targetDescription?: LocalizedText;
  obligation?: Obligation;
  financing?: FinancingModel[];
  financingNote?: LocalizedText;
  status?: ServiceStatus;
  launchedOn?: string;
  plannedOn?: string;
  phasedOutOn?: string;
  serviceLevels?: ServiceLevels;
  supportChannels?: SupportChannel[];
  howToJoin?: HowToJoin;
  website?: string;
  /** Extra search words (synonyms, abbreviations), bokmål; stored space-separated. */
  keywords?: string[];
  factSource?: FactSource;
  sourceRef?: string;
}

export interface ServiceRecord extends ServiceCommon {
  slug: string;
  name: LocalizedText;
  summary: LocalizedText;
  description: LocalizedText;
  /** Slug of the main service this is a sub-service of. */
  parent?: string;
  reportedUsers?: number;
  reportedUsersNote?: LocalizedText;
  reportedUsersYear?: number;
  /** Slugs of related services (stored once per pair). */
  related?: string[];
  tiers?: TierRecord[];
  /** What the provider charges (service_prices); demo amounts say so in their note (see data/demo/README.md). */
  prices?: PriceRecord[];
  /** When the entry was last changed (ISO date or date-time); sets created_at/updated_at. */
  changedAt?: string;
}

/** `services/<provider-slug>.json` */
export interface ServiceFile {
  provider: string;
  defaults?: ServiceCommon;
  services: ServiceRecord[];
}

/** `subscriptions.json`: an agency uses a service (in a tier) for a period. */
export interface SubscriptionRecord {
  agency: string;
  service: string;
  tier?: string;
  startedOn?: string;
  endedOn?: string;
  endReason?: string;
  factSource: FactSource;
  note?: string;
}

export interface DemoData {
  areas: AreaRecord[];
  agencies: AgencyRecord[];
  providers: ProviderRecord[];
  /** Keyed by file name (e.g. "dfo.json"), so problems can name the file. */
  serviceFiles: Record<string, ServiceFile>;
  subscriptions: SubscriptionRecord[];
}

/** A service with its file's defaults applied and its provider attached: what is written to the database. */
export type ResolvedService = Omit<ServiceRecord, keyof ServiceCommon> &
  Required<Pick<ServiceCommon, 'area' | 'model' | 'targetGroup' | 'factSource'>> &
  Omit<ServiceCommon, 'area' | 'model' | 'targetGroup' | 'factSource'> & { provider: string; file: string };

/** Applies each file's defaults. Fields a service sets win; nothing is merged deeper than one level. */
export function resolveServices(data: Pick<DemoData, 'serviceFiles'>): ResolvedService[] {
  const out: ResolvedService[] = [];
  for (const [file, content] of Object.entries(data.serviceFiles).sort(([a], [b]) => a.localeCompare(b))) {
    for (const s of content.services ?? []) {
      const merged = { ...content.defaults, ...s, provider: content.provider, file } as ResolvedService;
      out.push(merged);
    }
  }
  return out;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const SLUG = new RegExp(SLUG_PATTERN);
/** The end of an open period, for comparing periods as strings. */
const OPEN = '9999-12-31';

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function isIsoDateTime(value: string): boolean {
  return ISO_DATE_TIME.test(value) && !Number.isNaN(new Date(value).getTime()) && isIsoDate(value.slice(0, 10));
}

/**
 * Every problem in the dataset, as "where: what" lines; empty when the data may be loaded. Checks org numbers
 * (MOD11), references between files, duplicate keys, vocabulary codes, dates, and the rules of the usage register
 * (one open subscription per agency and service, no overlapping periods, nothing after an agency was deleted).
 */
export function validateDemoData(data: DemoData): string[] {
  const problems: string[] = [];
  const report = (where: string, what: string) => problems.push(`${where}: ${what}`);

  const text = (where: string, field: string, v: LocalizedText | undefined, required: boolean) => {
    if (v === undefined || v === null) {
      if (required) report(where, `${field} is missing`);
      return;
    }
    if (typeof v.nb !== 'string' || v.nb.trim() === '') report(where, `${field}.nb is missing`);
    for (const lang of ['nn', 'en'] as const) {
      if (v[lang] !== undefined && (typeof v[lang] !== 'string' || v[lang]!.trim() === '')) report(where, `${field}.${lang} is empty`);
    }
  };
  const date = (where: string, field: string, v: string | undefined) => {
    if (v !== undefined && !isIsoDate(v)) report(where, `${field} "${v}" is not a date (YYYY-MM-DD)`);
  };
  const partialDate = (where: string, field: string, v: string | undefined) => {
    if (v !== undefined && !isPartialIsoDate(v)) report(where, `${field} "${v}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
  };
  const source = (where: string, v: unknown) => {
    if (!isOneOf(FACT_SOURCES, v)) report(where, `factSource "${String(v)}" is not one of ${FACT_SOURCES.join(', ')}`);
  };
  const url = (where: string, field: string, v: string | undefined) => {
    if (v !== undefined && !/^https?:\/\/[^\s]+$/.test(v)) report(where, `${field} "${v}" is not an http(s) address`);
  };
  const slug = (where: string, v: string) => {
    if (typeof v !== 'string' || !SLUG.test(v)) report(where, `slug "${v}" is not a valid slug`);
  };

  // Areas
  const areaSlugs = new Set<string>();
  for (const [i, a] of data.areas.entries()) {
    const where = `areas.json[${i}] ${a.slug}`;
    slug(where, a.slug);
    if (areaSlugs.has(a.slug)) report(where, 'duplicate area slug');
    areaSlugs.add(a.slug);
    text(where, 'name', a.name, true);
    text(where, 'description', a.description, true);
    if (!Number.isInteger(a.sortOrder)) report(where, 'sortOrder must be a whole number');
    source(where, a.factSource);
  }

  // Agencies
  const agencies = new Map<string, AgencyRecord>();
  for (const [i, a] of data.agencies.entries()) {
    const where = `agencies.json[${i}] ${a.orgnr}`;
    const check = checkOrgnr(a.orgnr);
    if (!check.ok || check.orgnr !== a.orgnr) report(where, `org number "${a.orgnr}" is invalid (${check.ok ? 'format' : check.problem})`);
    if (agencies.has(a.orgnr)) report(where, 'duplicate org number');
    agencies.set(a.orgnr, a);
    if (!isOneOf(ORGANISATION_KINDS, a.kind)) report(where, `kind "${a.kind}" is not one of ${ORGANISATION_KINDS.join(', ')}`);
    text(where, 'name', a.name, true);
    if (a.employees !== null && (!Number.isInteger(a.employees) || a.employees < 0)) report(where, `employees must be a whole number ≥ 0 or null`);
    if (a.employees !== null && a.employeesSource === undefined) report(where, 'employees given without employeesSource');
    if (a.employeesSource !== undefined && !isOneOf(FACT_SOURCES, a.employeesSource)) report(where, `employeesSource "${a.employeesSource}" is invalid`);
    date(where, 'employeesAsOf', a.employeesAsOf);
    date(where, 'deletedOn', a.deletedOn);
    url(where, 'website', a.website);
    source(where, a.factSource);
  }
  const ministries = new Set([...agencies.values()].filter((a) => a.kind === 'ministry').map((a) => a.orgnr));
  const agencyRef = (where: string, field: string, orgnr: string | undefined, mustBeMinistry = false) => {
    if (orgnr === undefined) return;
    if (!agencies.has(orgnr)) report(where, `${field} ${orgnr} is not in agencies.json`);
    else if (mustBeMinistry && !ministries.has(orgnr)) report(where, `${field} ${orgnr} is not a ministry`);
  };
  for (const [i, a] of data.agencies.entries()) {
    const where = `agencies.json[${i}] ${a.orgnr}`;
    agencyRef(where, 'parentOrgnr', a.parentOrgnr);
    agencyRef(where, 'ministryOrgnr', a.ministryOrgnr, true);
    if (a.parentOrgnr === a.orgnr) report(where, 'parentOrgnr points at itself');
    if (a.kind === 'ministry' && a.ministryOrgnr !== undefined) report(where, 'a ministry has no ministryOrgnr');
  }

  // Providers
  const providers = new Map<string, ProviderRecord>();
  for (const [i, p] of data.providers.entries()) {
    const where = `providers.json[${i}] ${p.slug}`;
    slug(where, p.slug);
    if (providers.has(p.slug)) report(where, 'duplicate provider slug');
    providers.set(p.slug, p);
    text(where, 'name', p.name, true);
    text(where, 'description', p.description, true);
    if (!isOneOf(DELIVERY_MODELS, p.model)) report(where, `model "${p.model}" is not one of ${DELIVERY_MODELS.join(', ')}`);
    agencyRef(where, 'orgnr', p.orgnr);
    agencyRef(where, 'ministryOrgnr', p.ministryOrgnr, true);
    url(where, 'website', p.website);
    url(where, 'contact.url', p.contact?.url);
    source(where, p.factSource);
  }
  for (const [i, p] of data.providers.entries()) {
    const where = `providers.json[${i}] ${p.slug}`;
    if (p.parent !== undefined && !providers.has(p.parent)) report(where, `parent provider "${p.parent}" does not exist`);
    if (hasCycle(p.slug, (s) => providers.get(s)?.parent)) report(where, 'parent providers form a cycle');
  }

  // Services
  const resolved = resolveServices(data);
  const services = new Map<string, ResolvedService>();
  for (const [file, content] of Object.entries(data.serviceFiles)) {
    if (!providers.has(content.provider)) report(`services/${file}`, `provider "${content.provider}" is not in providers.json`);
    if (`${content.provider}.json` !== file) report(`services/${file}`, `file should be named after its provider (${content.provider}.json)`);
  }
  for (const s of resolved) {
    const where = `services/${s.file} ${s.slug}`;
    slug(where, s.slug);
    if (services.has(s.slug)) report(where, 'duplicate service slug');
    services.set(s.slug, s);
    text(where, 'name', s.name, true);
    text(where, 'summary', s.summary, true);
    text(where, 'description', s.description, true);
    text(where, 'targetDescription', s.targetDescription, false);
    text(where, 'financingNote', s.financingNote, false);
    text(where, 'reportedUsersNote', s.reportedUsersNote, false);
    if (!areaSlugs.has(s.area)) report(where, `area "${s.area}" is not in areas.json`);
    if (s.kind !== undefined && !isOneOf(SERVICE_KINDS, s.kind)) report(where, `kind "${s.kind}" is invalid`);
    if (!isOneOf(DELIVERY_MODELS, s.model)) report(where, `model "${String(s.model)}" is invalid`);
    if (!isOneOf(TARGET_GROUPS, s.targetGroup)) report(where, `targetGroup "${String(s.targetGroup)}" is invalid`);
    if (s.obligation !== undefined && !isOneOf(OBLIGATIONS, s.obligation)) report(where, `obligation "${s.obligation}" is invalid`);
    if (s.status !== undefined && !isOneOf(SERVICE_STATUSES, s.status)) report(where, `status "${s.status}" is invalid`);
    for (const f of s.financing ?? []) if (!isOneOf(FINANCING_MODELS, f)) report(where, `financing "${f}" is invalid`);
    for (const c of s.supportChannels ?? []) if (!isOneOf(SUPPORT_CHANNELS, c)) report(where, `support channel "${c}" is invalid`);
    agencyRef(where, 'targetMinistryOrgnr', s.targetMinistryOrgnr, true);
    if (s.targetGroup === 'sector' && s.targetMinistryOrgnr === undefined) report(where, 'a sector service needs targetMinistryOrgnr');
    partialDate(where, 'launchedOn', s.launchedOn);
    partialDate(where, 'plannedOn', s.plannedOn);
    partialDate(where, 'phasedOutOn', s.phasedOutOn);
    if ((s.status ?? 'active') === 'planned' && s.launchedOn !== undefined) report(where, 'a planned service has no launchedOn (use plannedOn)');
    if (s.launchedOn && s.phasedOutOn && s.phasedOutOn < s.launchedOn) report(where, 'phasedOutOn is before launchedOn');
    if (s.changedAt !== undefined && !isIsoDateTime(s.changedAt)) report(where, `changedAt "${s.changedAt}" is not an ISO date or date-time`);
    const uptime = s.serviceLevels?.uptimePercent;
    if (uptime !== undefined && !(typeof uptime === 'number' && uptime >= 0 && uptime <= 100)) report(where, 'serviceLevels.uptimePercent must be 0–100');
    url(where, 'website', s.website);
    for (const [j, step] of (s.howToJoin?.steps ?? []).entries()) text(where, `howToJoin.steps[${j}]`, step, true);
    for (const [j, link] of (s.howToJoin?.links ?? []).entries()) {
      text(where, `howToJoin.links[${j}].label`, link.label, true);
      url(where, `howToJoin.links[${j}].url`, link.url);
    }
    if (s.reportedUsers !== undefined && (!Number.isInteger(s.reportedUsers) || s.reportedUsers < 0)) report(where, 'reportedUsers must be a whole number ≥ 0');
    if (s.reportedUsersYear !== undefined && !(Number.isInteger(s.reportedUsersYear) && s.reportedUsersYear >= 1990 && s.reportedUsersYear <= 2100)) {
      report(where, 'reportedUsersYear must be a year');
    }
    for (const k of s.keywords ?? []) if (typeof k !== 'string' || k.trim() === '') report(where, 'keywords must be non-empty words');
    source(where, s.factSource);
    const tierSlugs = new Set<string>();
    for (const t of s.tiers ?? []) {
      slug(`${where} tier`, t.slug);
      if (tierSlugs.has(t.slug)) report(where, `duplicate tier "${t.slug}"`);
      tierSlugs.add(t.slug);
      text(`${where} tier ${t.slug}`, 'name', t.name, true);
      if (t.kind !== undefined && t.kind !== 'tier' && t.kind !== 'addon') report(where, `tier "${t.slug}" kind "${String(t.kind)}" is invalid`);
    }
    const prices = (s.prices ?? []).map((p) => ({ label: p.label ?? null, amount: p.amount, unit: p.unit, note: p.note ?? null, validFrom: p.validFrom ?? null }));
    for (const [i, p] of prices.entries()) if (!isOneOf(PRICE_UNITS, p.unit)) report(where, `prices[${i}].unit "${String(p.unit)}" is invalid`);
    for (const problem of priceProblems(prices)) report(where, `${problem.field}: ${problem.rule}`);
  }
  for (const s of resolved) {
    const where = `services/${s.file} ${s.slug}`;
    if (s.parent !== undefined) {
      if (!services.has(s.parent)) report(where, `parent service "${s.parent}" does not exist`);
      else if (hasCycle(s.slug, (x) => services.get(x)?.parent)) report(where, 'parent services form a cycle');
    }
    // A relation may be written on either side or both; it is stored once per pair.
    const related = s.related ?? [];
    if (new Set(related).size !== related.length) report(where, 'a related service is listed twice');
    for (const r of related) {
      if (!services.has(r)) report(where, `related service "${r}" does not exist`);
      if (r === s.slug) report(where, 'a service is not related to itself');
    }
  }

  // Subscriptions
  const periods = new Map<string, { start: string; end: string; i: number }[]>();
  for (const [i, sub] of data.subscriptions.entries()) {
    const where = `subscriptions.json[${i}] ${sub.agency} ${sub.service}`;
    const agency = agencies.get(sub.agency);
    const service = services.get(sub.service);
    if (!agency) report(where, `agency ${sub.agency} is not in agencies.json`);
    if (!service) report(where, `service "${sub.service}" does not exist`);
    if (sub.tier !== undefined && service && !(service.tiers ?? []).some((t) => t.slug === sub.tier)) {
      report(where, `tier "${sub.tier}" is not a tier of ${sub.service}`);
    }
    date(where, 'startedOn', sub.startedOn);
    date(where, 'endedOn', sub.endedOn);
    source(where, sub.factSource);
    if (sub.startedOn && sub.endedOn && sub.endedOn < sub.startedOn) report(where, `endedOn ${sub.endedOn} is before startedOn ${sub.startedOn}`);
    if (sub.endReason !== undefined && sub.endedOn === undefined) report(where, 'endReason without endedOn');
    if (agency?.deletedOn && (sub.endedOn === undefined || sub.endedOn > agency.deletedOn)) {
      report(where, `the agency was deleted on ${agency.deletedOn} but the subscription runs on`);
    }
    if (service && (service.status ?? 'active') === 'planned' && sub.endedOn === undefined) report(where, 'open subscription to a planned service');
    if (service?.launchedOn && sub.startedOn && sub.startedOn < partialDateStart(service.launchedOn)) {
      report(where, `startedOn ${sub.startedOn} is before the service was launched (${service.launchedOn})`);
    }
    const key = `${sub.agency} ${sub.service}`;
    const list = periods.get(key) ?? [];
    list.push({ start: sub.startedOn ?? '0000-01-01', end: sub.endedOn ?? OPEN, i });
    periods.set(key, list);
  }
  for (const [key, list] of periods) {
    const open = list.filter((p) => p.end === OPEN);
    if (open.length > 1) report(`subscriptions.json[${open.map((p) => p.i).join(', ')}] ${key}`, 'more than one open subscription for one agency and service');
    // End dates are inclusive: a tier change ends one row the day before the next starts.
    const sorted = [...list].sort((a, b) => a.start.localeCompare(b.start));
    let latest = sorted[0]!;
    for (const cur of sorted.slice(1)) {
      const bothOpen = cur.end === OPEN && latest.end === OPEN;
      if (cur.start <= latest.end && !bothOpen) report(`subscriptions.json[${latest.i}, ${cur.i}] ${key}`, 'periods overlap');
      if (cur.end > latest.end) latest = cur;
    }
  }
  return problems;
}

function hasCycle(start: string, parentOf: (slug: string) => string | undefined): boolean {
  const seen = new Set<string>([start]);
  for (let cur = parentOf(start); cur !== undefined; cur = parentOf(cur)) {
    if (seen.has(cur)) return true;
    seen.add(cur);
  }
  return false;
}
