import { Type } from 'typebox';
import { formatOrgnr } from '../../../domain/orgnr.js';
import type { App, AppDeps } from '../../../server/types.js';
import { StatTableView } from '../../../web/export/StatTableView.js';
import type { StatTable } from '../../../web/export/table.js';
import { listMinistries } from '../../agencies/queries.js';
import { askedAsOf, asOfOf } from '../asOf.js';
import { queryString } from '../../../web/components.js';
import { registerStatPage } from '../statPage.js';
import { contexts, StatsLayout } from './shared.js';

/** The list of ministries, each linking to its area. */
export function registerMinistriesPage(app: App, deps: AppDeps): void {
  const { db } = deps.database;

  registerStatPage(app, '/statistikk/departementer', { querystring: Type.Object({}) }, async (req, download) => {
    const today = asOfOf(req);
    const asked = queryString({ asOf: askedAsOf(req) });
    const ministries = await listMinistries(db, req.lang);
    const { t, c } = contexts(req, today);
    const table: StatTable = {
      id: 'departementer',
      title: t.stats.ministry.listTitle,
      columns: [
        { key: 'ministry', label: t.stats.table.ministry, type: 'text' },
        { key: 'orgnr', label: t.stats.table.orgnr, type: 'text' },
      ],
      rows: ministries.map((m) => [{ text: m.name, href: `${download.path}/${m.orgnr}${asked}` }, formatOrgnr(m.orgnr)]),
      note: c.note,
    };
    return {
      name: 'departementer',
      asOf: today,
      tables: [table],
      page: () => (
        <StatsLayout title={t.stats.ministry.listTitle} lead={t.stats.ministry.lead} asOf={today} dayForm={download.path}>
          <StatTableView table={table} download={download} captionHidden />
        </StatsLayout>
      ),
    };
  });
}
