import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Static, type TSchema, Type } from 'typebox';
import { MAX_FILE_BYTES } from '../../imports/usage/parse.js';
import { requireProviderActor } from '../../server/actor.js';
import type { App } from '../../server/types.js';
import { EXPORT_FORMATS, type ExportFormat, sendTable } from '../../web/export/send.js';
import type { StatTable } from '../../web/export/table.js';
import { XLSX_TYPE } from '../../web/export/xlsx.js';
import { providerUpload } from './providerUpload.js';
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

/** The file someone acting for the provider sent, with the actor (providerUpload). */
type ProviderUpload = Awaited<ReturnType<typeof providerUpload>>;

/** The provider's editors (or DFØ) downloading: the actor and the provider (requireProviderActor). */
type ProviderEditor = Awaited<ReturnType<typeof requireProviderActor>>;

/** Who may download the file, and what its table is made from. */
type DownloadAccess =
  /** Anyone: the table finds the provider itself (404 when there is none). */
  | { signedIn: false; table: (req: ProviderRequest) => Promise<StatTable> }
  /** The provider's editors and DFØ: 401, 404 and 403 come first (requireProviderActor), then the table, for that actor. */
  | { signedIn: true; table: (req: ProviderRequest, editor: ProviderEditor) => Promise<StatTable> };

/**
 * A provider's file round trip in the API (the catalogue, the customer list): the file sent in, previewed or
 * applied (POST /providers/:slug/<upload.path>, multipart or the raw `upload.rawTypes`; 401, 404, 403 and 400 for
 * no file come before `handle`, as for every provider upload), and the provider's data in the same columns as a
 * download in each export format (GET /providers/:slug/<download.name>.csv|xlsx).
 */
export async function registerProviderFileApi<Q extends TSchema>(
  api: App,
  spec: {
    upload: RouteDoc & {
      path: string;
      /** The content types the file may also come as, raw, besides multipart/form-data. */
      rawTypes: readonly string[];
      querystring: Q;
      /** Schema entries after the querystring (the body's documentation, the responses). */
      rest: Record<string, unknown>;
      handle: (req: ProviderRequest<Q>, reply: FastifyReply, upload: ProviderUpload) => Promise<unknown>;
    };
    download: Omit<RouteDoc, 'summary'> &
      DownloadAccess & {
        name: string;
        summary: (format: ExportFormat) => string;
        fileName: (slug: string) => string;
      };
  },
): Promise<void> {
  const { upload, download } = spec;
  const handle = async (req: ProviderRequest<Q>, reply: FastifyReply) => upload.handle(req, reply, await providerUpload(req, req.params.slug));
  const tableFor = async (req: ProviderRequest) => (download.signedIn ? download.table(req, await requireProviderActor(req, req.params.slug)) : download.table(req));
  await withFileUploads(
    api,
    (app) => {
      app.post(
        `/providers/:slug/${upload.path}`,
        {
          bodyLimit: 4 * MAX_FILE_BYTES,
          schema: { tags: upload.tags, summary: upload.summary, security, description: upload.description, params: ProviderParams, querystring: upload.querystring, ...upload.rest },
        },
        handle as never,
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
          async (req, reply) => sendTable(reply, await tableFor(req as ProviderRequest), format, req.lang, download.fileName(req.params.slug)),
        );
      }
    },
    upload.rawTypes,
  );
}
