/**
 * Checks the web addresses the catalogue links to (services' websites and how-to-join links, providers' websites
 * and contact pages) and records the latest result per address in `link_checks`. Run as a command
 * (`npm run check-links`, e.g. nightly from cron), never during a page request: the data quality page only reads
 * the results. Each address gets a HEAD request (GET when the server refuses HEAD), redirects followed, with a
 * timeout; a status below 400 is working.
 */
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { linkChecks, providers, services } from '../db/schema/index.js';
import { linksOf } from '../domain/dataQuality.js';

export interface LinkCheckOptions {
  /** Per request, in milliseconds (default 10 s). */
  timeoutMs?: number;
  /** Requests at a time (default 4). */
  concurrency?: number;
  /** Only this provider's addresses (its slug). */
  providerSlug?: string;
  /** Only the addresses this accepts (tests check loopback addresses only). */
  filter?: (url: string) => boolean;
  now?: () => Date;
}

export interface LinkCheckResult {
  url: string;
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
}

/** The distinct http(s) addresses of the catalogue (or of one provider), sorted. */
export async function catalogueLinks(db: Database, providerSlug?: string): Promise<string[]> {
  const rows = await db
    .select({ website: services.website, howToJoin: services.howToJoin, providerWebsite: providers.website, contact: providers.contact })
    .from(services)
    .innerJoin(providers, eq(providers.id, services.providerId))
    .where(providerSlug ? eq(providers.slug, providerSlug) : sql`true`);
  const all = new Set<string>();
  for (const r of rows) {
    for (const u of linksOf(r.website, r.howToJoin.links ?? [])) all.add(u);
    for (const u of linksOf(r.providerWebsite, r.contact.url ? [{ url: r.contact.url }] : [])) all.add(u);
  }
  return [...all].sort();
}

/** One address: HEAD, then GET if HEAD is not allowed; never throws. */
export async function checkLink(url: string, timeoutMs: number): Promise<LinkCheckResult> {
  const attempt = async (method: 'HEAD' | 'GET') => {
    const res = await fetch(url, { method, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs), headers: { 'user-agent': 'Fellestjenester link check' } });
    await res.body?.cancel().catch(() => undefined);
    return res.status;
  };
  try {
    let status = await attempt('HEAD');
    if (status === 405 || status === 501 || status === 403) status = await attempt('GET');
    return { url, ok: status < 400, httpStatus: status, error: null };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    const error = err.name === 'TimeoutError' || err.name === 'AbortError' ? `timeout after ${timeoutMs} ms` : (err.cause?.code ?? err.message);
    return { url, ok: false, httpStatus: null, error };
  }
}

/** Checks every address (a few at a time) and records each result; returns the results in address order. */
export async function checkCatalogueLinks(db: Database, options: LinkCheckOptions = {}): Promise<LinkCheckResult[]> {
  const { timeoutMs = 10_000, concurrency = 4, filter = () => true, now = () => new Date() } = options;
  const urls = (await catalogueLinks(db, options.providerSlug)).filter(filter);
  const results: LinkCheckResult[] = new Array(urls.length);
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const i = next++;
      const r = await checkLink(urls[i]!, timeoutMs);
      results[i] = r;
      const row = { url: r.url, checkedAt: now(), ok: r.ok, httpStatus: r.httpStatus, error: r.error };
      await db.insert(linkChecks).values(row).onConflictDoUpdate({ target: linkChecks.url, set: { checkedAt: row.checkedAt, ok: row.ok, httpStatus: row.httpStatus, error: row.error } });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, urls.length) }, worker));
  return results;
}
