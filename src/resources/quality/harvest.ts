import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { recordAudit } from '../../db/audit.js';
import { harvestSources, importRuns, providers } from '../../db/schema/index.js';
import type { Actor } from '../../domain/actor.js';
import type { Language } from '../../domain/catalogue.js';
import { isAdmin } from '../../domain/principal.js';
import { FileProblem, readCatalogueFile } from '../../imports/catalogue/read.js';
import { describeFileProblem } from '../../imports/usage/usageImport.js';
import { MAX_FILE_BYTES } from '../../imports/usage/parse.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import { applyBulk, BulkRejected, describeBulkError } from './bulk.js';

/**
 * Harvesting a provider's own CPSV-AP-NO catalogue: DFØ registers its URL; a harvest fetches the Turtle (timeout,
 * size limit), plans it against the provider's entries and publishes the changes — creating, changing and retiring
 * what the catalogue no longer lists — through the catalogue's commands in one transaction. Idempotent: the same
 * file again changes nothing. A harvest that fails anywhere (network, a cut-off file, a bad service) changes
 * nothing; every run, succeeded or failed, is recorded in `import_runs` (kind 'harvest') and shown to DFØ on
 * /admin/innhenting.
 */

export interface HarvestResult {
  runId: string;
  ok: boolean;
  message: string;
  counts: Record<string, number>;
}

/** DFØ registers (or changes) the catalogue URL of a provider. */
export async function registerHarvestSource(db: Database, actor: Actor, providerSlug: string, url: string, lang: Language): Promise<void> {
  const t = messages[lang];
  if (!isAdmin(actor.principal)) throw new HttpProblem(403, t.harvest.adminOnly);
  const [p] = await db.select({ id: providers.id }).from(providers).where(eq(providers.slug, providerSlug));
  if (!p) throw new HttpProblem(404, t.errors.unknownProvider(providerSlug));
  const clean = url.trim();
  if (!/^https?:\/\/\S+$/.test(clean) || !URL.canParse(clean)) throw new HttpProblem(400, t.harvest.badUrl, { errors: [{ field: 'url', message: t.harvest.badUrl }] });
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(harvestSources).where(eq(harvestSources.providerId, p.id));
    await tx
      .insert(harvestSources)
      .values({ providerId: p.id, url: clean, registeredAt: actor.now, registeredByName: actor.principal.name })
      .onConflictDoUpdate({ target: harvestSources.providerId, set: { url: clean, registeredAt: actor.now, registeredByName: actor.principal.name } });
    await recordAudit(tx, actor, { role: 'admin', providerId: p.id }, { action: 'harvest.register', entityType: 'provider', entityId: p.id, before: before ? { url: before.url } : null, after: { url: clean } });
  });
}

async function fetchCatalogue(url: string, timeoutMs: number): Promise<Buffer> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'text/turtle, */*;q=0.1', 'user-agent': 'Fellestjenester harvester' } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > MAX_FILE_BYTES) throw new Error(`larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/**
 * Harvests one provider now (DFØ's "harvest now" button, the command line). Never throws for a failed harvest:
 * the failure is recorded and returned; an unknown provider or one without a registered URL is a 404.
 */
export async function harvestProvider(db: Database, actor: Actor, providerSlug: string, lang: Language, options: { timeoutMs?: number } = {}): Promise<HarvestResult> {
  const t = messages[lang];
  if (!isAdmin(actor.principal)) throw new HttpProblem(403, t.harvest.adminOnly);
  const [source] = await db
    .select({ providerId: providers.id, url: harvestSources.url })
    .from(harvestSources)
    .innerJoin(providers, eq(providers.id, harvestSources.providerId))
    .where(eq(providers.slug, providerSlug));
  if (!source) throw new HttpProblem(404, t.harvest.noSource(providerSlug));
  const [run] = await db
    .insert(importRuns)
    .values({ kind: 'harvest', status: 'running', actorKind: 'admin', actorLabel: actor.principal.email ?? actor.principal.name, providerId: source.providerId, fileName: source.url, startedAt: actor.now })
    .returning({ id: importRuns.id });
  const finish = async (ok: boolean, message: string, counts: Record<string, number>, extra: { sha?: string; bytes?: number; problems?: { position?: string; reason: string }[] } = {}) => {
    await db
      .update(importRuns)
      .set({ status: ok ? 'succeeded' : 'failed', finishedAt: new Date(), message, counts, problems: extra.problems ?? [], fileSha256: extra.sha ?? null, fileBytes: extra.bytes ?? null })
      .where(eq(importRuns.id, run!.id));
    await db.update(harvestSources).set({ lastRunId: run!.id }).where(eq(harvestSources.providerId, source.providerId));
    return { runId: run!.id, ok, message, counts };
  };
  let bytes: Buffer;
  try {
    bytes = await fetchCatalogue(source.url, options.timeoutMs ?? 30_000);
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    return finish(false, t.harvest.fetchFailed(err.name === 'TimeoutError' ? 'timeout' : (err.cause?.code ?? err.message)), {});
  }
  const file = { sha: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
  try {
    const { rows } = await readCatalogueFile(bytes, { contentType: 'text/turtle' });
    const { plan, written } = await applyBulk(db, actor, providerSlug, rows, { retireMissing: true, mode: 'publish' }, lang);
    const counts = { created: plan.create.length, changed: plan.change.length, retired: plan.retire.length, unchanged: plan.unchanged.length };
    return finish(true, t.harvest.succeeded(written), counts, file);
  } catch (e) {
    if (e instanceof FileProblem) return finish(false, describeFileProblem(e, lang), {}, file);
    if (e instanceof BulkRejected) {
      const problems = e.errors.map((x) => ({ position: String(x.line), reason: describeBulkError(messages[lang], x) }));
      return finish(false, t.harvest.rejected(problems.length), {}, { ...file, problems });
    }
    if (e instanceof HttpProblem) return finish(false, e.detail, {}, file);
    throw e;
  }
}

/** Every registered source with its provider and latest run, for DFØ's overview. */
export async function harvestOverview(db: Database) {
  return db
    .select({
      providerSlug: providers.slug,
      providerName: providers.name,
      url: harvestSources.url,
      registeredAt: harvestSources.registeredAt,
      status: importRuns.status,
      finishedAt: importRuns.finishedAt,
      message: importRuns.message,
      problems: importRuns.problems,
    })
    .from(harvestSources)
    .innerJoin(providers, eq(providers.id, harvestSources.providerId))
    .leftJoin(importRuns, eq(importRuns.id, harvestSources.lastRunId))
    .orderBy(providers.slug);
}

/** Every provider with a registered URL, harvested one after the other (the scheduled job, the command line). */
export async function harvestAll(db: Database, actor: Actor, lang: Language, options: { timeoutMs?: number } = {}): Promise<(HarvestResult & { provider: string })[]> {
  const out: (HarvestResult & { provider: string })[] = [];
  for (const s of await harvestOverview(db)) out.push({ provider: s.providerSlug, ...(await harvestProvider(db, actor, s.providerSlug, lang, options)) });
  return out;
}
