import { and, asc, eq, inArray } from 'drizzle-orm';
import { Type } from 'typebox';
import { pickText } from '../../domain/catalogue.js';
import type { Executor } from '../../db/database.js';
import { agencies, providers, services, subscriptions, tiers } from '../../db/schema/index.js';
import { applyUsageImport, describeFileProblem, presentPlan, previewUsageImport, UsageImportError } from '../../imports/usage/usageImport.js';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem, problemTitle } from '../../server/problem.js';
import { registerProviderFileApi } from '../shared/providerFiles.js';
import { problem } from '../shared/schema.js';
import { messages } from '../../web/i18n/index.js';
import { type StatTable, tableOf } from '../../web/export/table.js';
import { XLSX_TYPE } from '../../web/export/xlsx.js';
import { activeSubscription } from '../services/queries.js';

/** A provider's current customers in the import's columns (their headers are the import's, in every language). */
export async function customerTable(db: Executor, providerId: string): Promise<StatTable> {
  const rows = await db
    .select({ orgnr: agencies.orgnr, name: agencies.name, service: services.slug, tier: tiers.slug, from: subscriptions.startedOn })
    .from(subscriptions)
    .innerJoin(services, eq(services.id, subscriptions.serviceId))
    .innerJoin(agencies, eq(agencies.orgnr, subscriptions.agencyOrgnr))
    .leftJoin(tiers, eq(tiers.id, subscriptions.tierId))
    .where(and(eq(services.providerId, providerId), activeSubscription()))
    .orderBy(asc(services.slug), asc(agencies.orgnr));
  return tableOf(
    { id: 'kunder', title: 'Kunder' },
    [
      { key: 'orgnr', label: 'organisasjonsnummer', type: 'text', value: (r) => r.orgnr },
      { key: 'name', label: 'navn', type: 'text', value: (r) => pickText(r.name, 'nb').text },
      { key: 'service', label: 'tjeneste', type: 'text', value: (r) => r.service },
      { key: 'tier', label: 'tjenestemodell', type: 'text', value: (r) => r.tier },
      { key: 'from', label: 'fra', type: 'date', value: (r) => r.from },
      { key: 'to', label: 'til', type: 'date', value: () => null },
    ],
    rows,
  );
}

export async function registerUsageImportApi(api: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  await registerProviderFileApi(api, {
    upload: {
      path: 'usage-imports',
      rawTypes: ['text/csv', 'text/plain', 'application/octet-stream', XLSX_TYPE],
      tags: ['imports'],
      summary: "Preview or apply a provider's customer list (CSV or XLSX)",
      description:
        'The body is the file: multipart/form-data with a field "file", or the raw file as text/csv or XLSX. Columns: organisasjonsnummer; tjeneste (service slug); tjenestemodell (tier slug); fra (from date); til (to date, optional). ' +
        'dryRun=true (the default) returns the plan: rows to add, change (tier change = the open row ends and a new one starts), end (customers of the provider\'s services missing from the file; scope=file limits this to the services in the file, scope=all to all the provider\'s services) and row errors with line numbers. ' +
        'dryRun=false applies it all in one transaction, or nothing when there is any error (422 with the plan). Requires a signed-in user acting for the provider.',
      querystring: Type.Object({
        dryRun: Type.Boolean({ default: true }),
        scope: Type.Optional(Type.Union([Type.Literal('file'), Type.Literal('all')], { default: 'file' })),
        fileName: Type.Optional(Type.String({ maxLength: 200 })),
        lang: Type.Optional(Type.Union([Type.Literal('nb'), Type.Literal('nn'), Type.Literal('en')])),
      }),
      rest: {
        // Documented, not validated here: the handler reads the file (any schema below accepts any body).
        body: {
          content: {
            'multipart/form-data': { schema: { description: 'A form with the field "file" (CSV or XLSX, at most 2 MB).' } },
            'text/csv': { schema: { description: 'The CSV file: UTF-8 (BOM or not), UTF-16 or Windows-1252; separator ; , or tab.' } },
            [XLSX_TYPE]: { schema: { description: 'The XLSX file (first sheet).' } },
          },
        },
        response: {
          200: { description: 'The plan (dry run)', type: 'object', additionalProperties: true },
          201: { description: 'Applied', type: 'object', additionalProperties: true },
          400: problem,
          401: problem,
          403: problem,
          404: problem,
          413: problem,
          415: problem,
          422: { description: 'The file cannot be read, or has row errors (the plan is included)', type: 'object', additionalProperties: true },
        },
      },
      handle: async (req, reply, { actor, file }) => {
        const t = messages[req.lang];
        const options = { providerSlug: req.params.slug, file: file.bytes, fileName: req.query.fileName ?? file.name, scope: req.query.scope };
        try {
          if (req.query.dryRun) {
            return reply.code(200).send(presentPlan(await previewUsageImport(db, options), req.lang));
          }
          const result = await applyUsageImport(db, actor, options);
          return reply.code(201).send({ runId: result.runId, ...presentPlan(result.plan, req.lang) });
        } catch (e) {
          if (!(e instanceof UsageImportError)) throw e;
          if (e.code === 'unknownProvider') throw new HttpProblem(404, t.errors.unknownProvider(req.params.slug));
          if (e.code === 'forbidden') throw new HttpProblem(403, t.usageImport.forbidden);
          if (e.code === 'file') throw new HttpProblem(422, describeFileProblem(e.fileProblem!, req.lang));
          return reply
            .code(422)
            .type('application/problem+json; charset=utf-8')
            .send({ type: 'about:blank', title: problemTitle(422, req.lang), status: 422, detail: t.usageImport.fixErrors, ...presentPlan(e.plan!, req.lang) });
        }
      },
    },
    download: {
      name: 'customers',
      tags: ['imports'],
      summary: (format) => `A provider's current customers as ${format.toUpperCase()} (the import's columns)`,
      description: 'Download, edit and upload again. Text cells that a spreadsheet would read as a formula are escaped.',
      signedIn: false,
      table: async (req) => {
        const [p] = await db.select({ id: providers.id }).from(providers).where(inArray(providers.slug, [req.params.slug]));
        if (!p) throw new HttpProblem(404, messages[req.lang].errors.unknownProvider(req.params.slug));
        return customerTable(db, p.id);
      },
      fileName: (slug) => `kunder-${slug}`,
    },
  });
}
