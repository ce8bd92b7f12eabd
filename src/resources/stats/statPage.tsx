import type { DataDomain } from '../../db/readCache.js';
import type { FastifyRequest } from 'fastify';
import type { ReactElement } from 'react';
import { Type, type TSchema } from 'typebox';
import type { App } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import type { DownloadBase } from '../../web/export/StatTableView.js';
import { parseTableFile, sendTable } from '../../web/export/send.js';
import { fileSlug, type StatTable } from '../../web/export/table.js';
import { messages } from '../../web/i18n/index.js';
import { sendPage } from '../../web/render.js';
import { dropEmptyQueryValues } from '../shared/schema.js';
import { AsOfProperty } from './asOf.js';

/** What a statistics page builds: its tables (for the page and the downloads) and the page itself. */
export interface StatView {
  /** For download file names: "dekning". */
  name: string;
  asOf: string;
  tables: StatTable[];
  page: () => ReactElement;
}

/** `export` builds every row of paged tables (a download has all agencies, the page 50 at a time). */
export type StatBuilder = (req: FastifyRequest, download: DownloadBase, mode: 'page' | 'export') => Promise<StatView>;

function downloadBase(req: FastifyRequest): DownloadBase {
  const [path, query] = req.url.split('?') as [string, string | undefined];
  return { path: path.replace(/\/+$/, ''), query: query ? `?${query}` : '' };
}

/**
 * Registers a statistics page and its downloads: GET <path> renders the page; GET <path>/tabeller/<table>.csv|xlsx
 * sends one of its tables with the same filters (all rows, not only the page's). An unknown table or format is a
 * 404 that says which tables exist.
 */
/**
 * `publicPage`: the page reads only what the `catalogue` data version covers (the catalogue, agencies, the usage
 * register), or the versions listed, and today's date, so the rendered page (SVG charts: 0.3–0.8 s of CPU) can be a
 * whole-page cache entry for anonymous readers (src/server/pageCache.ts). Not for pages that depend on the time.
 */
export function registerStatPage(app: App, path: string, given: { querystring: TSchema; params?: TSchema }, build: StatBuilder, options: { publicPage?: boolean | DataDomain[] } = {}): void {
  // Every statistics page answers for a past day too (`?asOf=YYYY-MM-DD`, read by the builder with asOfOf(req)).
  const schema = { ...given, querystring: Type.Object({ ...((given.querystring as { properties?: Record<string, TSchema> }).properties ?? {}), asOf: AsOfProperty }) };
  app.get(path, { config: { publicPage: options.publicPage ?? false }, schema: { ...schema, hide: true }, preValidation: dropEmptyQueryValues }, async (req, reply) => {
    const view = await build(req, downloadBase(req), 'page');
    return sendPage(req, reply, view.page());
  });
  const params = Type.Object({ ...((schema.params as { properties?: Record<string, TSchema> } | undefined)?.properties ?? {}), file: Type.String({ maxLength: 100 }) });
  app.get(`${path}/tabeller/:file`, { schema: { querystring: schema.querystring, params, hide: true }, preValidation: dropEmptyQueryValues }, async (req, reply) => {
    const t = messages[req.lang];
    const file = parseTableFile((req.params as { file: string }).file);
    if (!file) throw new HttpProblem(404, t.errors.unknownExportFormat);
    const { id, format } = file;
    const base = downloadBase(req);
    base.path = base.path.replace(/\/tabeller\/[^/]*$/, '');
    const view = await build(req, base, 'export');
    const table = view.tables.find((x) => x.id === id);
    if (!table) throw new HttpProblem(404, `${t.errors.unknownTable(id)} (${view.tables.map((x) => x.id).join(', ')})`);
    return sendTable(reply, table, format, req.lang, `${view.name}-${fileSlug(table.id)}-${view.asOf}`);
  });
}
