import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Static, type TSchema, Type } from 'typebox';
import { MAX_FILE_BYTES } from '../../imports/usage/parse.js';
import type { App } from '../../server/types.js';
import { EXPORT_FORMATS, type ExportFormat, sendTable } from '../../web/export/send.js';
import type { StatTable } from '../../web/export/table.js';
import { XLSX_TYPE } from '../../web/export/xlsx.js';
import { problem, security } from './schema.js';
import { withFileUploads } from './uploads.js';

export const ProviderParams = Type.Object({ slug: Type.String({ maxLength: 120 }) });

type ProviderRequest<Q extends TSchema = TSchema> = FastifyRequest<{ Params: Static<typeof ProviderParams>; Querystring: Static<Q> }>;

/** How the OpenAPI document describes a route: tags, summary, description (and whether it needs a session). */
interface RouteDoc {
  tags: string[];
  summary: string;
  description: string;
}

/**
 * A provider's file round trip in the API (the catalogue, the customer list): the file sent in, previewed or
 * applied (POST /providers/:slug/<upload.path>), and the provider's data in the same columns as a download in
 * each export format (GET /providers/:slug/<download.name>.csv|xlsx), in one scope that takes uploads of the raw
 * `rawTypes` besides multipart.
 */
export async function registerProviderFileApi<Q extends TSchema>(
  api: App,
  spec: {
    upload: RouteDoc & {
      path: string;
      querystring: Q;
      /** Schema entries after the querystring (the body's documentation, the responses). */
      rest: Record<string, unknown>;
      handle: (req: ProviderRequest<Q>, reply: FastifyReply) => Promise<unknown>;
    };
    download: Omit<RouteDoc, 'summary'> & {
      name: string;
      summary: (format: ExportFormat) => string;
      /** Problems the download answers with besides 404: a signed-in route also 401 and 403. */
      signedIn: boolean;
      table: (req: ProviderRequest) => Promise<StatTable>;
      fileName: (slug: string) => string;
    };
    rawTypes: readonly string[];
  },
): Promise<void> {
  const { upload, download } = spec;
  await withFileUploads(
    api,
    (app) => {
      app.post(
        `/providers/:slug/${upload.path}`,
        {
          bodyLimit: 4 * MAX_FILE_BYTES,
          schema: { tags: upload.tags, summary: upload.summary, security, description: upload.description, params: ProviderParams, querystring: upload.querystring, ...upload.rest },
        },
        upload.handle as never,
      );
      for (const format of EXPORT_FORMATS) {
        const file = { 200: { description: 'The file', content: { [format === 'csv' ? 'text/csv' : XLSX_TYPE]: { schema: { type: 'string' } } } } };
        app.get(
          `/providers/:slug/${download.name}.${format}`,
          {
            schema: {
              tags: download.tags,
              summary: download.summary(format),
              ...(download.signedIn ? { security } : {}),
              description: download.description,
              params: ProviderParams,
              response: download.signedIn ? { ...file, 401: problem, 403: problem, 404: problem } : { ...file, 404: problem },
            },
          },
          async (req, reply) => sendTable(reply, await download.table(req as ProviderRequest), format, req.lang, download.fileName(req.params.slug)),
        );
      }
    },
    spec.rawTypes,
  );
}
