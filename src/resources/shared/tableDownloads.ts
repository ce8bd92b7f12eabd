import type { FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import type { App } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { parseTableFile, sendTable } from '../../web/export/send.js';
import type { StatTable } from '../../web/export/table.js';
import { messages } from '../../web/i18n/index.js';
import { dropEmptyQueryValues } from './schema.js';

/** What a page's downloads are: its tables (every row, not only the page's) and how to name each file. */
export interface PageTables {
  tables: StatTable[];
  fileName: (table: StatTable) => string;
}

/**
 * Registers GET <path>/tabeller/<table>.csv|xlsx for a page that shows tables: the builder reads the page's own
 * query (the same filters) and checks the page's own access rules, so a download holds what the page would show
 * the same person, all rows. An unknown table or format is a 404 that names the tables there are. Downloads of
 * pages behind sign-in are `private, no-store`.
 */
export function registerTableDownloads(
  app: App,
  path: string,
  schema: { querystring: TSchema; params?: TSchema },
  build: (req: FastifyRequest) => Promise<PageTables>,
  options: { signedIn?: boolean } = {},
): void {
  const params = Type.Object({ ...((schema.params as { properties?: Record<string, TSchema> } | undefined)?.properties ?? {}), file: Type.String({ maxLength: 100 }) });
  app.get(`${path}/tabeller/:file`, { schema: { querystring: schema.querystring, params, hide: true }, preValidation: dropEmptyQueryValues }, async (req, reply) => {
    const t = messages[req.lang];
    const file = parseTableFile((req.params as { file: string }).file);
    if (!file) throw new HttpProblem(404, t.errors.unknownExportFormat);
    const { tables, fileName } = await build(req);
    const table = tables.find((x) => x.id === file.id);
    if (!table) throw new HttpProblem(404, `${t.errors.unknownTable(file.id)} (${tables.map((x) => x.id).join(', ')})`);
    if (options.signedIn) reply.header('cache-control', 'private, no-store');
    return sendTable(reply, table, file.format, req.lang, fileName(table));
  });
}
