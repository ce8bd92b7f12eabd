import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { linkChecks, providers, serviceReviews, services } from '../../db/schema/index.js';
import type { LocalizedText } from '../../domain/catalogue.js';
import { assessEntry, countFindings, type Finding, type LinkResult, linksOf, type QualityKind } from '../../domain/dataQuality.js';

export interface QualityRow {
  slug: string;
  name: LocalizedText;
  provider: { id: string; slug: string; name: LocalizedText };
  lastReviewed: Date;
  reviewedByName: string | null;
  findings: Finding[];
}

export interface ProviderQuality {
  provider: { id: string; slug: string; name: LocalizedText };
  counts: Record<QualityKind, number> & { entries: number; clean: number };
}

export interface QualityReport {
  rows: QualityRow[];
  perProvider: ProviderQuality[];
  /** When links were last checked (the newest result), or null if never. */
  linksCheckedAt: Date | null;
}

/** Every entry of these providers (all when undefined) with its findings, and the counts per provider. */
export async function qualityReport(db: Executor, providerIds: readonly string[] | undefined, now: Date): Promise<QualityReport> {
  const rows = await db
    .select({
      slug: services.slug,
      name: services.name,
      summary: services.summary,
      description: services.description,
      website: services.website,
      howToJoin: services.howToJoin,
      serviceLevels: services.serviceLevels,
      financing: services.financing,
      financingNote: services.financingNote,
      priceCount: sql<number>`(select count(*)::int from service_prices p where p.service_id = ${services.id})`,
      updatedAt: services.updatedAt,
      reviewedAt: serviceReviews.reviewedAt,
      reviewedByName: serviceReviews.reviewedByName,
      provider: { id: providers.id, slug: providers.slug, name: providers.name, orgnr: providers.orgnr, contact: providers.contact },
    })
    .from(services)
    .innerJoin(providers, eq(providers.id, services.providerId))
    .leftJoin(serviceReviews, eq(serviceReviews.serviceId, services.id))
    .where(and(isNull(services.retiredAt), providerIds ? (providerIds.length ? inArray(services.providerId, [...providerIds]) : sql`false`) : undefined))
    .orderBy(providers.slug, services.slug);
  const urls = [...new Set(rows.flatMap((r) => linksOf(r.website, r.howToJoin.links ?? [])))];
  const checks = urls.length ? await db.select().from(linkChecks).where(inArray(linkChecks.url, urls)) : [];
  const links = new Map<string, LinkResult>(checks.map((c) => [c.url, { ok: c.ok, httpStatus: c.httpStatus, error: c.error }]));
  const [newest] = await db.select({ at: sql<Date | string | null>`max(${linkChecks.checkedAt})` }).from(linkChecks);
  const out: QualityRow[] = rows.map((r) => {
    const findings = assessEntry(
      {
        slug: r.slug,
        name: r.name,
        summary: r.summary,
        description: r.description,
        website: r.website,
        links: linksOf(r.website, r.howToJoin.links ?? []),
        contact: r.howToJoin.contact ?? {},
        providerContact: r.provider.contact,
        providerOrgnr: r.provider.orgnr,
        serviceLevels: r.serviceLevels,
        financing: r.financing,
        financingNote: r.financingNote,
        priceCount: Number(r.priceCount),
        updatedAt: r.updatedAt,
        reviewedAt: r.reviewedAt,
      },
      links,
      now,
    );
    const lastReviewed = r.reviewedAt && r.reviewedAt > r.updatedAt ? r.reviewedAt : r.updatedAt;
    return { slug: r.slug, name: r.name, provider: { id: r.provider.id, slug: r.provider.slug, name: r.provider.name }, lastReviewed, reviewedByName: r.reviewedByName, findings };
  });
  const byProvider = new Map<string, QualityRow[]>();
  for (const r of out) byProvider.set(r.provider.id, [...(byProvider.get(r.provider.id) ?? []), r]);
  const perProvider = [...byProvider.values()].map((list) => ({ provider: list[0]!.provider, counts: countFindings(list.map((r) => r.findings)) }));
  return { rows: out, perProvider, linksCheckedAt: newest?.at ? new Date(newest.at) : null };
}

/** One service of a provider by slug (id, name), or undefined. */
export async function providerService(db: Executor, providerId: string, slug: string) {
  const [s] = await db.select({ id: services.id, slug: services.slug, name: services.name }).from(services).where(and(eq(services.providerId, providerId), eq(services.slug, slug)));
  return s;
}
