import { sql } from 'drizzle-orm';
import { type AnyPgColumn, bigint, boolean, check, index, integer, jsonb, numeric, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type {
  DeliveryModel,
  FactSource,
  FinancingModel,
  LocalizedText,
  Obligation,
  OrganisationKind,
  ServiceKind,
  ServiceStatus,
  SupportChannel,
  TargetGroup,
} from '../../domain/catalogue.js';
import { PARTIAL_DATE_SQL_PATTERN } from '../../domain/partialDate.js';
import { PRICE_UNITS, type PriceUnit } from '../../domain/servicePrice.js';
import { day, factSource, instant, orgnrFormat, textRef, timestamps, tsvector, uuidId, uuidRef } from './columns.js';

/**
 * Agencies (virksomheter): every organisation the portal knows, keyed on organisation number, never on name.
 * Ministries are agencies of kind `ministry`; `ministryOrgnr` is the ministry an agency is under (for a ministry:
 * null). Municipalities and counties are here too, since some services are open to them.
 */
export const agencies = pgTable(
  'agencies',
  {
    orgnr: text('orgnr').primaryKey(),
    kind: text('kind').$type<OrganisationKind>().notNull(),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    shortName: text('short_name'),
    /** Enhetsregisteret's overordnetEnhet: the legal parent (for most agencies the ministry). */
    parentOrgnr: text('parent_orgnr').references((): AnyPgColumn => agencies.orgnr, { onDelete: 'set null' }),
    ministryOrgnr: text('ministry_orgnr').references((): AnyPgColumn => agencies.orgnr, { onDelete: 'set null' }),
    employees: integer('employees'),
    employeesSource: text('employees_source').$type<FactSource>(),
    employeesAsOf: day('employees_as_of'),
    orgForm: text('org_form'),
    sectorCode: text('sector_code'),
    municipalityNumber: text('municipality_number'),
    municipalityName: text('municipality_name'),
    countyName: text('county_name'),
    postalCode: text('postal_code'),
    city: text('city'),
    website: text('website'),
    email: text('email'),
    phone: text('phone'),
    /**
     * The address DFØ keeps for the portal's notices (a consultation opened …): it wins over the register's e-mail,
     * and the Enhetsregisteret import never overwrites it.
     */
    noticeEmail: text('notice_email'),
    /** Enhetsregisteret's slettedato: the unit no longer exists. Kept for history. */
    deletedOn: day('deleted_on'),
    factSource: factSource('register'),
    sourceNote: text('source_note'),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`to_tsvector('norwegian', coalesce(name->>'nb','') || ' ' || coalesce(name->>'nn','') || ' ' || coalesce(name->>'en','') || ' ' || coalesce(short_name,''))`,
    ),
    ...timestamps,
  },
  (t) => [
    check('agencies_orgnr_format', orgnrFormat('orgnr')),
    check('agencies_employees_nonnegative', sql`${t.employees} is null or ${t.employees} >= 0`),
    index('agencies_ministry_idx').on(t.ministryOrgnr),
    index('agencies_kind_idx').on(t.kind),
    index('agencies_search_idx').using('gin', t.searchVector),
  ],
);

/** Service areas (tjenesteområder): payroll, accounting, IT operation … */
export const areas = pgTable('areas', {
  slug: text('slug').primaryKey(),
  name: jsonb('name').$type<LocalizedText>().notNull(),
  description: jsonb('description').$type<LocalizedText>().notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
  /** The report names this area as a gap for agencies outside the sector and group schemes. */
  gapArea: boolean('gap_area').notNull().default(false),
});

export interface ProviderContact {
  email?: string;
  phone?: string;
  url?: string;
}

/** Providers (leverandører) of shared services. A provider may be a unit inside an agency (SSiE in DSS). */
export const providers = pgTable(
  'providers',
  {
    id: uuidId(),
    slug: text('slug').notNull(),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    shortName: text('short_name'),
    /** The legal entity behind the provider. */
    orgnr: text('orgnr').references(() => agencies.orgnr, { onDelete: 'set null' }),
    model: text('model').$type<DeliveryModel>().notNull(),
    ministryOrgnr: text('ministry_orgnr').references(() => agencies.orgnr, { onDelete: 'set null' }),
    parentProviderId: uuid('parent_provider_id').references((): AnyPgColumn => providers.id, { onDelete: 'set null' }),
    description: jsonb('description').$type<LocalizedText>().notNull(),
    website: text('website'),
    contact: jsonb('contact').$type<ProviderContact>().notNull().default({}),
    /** DFØ requires a second person (an administrator) to approve this provider's drafts before publishing. */
    reviewRequired: boolean('review_required').notNull().default(false),
    factSource: factSource('report'),
    sourceRef: text('source_ref'),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`to_tsvector('norwegian', fold_search(coalesce(name->>'nb','') || ' ' || coalesce(name->>'en','') || ' ' || coalesce(short_name,'')))`,
    ),
    ...timestamps,
  },
  (t) => [uniqueIndex('providers_slug_idx').on(t.slug), index('providers_search_idx').using('gin', t.searchVector).with({ fastupdate: false })],
);

export interface ServiceLevels {
  /** Guaranteed uptime in percent, e.g. 99.7 (SSiE). */
  uptimePercent?: number;
  supportHours?: LocalizedText;
  responseTime?: LocalizedText;
  other?: LocalizedText[];
}

export interface HowToJoin {
  steps: LocalizedText[];
  contact?: { name?: string; email?: string; phone?: string };
  links: { label: LocalizedText; url: string }[];
}

/** Shared services (fellestjenester), including framework agreements and platforms. */
export const services = pgTable(
  'services',
  {
    id: uuidId(),
    slug: text('slug').notNull(),
    providerId: uuidRef('provider_id', () => providers.id, 'restrict'),
    areaSlug: textRef('area_slug', () => areas.slug, 'restrict'),
    /** A sub-service (DFØ payroll: travel expenses) points at its main service. */
    parentServiceId: uuid('parent_service_id').references((): AnyPgColumn => services.id, { onDelete: 'set null' }),
    kind: text('kind').$type<ServiceKind>().notNull().default('service'),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    summary: jsonb('summary').$type<LocalizedText>().notNull(),
    description: jsonb('description').$type<LocalizedText>().notNull(),
    model: text('model').$type<DeliveryModel>().notNull(),
    targetGroup: text('target_group').$type<TargetGroup>().notNull(),
    /** For sector services: the ministry whose sector may use it. */
    targetMinistryOrgnr: text('target_ministry_orgnr').references(() => agencies.orgnr, { onDelete: 'set null' }),
    /** Who may use it, in words ("fylkesmannsembetene", "universiteter og høgskoler"). */
    targetDescription: jsonb('target_description').$type<LocalizedText>(),
    obligation: text('obligation').$type<Obligation>().notNull().default('voluntary'),
    financing: text('financing').array().$type<FinancingModel[]>().notNull().default(sql`'{}'::text[]`),
    financingNote: jsonb('financing_note').$type<LocalizedText>(),
    status: text('status').$type<ServiceStatus>().notNull().default('active'),
    /** Partial ISO dates ("2021", "2021-03", "2021-03-15"): shown as precisely as they are known. */
    launchedOn: text('launched_on'),
    plannedOn: text('planned_on'),
    phasedOutOn: text('phased_out_on'),
    serviceLevels: jsonb('service_levels').$type<ServiceLevels>().notNull().default({}),
    supportChannels: text('support_channels').array().$type<SupportChannel[]>().notNull().default(sql`'{}'::text[]`),
    howToJoin: jsonb('how_to_join').$type<HowToJoin>().notNull().default({ steps: [], links: [] }),
    website: text('website'),
    /** Users as reported by the provider or the report ("~180 agencies"), where the register has no better figure. */
    reportedUsers: integer('reported_users'),
    reportedUsersNote: jsonb('reported_users_note').$type<LocalizedText>(),
    reportedUsersYear: integer('reported_users_year'),
    /** Extra search words (synonyms, abbreviations), bokmål. */
    keywords: text('keywords').notNull().default(''),
    factSource: factSource('report'),
    sourceRef: text('source_ref'),
    /** Retired: the page stays (marked), out of default search, so links and statistics history stay valid. */
    retiredAt: instant('retired_at'),
    /** The number of the published version in `service_versions` (0: as seeded, never published through the portal). */
    version: integer('version').notNull().default(0),
    /** Every text folded by fold_search() (migration 0017) so "lonn" finds "lønn". */
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`setweight(to_tsvector('norwegian', fold_search(coalesce(name->>'nb','') || ' ' || coalesce(name->>'nn','') || ' ' || coalesce(name->>'en',''))), 'A') || setweight(to_tsvector('norwegian', fold_search(keywords)), 'B') || setweight(to_tsvector('norwegian', fold_search(coalesce(summary->>'nb','') || ' ' || coalesce(summary->>'en',''))), 'C') || setweight(to_tsvector('norwegian', fold_search(coalesce(description->>'nb',''))), 'D')`,
    ),
    /** Title and keywords folded by fold_search() (lower case, æ/ø/å and aa/oe/ae alike; migration 0017), for typo-tolerant matching with pg_trgm. */
    searchTitle: text('search_title').generatedAlwaysAs(
      sql`fold_search(coalesce(name->>'nb','') || ' ' || coalesce(name->>'en','') || ' ' || keywords)`,
    ),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('services_slug_idx').on(t.slug),
    index('services_provider_idx').on(t.providerId),
    index('services_area_idx').on(t.areaSlug),
    // fastupdate off: entries go into the index at once, not into a pending list every search scans (migration 0030).
    index('services_search_idx').using('gin', t.searchVector).with({ fastupdate: false }),
    index('services_title_trgm_idx').using('gin', sql`${t.searchTitle} gin_trgm_ops`).with({ fastupdate: false }),
    check('services_launched_on_format', sql.raw(`launched_on ~ '${PARTIAL_DATE_SQL_PATTERN}'`)),
    check('services_planned_on_format', sql.raw(`planned_on ~ '${PARTIAL_DATE_SQL_PATTERN}'`)),
    check('services_phased_out_on_format', sql.raw(`phased_out_on ~ '${PARTIAL_DATE_SQL_PATTERN}'`)),
    check('services_uptime_range', sql`(${t.serviceLevels}->>'uptimePercent') is null or ((${t.serviceLevels}->>'uptimePercent')::numeric between 0 and 100)`),
  ],
);

/** Service models / tiers (basis, delservice, fullservice; grunnpakke + tilleggstjenester). */
export const tiers = pgTable(
  'tiers',
  {
    id: uuidId(),
    serviceId: uuidRef('service_id', () => services.id, 'cascade'),
    slug: text('slug').notNull(),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    description: jsonb('description').$type<LocalizedText>(),
    /** `tier` is a level one picks one of; `addon` is an additional service on top. */
    kind: text('kind').$type<'tier' | 'addon'>().notNull().default('tier'),
    sortOrder: integer('sort_order').notNull().default(0),
    /** False for a model being phased out (the pre-2020 payroll models). */
    current: boolean('current').notNull().default(true),
  },
  (t) => [uniqueIndex('tiers_service_slug_idx').on(t.serviceId, t.slug)],
);

/**
 * What a provider charges for a service (migration 0022): an amount in NOK per unit, for the whole service or one
 * tier or price model (a label, since price models need not be tiers). Written when a draft is published; in
 * CPSV-AP-NO each row is a `cv:Cost`.
 */
export const servicePrices = pgTable(
  'service_prices',
  {
    id: uuidId(),
    serviceId: uuidRef('service_id', () => services.id, 'cascade'),
    sortOrder: integer('sort_order').notNull().default(0),
    label: jsonb('label').$type<LocalizedText>(),
    amount: numeric('amount', { precision: 14, scale: 2, mode: 'number' }).notNull(),
    unit: text('unit').$type<PriceUnit>().notNull(),
    note: jsonb('note').$type<LocalizedText>(),
    validFrom: day('valid_from'),
  },
  (t) => [
    index('service_prices_service_idx').on(t.serviceId, t.sortOrder),
    check('service_prices_amount_range', sql`${t.amount} >= 0`),
    check('service_prices_unit_known', sql.raw(`unit in (${PRICE_UNITS.map((u) => `'${u}'`).join(', ')})`)),
  ],
);

/** Related services, stored once per pair; read in both directions. */
export const serviceRelations = pgTable(
  'service_relations',
  {
    serviceId: uuidRef('service_id', () => services.id, 'cascade'),
    relatedServiceId: uuidRef('related_service_id', () => services.id, 'cascade'),
  },
  (t) => [
    primaryKey({ columns: [t.serviceId, t.relatedServiceId] }),
    check('service_relations_not_self', sql`${t.serviceId} <> ${t.relatedServiceId}`),
  ],
);

/**
 * Subscriptions (kundeforhold): an agency uses a service, in a tier, from a date, until a date. This is the
 * usage register. Rows are never overwritten: a tier change ends one row and starts another, so trends can be
 * computed from history. At most one open row per agency and service.
 */
export const subscriptions = pgTable(
  'subscriptions',
  {
    id: uuidId(),
    agencyOrgnr: textRef('agency_orgnr', () => agencies.orgnr, 'restrict'),
    serviceId: uuidRef('service_id', () => services.id, 'restrict'),
    tierId: uuid('tier_id').references(() => tiers.id, { onDelete: 'restrict' }),
    startedOn: day('started_on'),
    endedOn: day('ended_on'),
    endReason: text('end_reason'),
    factSource: factSource('illustrative'),
    note: text('note'),
    createdBy: text('created_by'),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    index('subscriptions_service_idx').on(t.serviceId),
    index('subscriptions_agency_idx').on(t.agencyOrgnr),
    uniqueIndex('subscriptions_one_open_idx').on(t.agencyOrgnr, t.serviceId).where(sql`${t.endedOn} is null`),
    // Statistics (migration 0025): the rows still running on a day that have an end date, and the undated/first start.
    index('subscriptions_ended_idx').on(t.endedOn).where(sql`${t.endedOn} is not null`),
    index('subscriptions_started_idx').on(t.startedOn),
    check('subscriptions_dates_ordered', sql`${t.endedOn} is null or ${t.startedOn} is null or ${t.endedOn} >= ${t.startedOn}`),
  ],
);

/**
 * Data versions per domain ('catalogue', 'acts'), bumped by triggers in the writer's transaction, once per transaction
 * and domain at its commit (migrations 0008, 0028). App nodes cache read models keyed on them (src/db/readCache.ts),
 * so every node sees a change on its next request without any message between nodes.
 */
export const dataVersions = pgTable('data_versions', {
  name: text('name').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
  changedAt: instant('changed_at').notNull().defaultNow(),
});
