import { Paragraph } from '@digdir/designsystemet-react';
import { pickText } from '../../../domain/catalogue.js';
import type { App, AppDeps } from '../../../server/types.js';
import { HttpProblem } from '../../../server/problem.js';
import { JsonLink, Pager, queryString, Section, SelectField } from '../../../web/components.js';
import { Text } from '../../../web/context.js';
import { StatTableView } from '../../../web/export/StatTableView.js';
import { pageWindow } from '../../shared/present.js';
import { sizeChart, tierChart } from '../charts.js';
import { knownSlug } from '../input.js';
import { listAreaRows, listServiceProviders } from '../queries.js';
import { tierRows } from '../reports.js';
import { adoptionReport, tierCounts } from '../served.js';
import { AdoptionPageQuery } from '../schema.js';
import { registerStatPage } from '../statPage.js';
import { askedAsOf, asOfOf } from '../asOf.js';
import { adoptionTable, sizeSplitTable, tierTable } from '../tables.js';
import { PAGE_SIZE, contexts, tOf, StatsLayout, Figure, FilterForm } from './shared.js';

/** Adoption: how many eligible agencies use each service, with its tiers. */
export function registerAdoptionPage(app: App, deps: AppDeps): void {
  const { db } = deps.database;
  const th = deps.config.sizeThresholds;

  registerStatPage(app, '/statistikk/bruk', { querystring: AdoptionPageQuery }, async (req, download, mode) => {
    const q = req.query as AdoptionPageQuery;
    const today = asOfOf(req);
    const [area, provider] = await Promise.all([knownSlug(db, 'areas', 'area', q.area, req.lang), knownSlug(db, 'providers', 'provider', q.provider, req.lang)]);
    const sort = q.sort ?? 'users';
    // The tier counts of the same services (those of the filter) at the same time as the adoption, not after it (one
    // query less in sequence: ~80 ms of an uncached page at 10 ×), then shown in the adoption's order. The adoption
    // report reads the services once; the filter's providers come from a query of their own, not from every service.
    const [r, counts, areas, providers] = await Promise.all([
      adoptionReport(db, th, today, { area, provider }, sort, req.lang),
      tierCounts(db, today, { area, provider }),
      listAreaRows(db),
      listServiceProviders(db),
    ]);
    const { pageCount, outOfRange, offset } = pageWindow(r.rows.length, q.page, PAGE_SIZE);
    if (outOfRange) throw new HttpProblem(404, tOf(req).errors.notFound);
    const rows = mode === 'export' ? r.rows : r.rows.slice(offset, offset + PAGE_SIZE);
    const { t, c, chart } = contexts(req, today);
    const table = adoptionTable(c, rows);
    const tiers = tierRows(
      r.rows.map((x) => x.service),
      counts,
    );
    const tierTab = tierTable(c, tiers);
    const top = r.rows.find((x) => x.share !== null);
    const topChart = top ? sizeChart(chart, top, 'bruk-storrelse') : undefined;
    const topTable = top ? sizeSplitTable(c, top) : undefined;
    const tierFigure = tiers.length ? tierChart(chart, tiers) : undefined;
    const filters = { area, provider, sort: q.sort, asOf: askedAsOf(req) };
    const lang = req.lang;
    return {
      name: 'bruk',
      asOf: today,
      tables: [table, tierTab, ...(topTable ? [topTable] : [])],
      page: () => (
        <StatsLayout title={t.stats.pages.adoption.title} lead={t.stats.pages.adoption.lead} asOf={today}>
          <FilterForm action={download.path}>
              <SelectField id="f-area" name="area" label={t.stats.table.area} value={area ?? ''} options={[{ value: '', label: t.stats.adoption.allAreas }, ...areas.map((a) => ({ value: a.slug, label: pickText(a.name, lang).text }))]} />
              <SelectField
                id="f-provider"
                name="provider"
                label={t.stats.table.provider}
                value={provider ?? ''}
                options={[{ value: '', label: t.stats.adoption.allProviders }, ...providers.map((p) => ({ value: p.slug, label: p.shortName ?? pickText(p.name, lang).text })).sort((a, b) => a.label.localeCompare(b.label, 'nb'))]}
              />
              <SelectField
                id="f-sort"
                name="sort"
                label={t.stats.adoption.sort}
                value={sort}
                options={[
                  { value: 'users', label: t.stats.adoption.sortUsers },
                  { value: 'share', label: t.stats.adoption.sortShare },
                  { value: 'name', label: t.stats.adoption.sortName },
                ]}
              />
          </FilterForm>
          <Paragraph data-size="sm">{t.stats.adoption.eligibilityNote}</Paragraph>
          {topChart && topTable ? <Figure chart={topChart} table={topTable} download={download} /> : null}
          <Section title={t.stats.adoption.tableTitle} id="services">
            {r.rows.length === 0 ? <Paragraph>{t.stats.adoption.noServices}</Paragraph> : <StatTableView table={table} download={download} captionHidden />}
            <Pager page={q.page} pageCount={pageCount} hrefFor={(p) => download.path + queryString({ ...filters, page: p > 1 ? p : undefined })} />
          </Section>
          {tierFigure ? (
            <Section title={t.stats.adoption.tiersTitle} id="tiers">
              <Figure chart={tierFigure} table={tierTab} download={download} />
              {tiers
                .filter((x) => x.notStated > 0)
                .map((x) => (
                  <Paragraph key={x.service.slug} data-size="sm" className="muted">
                    <Text value={x.service.name} />: {t.stats.adoption.tierNotStated(x.notStated)}
                  </Paragraph>
                ))}
            </Section>
          ) : null}
          <JsonLink href={`/api/v1/stats/adoption${queryString(filters)}`} />
        </StatsLayout>
      ),
    };
  }, { publicPage: true });
}
