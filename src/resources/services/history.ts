import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { cachedRead } from '../../db/readCache.js';
import { services, serviceSlugAliases, serviceVersions } from '../../db/schema/index.js';
import type { ServiceDocument } from '../../domain/serviceDocument.js';
import { diffVersions, type FieldChange } from '../../domain/serviceLifecycle.js';
import { loadServiceDocument } from './commands.js';

/**
 * The published versions of a service (history page and API), and the current slug of a renamed one. Read per
 * catalogue version: publishing bumps it (migration 0014 adds the versions and aliases to the catalogue domain).
 */
export interface VersionRow {
  number: number;
  publishedAt: Date;
  publishedByName: string;
  baseline: boolean;
  changedFields: string[];
}

/** The slug a former slug now answers to, or undefined. */
export function currentSlugFor(db: Executor, formerSlug: string): Promise<string | undefined> {
  return cachedRead(db, `service-alias:${formerSlug}`, async () => {
    const [row] = await db
      .select({ slug: services.slug })
      .from(serviceSlugAliases)
      .innerJoin(services, eq(services.id, serviceSlugAliases.serviceId))
      .where(eq(serviceSlugAliases.slug, formerSlug));
    return row?.slug;
  });
}

/** The service at a slug with its versions, newest first; a never-edited service has its seeded version only. */
export function serviceVersionList(db: Executor, slug: string) {
  return cachedRead(db, `service-versions:${slug}`, async () => {
    const [s] = await db.select({ id: services.id, name: services.name, version: services.version, updatedAt: services.updatedAt, providerId: services.providerId }).from(services).where(eq(services.slug, slug));
    if (!s) return undefined;
    const rows = await db
      .select({ number: serviceVersions.number, publishedAt: serviceVersions.publishedAt, publishedByName: serviceVersions.publishedByName, note: serviceVersions.note, changedFields: serviceVersions.changedFields })
      .from(serviceVersions)
      .where(eq(serviceVersions.serviceId, s.id))
      .orderBy(desc(serviceVersions.number));
    const versions: VersionRow[] = rows.map((r) => ({ number: r.number, publishedAt: r.publishedAt, publishedByName: r.publishedByName, baseline: r.note === 'baseline', changedFields: r.changedFields }));
    // Not yet edited through the portal: the seeded description is version 1.
    if (versions.length === 0) versions.push({ number: 1, publishedAt: s.updatedAt, publishedByName: '', baseline: true, changedFields: [] });
    return { service: s, current: Math.max(1, s.version), versions };
  });
}

/** One version's document, and how it differs from the version before it. */
export async function serviceVersion(db: Executor, slug: string, n: number): Promise<{ row: VersionRow; document: ServiceDocument; changes: FieldChange[] } | undefined> {
  const list = await serviceVersionList(db, slug);
  const row = list?.versions.find((v) => v.number === n);
  if (!list || !row) return undefined;
  const document = await versionDocument(db, list.service.id, n, list.service.version);
  const before = n > 1 ? await versionDocument(db, list.service.id, n - 1, list.service.version) : null;
  return { row, document: document!, changes: before ? diffVersions(before as never, document as never) : [] };
}

/** Versions compared field by field (a → b). */
export async function compareVersions(db: Executor, slug: string, a: number, b: number): Promise<FieldChange[] | undefined> {
  const list = await serviceVersionList(db, slug);
  if (!list) return undefined;
  const [da, dbv] = await Promise.all([versionDocument(db, list.service.id, a, list.service.version), versionDocument(db, list.service.id, b, list.service.version)]);
  if (!da || !dbv) return undefined;
  return diffVersions(da as never, dbv as never);
}

async function versionDocument(db: Executor, serviceId: string, n: number, current: number): Promise<ServiceDocument | undefined> {
  if (current === 0 && n === 1) return loadServiceDocument(db, serviceId);
  const [row] = await db.select({ document: serviceVersions.document }).from(serviceVersions).where(and(eq(serviceVersions.serviceId, serviceId), eq(serviceVersions.number, n)));
  return row?.document;
}
