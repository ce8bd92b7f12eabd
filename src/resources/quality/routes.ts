import { Type } from 'typebox';
import type { BulkPlan } from '../../domain/bulkCatalogue.js';
import { BULK_COLUMNS, entryCells } from '../../domain/bulkCatalogue.js';
import type { Language } from '../../domain/catalogue.js';
import { pickText } from '../../domain/catalogue.js';
import { describeFileProblem } from '../../imports/usage/usageImport.js';
import { FileProblem, readCatalogueFile } from '../../imports/catalogue/read.js';
import type { actorOf } from '../../server/actor.js';
import { HttpProblem, problemTitle } from '../../server/problem.js';
import type { App, AppDeps } from '../../server/types.js';
import { type StatTable, tableOf } from '../../web/export/table.js';
import { XLSX_TYPE } from '../../web/export/xlsx.js';
import { messages } from '../../web/i18n/index.js';
import { registerProviderFileApi } from '../shared/providerFiles.js';
import { problem } from '../shared/schema.js';
import { applyBulk, BulkRejected, describeBulkError, previewBulk } from './bulk.js';

export const TURTLE_TYPE = 'text/turtle';

/** A plan as JSON for the API and the page, with messages in the user's language. */
export function presentBulk(plan: BulkPlan, lang: Language, rejected: BulkRejected | undefined = undefined) {
  const m = messages[lang];
  const errors = rejected ? rejected.errors : plan.errors;
  return {
    counts: { create: plan.create.length, change: plan.change.length, retire: plan.retire.length, unchanged: plan.unchanged.length, errors: errors.length },
    create: plan.create.map((c) => ({ line: c.line, slug: c.entry.slug, name: pickText(c.entry.name, lang).text })),
    change: plan.change.map((c) => ({ line: c.line, slug: c.entry.slug, name: pickText(c.entry.name, lang).text, fields: c.fields })),
    retire: plan.retire.map((r) => ({ slug: r.slug, name: pickText(r.name, lang).text })),
    errors: errors.map((e) => ({ line: e.line, ...('column' in e ? { column: e.column } : {}), message: describeBulkError(m, e) })),
  };
}
export type PresentedBulk = ReturnType<typeof presentBulk>;

/** The provider's entries (drafts where there are any) in the upload's columns: download, edit, upload. */
export async function catalogueTable(db: AppDeps['database']['db'], actor: ReturnType<typeof actorOf>, providerSlug: string, lang: Language): Promise<StatTable> {
  const { current } = await previewBulk(db, actor, providerSlug, [], false, lang);
  const entries = [...current.values()].map((c) => entryCells(c.entry)).sort((a, b) => a.tjeneste.localeCompare(b.tjeneste));
  return tableOf(
    { id: 'tjenester', title: messages[lang].bulk.tableTitle, note: messages[lang].bulk.tableNote },
    BULK_COLUMNS.map((c) => ({ key: c.key, label: c.key, type: 'text' as const, value: (r: Record<string, string>) => r[c.key] || null })),
    entries,
  );
}

/** Reads the uploaded file as rows; a file that cannot be read is a 422 saying why. */
export async function rowsOf(file: { bytes: Buffer; name: string | null }, contentType: string | undefined, lang: Language) {
  try {
    return await readCatalogueFile(file.bytes, { fileName: file.name, contentType: contentType ?? null });
  } catch (e) {
    if (e instanceof FileProblem) throw new HttpProblem(422, describeFileProblem(e, lang));
    throw e;
  }
}

export async function registerQualityApi(api: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  await registerProviderFileApi(api, {
    upload: {
      path: 'catalogue-imports',
      rawTypes: ['text/csv', TURTLE_TYPE, XLSX_TYPE, 'application/octet-stream'],
      tags: ['services'],
      summary: "Preview or apply a provider's catalogue (CSV, XLSX or CPSV-AP-NO Turtle)",
      description:
        'The body is the file: multipart/form-data with a field "file", or the raw file (text/csv, XLSX, text/turtle). CSV/XLSX columns are those of GET /providers/{slug}/catalogue.csv. ' +
        'dryRun=true (the default) returns the plan: entries to create, change (with the fields) and retire (with retireMissing=true, the provider\'s entries missing from the file), and row errors naming the row and column. ' +
        'dryRun=false applies it in one transaction through drafts (mode=drafts) or publishes at once (mode=publish); any error applies nothing (422 with the errors).',
      querystring: Type.Object({
        dryRun: Type.Boolean({ default: true }),
        mode: Type.Union([Type.Literal('drafts'), Type.Literal('publish')], { default: 'drafts' }),
        retireMissing: Type.Boolean({ default: false }),
        fileName: Type.Optional(Type.String({ maxLength: 200 })),
      }),
      rest: {
        response: {
          ...Object.fromEntries([400, 401, 403, 404, 413].map((status) => [status, problem])),
          ...Object.fromEntries(
            ([
              [200, 'The plan (dry run)'],
              [201, 'Applied'],
              [422, 'The file cannot be read, or has row errors'],
            ] as const).map(([status, description]) => [status, { description, type: 'object', additionalProperties: true }]),
          ),
        },
      },
      handle: async (req, reply, { actor, file }) => {
        const t = messages[req.lang];
        const { rows, format } = await rowsOf({ bytes: file.bytes, name: req.query.fileName ?? file.name }, req.headers['content-type'], req.lang);
        const fail = (plan: BulkPlan, rejected?: BulkRejected) =>
          reply
            .code(422)
            .type('application/problem+json; charset=utf-8')
            .send({ type: 'about:blank', title: problemTitle(422, req.lang), status: 422, detail: t.bulk.errorsHeading, format, ...presentBulk(plan, req.lang, rejected) });
        if (req.query.dryRun) {
          const { plan } = await previewBulk(db, actor, req.params.slug, rows, req.query.retireMissing, req.lang);
          return plan.errors.length ? fail(plan) : reply.code(200).send({ format, ...presentBulk(plan, req.lang) });
        }
        try {
          const { plan, written } = await applyBulk(db, actor, req.params.slug, rows, { retireMissing: req.query.retireMissing, mode: req.query.mode }, req.lang);
          return reply.code(201).send({ format, written, mode: req.query.mode, ...presentBulk(plan, req.lang) });
        } catch (e) {
          if (!(e instanceof BulkRejected)) throw e;
          const { plan } = await previewBulk(db, actor, req.params.slug, rows, req.query.retireMissing, req.lang);
          return fail(plan, e);
        }
      },
    },
    download: {
      name: 'catalogue',
      tags: ['services'],
      summary: (format) => `A provider's entries as ${format.toUpperCase()} (the bulk upload's columns)`,
      description: "Drafts where there are any, else the published version; retired entries left out. For the provider's editors and DFØ.",
      signedIn: true,
      table: (req, { actor }) => catalogueTable(db, actor, req.params.slug, req.lang),
      fileName: (slug) => `katalog-${slug}`,
    },
  });
}
