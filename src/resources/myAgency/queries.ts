import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { agencies, agencyInHouseAreas, agencyLocations, serviceOptOuts, services, tiers } from '../../db/schema/index.js';
import { currentQuestionnaire, QUESTIONNAIRE_SLUGS } from '../../db/seed/questionnaires.js';
import type { LocalizedText } from '../../domain/catalogue.js';
import type { Answers } from '../../domain/questionnaire.js';
import { declarationsAcrossProcurements } from '../declarations/queries.js';
import { agencyNames, areaOptions, providerOptions, serviceOptions } from '../shared/queries.js';
import { listUsage } from '../usage/queries.js';

/** The whole row of one agency (its profile: employees, contact e-mail and phone), or undefined. */
export async function getAgency(db: Executor, orgnr: string) {
  const [a] = await db.select().from(agencies).where(eq(agencies.orgnr, orgnr));
  return a;
}

export type AgencyRow = NonNullable<Awaited<ReturnType<typeof getAgency>>>;

/** The names of the agencies and ministries someone acts for (those in the register), in the order given. */
export async function agencyNamesOf(db: Executor, orgnrs: string[]): Promise<{ orgnr: string; name: LocalizedText }[]> {
  const names = await agencyNames(db, orgnrs);
  return orgnrs.map(names).filter((a) => a !== null);
}

/** An agency's own voluntary non-use of a service, with its answers. */
export interface OwnServiceOptOut {
  id: string;
  answers: Answers;
  declaredAt: Date;
  declaredBy: string;
  service: { slug: string; name: LocalizedText };
}

/** A standing non-use of one of a provider's services, for the provider: who stays away, and why. */
export interface ServiceOptOutOfMine {
  id: string;
  answers: Answers;
  declaredAt: Date;
  service: { slug: string; name: LocalizedText };
  agency: { orgnr: string; name: LocalizedText };
}

/** The standing (not withdrawn) non-use of these providers' services, by service. */
export async function serviceOptOutsOfProviders(db: Executor, providerIds: string[]): Promise<ServiceOptOutOfMine[]> {
  if (!providerIds.length) return [];
  return db
    .select({ id: serviceOptOuts.id, answers: serviceOptOuts.answers, declaredAt: serviceOptOuts.declaredAt, service: { slug: services.slug, name: services.name }, agency: { orgnr: agencies.orgnr, name: agencies.name } })
    .from(serviceOptOuts)
    .innerJoin(services, eq(services.id, serviceOptOuts.serviceId))
    .innerJoin(agencies, eq(agencies.orgnr, serviceOptOuts.agencyOrgnr))
    .where(and(inArray(services.providerId, providerIds), isNull(serviceOptOuts.withdrawnAt)))
    .orderBy(asc(services.slug));
}

/** What /min-side shows beyond the links: the providers someone edits, and the non-use of their services. */
export async function loadMinePage(db: Executor, providerIds: string[]) {
  const provs = providerIds.length ? await providerOptions(db, providerIds) : [];
  const [optOuts, optOutQuestionnaire] = provs.length
    ? await Promise.all([serviceOptOutsOfProviders(db, provs.map((x) => x.id)), currentQuestionnaire(db, QUESTIONNAIRE_SLUGS.service_opt_out)])
    : [[], undefined];
  return { providers: provs, optOuts, optOutDefinition: optOutQuestionnaire?.definition };
}

/** A service model to choose when registering use, with its service (for grouping). */
export type TierOption = { slug: string; name: LocalizedText; current: boolean; service: { slug: string; name: LocalizedText } };

/** Every service model, by service then the models' own order. */
export function tierOptions(db: Executor): Promise<TierOption[]> {
  return db
    .select({ slug: tiers.slug, name: tiers.name, current: tiers.current, service: { slug: services.slug, name: services.name } })
    .from(tiers)
    .innerJoin(services, eq(services.id, tiers.serviceId))
    .orderBy(asc(services.slug), asc(tiers.sortOrder));
}

/** An agency's locations, oldest first. */
export function locationsOf(db: Executor, orgnr: string) {
  return db.select().from(agencyLocations).where(eq(agencyLocations.agencyOrgnr, orgnr)).orderBy(asc(agencyLocations.createdAt));
}

export type LocationRow = Awaited<ReturnType<typeof locationsOf>>[number];

/** An agency's standing (not withdrawn) non-use of services. */
export function serviceOptOutsOf(db: Executor, orgnr: string): Promise<OwnServiceOptOut[]> {
  return db
    .select({ id: serviceOptOuts.id, answers: serviceOptOuts.answers, declaredAt: serviceOptOuts.declaredAt, declaredBy: serviceOptOuts.declaredBy, service: { slug: services.slug, name: services.name } })
    .from(serviceOptOuts)
    .innerJoin(services, eq(services.id, serviceOptOuts.serviceId))
    .where(and(eq(serviceOptOuts.agencyOrgnr, orgnr), isNull(serviceOptOuts.withdrawnAt)));
}

/** The areas an agency handles in-house now, with the day it said so. */
export function inHouseAreasOf(db: Executor, orgnr: string): Promise<{ areaSlug: string; declaredOn: string }[]> {
  return db
    .select({ areaSlug: agencyInHouseAreas.areaSlug, declaredOn: agencyInHouseAreas.declaredOn })
    .from(agencyInHouseAreas)
    .where(and(eq(agencyInHouseAreas.agencyOrgnr, orgnr), isNull(agencyInHouseAreas.endedOn)));
}

/** Everything the agency's self-service page shows besides the agency itself, read at once. */
export async function loadSelfService(db: Executor, orgnr: string) {
  const [usage, locations, optOuts, q, serviceList, tierList, declarations, areaList, inHouse] = await Promise.all([
    listUsage(db, orgnr),
    locationsOf(db, orgnr),
    serviceOptOutsOf(db, orgnr),
    currentQuestionnaire(db, QUESTIONNAIRE_SLUGS.service_opt_out),
    serviceOptions(db),
    tierOptions(db),
    declarationsAcrossProcurements(db, { all: false, agencyOrgnrs: [orgnr], ministryOrgnrs: [] }),
    areaOptions(db),
    inHouseAreasOf(db, orgnr),
  ]);
  return { usage, locations, optOuts, optOutDefinition: q!.definition, services: serviceList, tiers: tierList, declarations, areas: areaList, inHouse };
}

export type SelfServiceData = Awaited<ReturnType<typeof loadSelfService>>;
