import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { areas, providers, serviceDrafts, services } from '../../db/schema/index.js';
import type { Actor } from '../../domain/actor.js';
import { type BulkEntry, type BulkError, type BulkPlan, type BulkRow, documentOf, entryOfDocument, planBulk } from '../../domain/bulkCatalogue.js';
import type { Language } from '../../domain/catalogue.js';
import type { ServiceDocument } from '../../domain/serviceDocument.js';
import { HttpProblem } from '../../server/problem.js';
import { type Messages, messages } from '../../web/i18n/index.js';
import { createService, loadServiceDocument, publishDraft, retireService, saveDraft } from '../services/commands.js';
import { mayQuality } from './policy.js';

/**
 * Bulk upload and harvest of a provider's catalogue: rows (src/imports/catalogue/read.ts) → a plan against the
 * provider's entries (drafts where there are any, else the published version) → applied through the catalogue's
 * own commands (createService, saveDraft, publishDraft, retireService), all in ONE transaction: a row the commands
 * refuse rolls everything back and is reported with its line.
 */

export type ApplyMode = 'drafts' | 'publish';

interface Current {
  entry: BulkEntry;
  doc: ServiceDocument;
  revision: number | null;
}

/** The provider's live entries by slug (retired ones left out), each as its draft if it has one. */
async function currentEntries(db: Executor, providerId: string): Promise<Map<string, Current>> {
  const rows = await db
    .select({ id: services.id, slug: services.slug, draftDoc: serviceDrafts.document, revision: serviceDrafts.revision })
    .from(services)
    .leftJoin(serviceDrafts, eq(serviceDrafts.serviceId, services.id))
    .where(and(eq(services.providerId, providerId), isNull(services.retiredAt)));
  const out = new Map<string, Current>();
  for (const r of rows) {
    const doc = r.draftDoc ?? (await loadServiceDocument(db, r.id));
    out.set(r.slug, { entry: entryOfDocument(doc), doc, revision: r.revision ?? null });
  }
  return out;
}

export interface BulkPreview {
  provider: { id: string; slug: string };
  plan: BulkPlan;
  current: Map<string, Current>;
}

/** The plan for a provider's rows; throws 404 for an unknown provider and 403 for anyone but its editors and DFØ. */
export async function previewBulk(db: Executor, actor: Actor, providerSlug: string, rows: readonly BulkRow[], retireMissing: boolean, lang: Language): Promise<BulkPreview> {
  const t = messages[lang];
  const [p] = await db.select({ id: providers.id, slug: providers.slug, model: providers.model }).from(providers).where(eq(providers.slug, providerSlug));
  if (!p) throw new HttpProblem(404, t.errors.unknownProvider(providerSlug));
  if (!mayQuality(actor.principal, 'review', p)) throw new HttpProblem(403, t.access.notYourProvider);
  const current = await currentEntries(db, p.id);
  const areaRows = await db.select({ slug: areas.slug }).from(areas);
  const others = await db.select({ slug: services.slug }).from(services).where(ne(services.providerId, p.id));
  const plan = planBulk(rows, new Map([...current].map(([k, v]) => [k, v.entry])), { areas: new Set(areaRows.map((a) => a.slug)), otherProvidersSlugs: new Set(others.map((o) => o.slug)), defaultModel: p.model }, retireMissing);
  return { provider: { id: p.id, slug: p.slug }, plan, current };
}

/** A refused bulk file: the row errors (nothing was written). */
export class BulkRejected extends Error {
  constructor(readonly errors: BulkError[] | { line: number; message: string }[]) {
    super('bulk file rejected');
  }
}

/**
 * Applies the rows in one transaction: new services created (and published at once or left as drafts), changed
 * ones saved as drafts (and published), missing ones retired when asked. Any refusal rolls back everything and
 * names the row. Returns how many entries were written.
 */
export async function applyBulk(db: Executor, actor: Actor, providerSlug: string, rows: readonly BulkRow[], options: { retireMissing: boolean; mode: ApplyMode }, lang: Language): Promise<{ plan: BulkPlan; written: number }> {
  return db.transaction(async (tx) => {
    const { plan, current } = await previewBulk(tx, actor, providerSlug, rows, options.retireMissing, lang);
    if (plan.errors.length) throw new BulkRejected(plan.errors);
    const atRow = async (line: number, run: () => Promise<unknown>) => {
      try {
        await run();
      } catch (e) {
        if (e instanceof HttpProblem && e.status < 500 && e.status !== 403) {
          const fields = ((e.extra as { errors?: { field: string; message: string }[] }).errors ?? []).map((x) => `${x.field}: ${x.message}`);
          throw new BulkRejected([{ line, message: fields.length ? fields.join('; ') : e.detail }]);
        }
        throw e;
      }
    };
    for (const c of plan.create) {
      await atRow(c.line, async () => {
        await createService(tx, actor, providerSlug, documentOf(c.entry, undefined), lang);
        if (options.mode === 'publish') await publishDraft(tx, actor, c.entry.slug, lang);
      });
    }
    for (const c of plan.change) {
      const cur = current.get(c.entry.slug)!;
      await atRow(c.line, async () => {
        const saved = await saveDraft(tx, actor, c.entry.slug, documentOf(c.entry, cur.doc), cur.revision ?? undefined, lang);
        if (options.mode === 'publish') await publishDraft(tx, actor, c.entry.slug, lang, saved.revision);
      });
    }
    for (const r of plan.retire) await atRow(0, () => retireService(tx, actor, r.slug, lang));
    return { plan, written: plan.create.length + plan.change.length + plan.retire.length };
  });
}

/** A row error in words, in the user's language: "Rad 3, omrade: området «x» finnes ikke". */
export function describeBulkError(m: Messages, e: BulkError | { line: number; message: string }): string {
  if ('message' in e) return m.bulk.rowError(e.line, '', e.message).replace(', : ', ': ');
  const x = m.bulk.errors;
  const message = e.code === 'required' ? x.required : e.code === 'tooLong' ? x.tooLong : x[e.code](e.value);
  return m.bulk.rowError(e.line, e.column, message);
}
