import { Paragraph } from '@digdir/designsystemet-react';
import { Type } from 'typebox';
import { pickText } from '../../../domain/catalogue.js';
import type { App, AppDeps } from '../../../server/types.js';
import { HttpProblem } from '../../../server/problem.js';
import { JsonLink, queryString, Section } from '../../../web/components.js';
import { StatTableView } from '../../../web/export/StatTableView.js';
import { listMinistries } from '../../agencies/queries.js';
import { pageWindow } from '../../shared/present.js';
import { coverageChart } from '../charts.js';
import { populationFrom } from '../input.js';
import { adoptionReport, coverageReport, gapReport } from '../served.js';
import { PopulationPageQuery } from '../schema.js';
import { registerStatPage } from '../statPage.js';
import { askedAsOf, asOfOf } from '../asOf.js';
import { adoptionTable, agencyMatrixTable, coverageAreaTable } from '../tables.js';
import { PAGE_SIZE, EXPORT_ALL, contexts, tOf, StatsLayout, Figure, AgencyMatrix } from './shared.js';

/** One ministry's area: coverage, adoption, the gap. */
export function registerMinistryPage(app: App, deps: AppDeps): void {
  const { db } = deps.database;
  const th = deps.config.sizeThresholds;

  registerStatPage(app, '/statistikk/departementer/:orgnr', { querystring: Type.Object({ page: PopulationPageQuery.properties.page }), params: Type.Object({ orgnr: Type.String({ maxLength: 100 }) }) }, async (req, download, mode) => {
    const raw = (req.params as { orgnr: string }).orgnr;
    const page = (req.query as { page: number }).page;
    const today = asOfOf(req);
    const asked = { asOf: askedAsOf(req) };
    const f = await populationFrom(db, { ministry: raw }, req.lang).catch((e: unknown) => {
      if (e instanceof HttpProblem && e.status === 400 && /^\d{9}$/.test(raw.replace(/\s/g, ''))) throw new HttpProblem(404, tOf(req).stats.ministry.notMinistry(raw));
      throw e;
    });
    const ministryOrgnr = f.ministry!;
    const offset = mode === 'export' ? 0 : (page - 1) * PAGE_SIZE;
    const limit = mode === 'export' ? EXPORT_ALL : PAGE_SIZE;
    const [cov, gap, adoption, ministries] = await Promise.all([
      coverageReport(db, th, today, f, req.lang, { offset, limit }),
      gapReport(db, th, today, f, req.lang, { offset: 0, limit: mode === 'export' ? EXPORT_ALL : PAGE_SIZE }),
      adoptionReport(db, th, today, {}, 'users', req.lang, ministryOrgnr),
      listMinistries(db, req.lang),
    ]);
    const ministry = ministries.find((m) => m.orgnr === ministryOrgnr)!;
    const { pageCount, outOfRange } = pageWindow(cov.agencies.total, page, PAGE_SIZE);
    if (outOfRange) throw new HttpProblem(404, tOf(req).errors.notFound);
    const { t, c, chart } = contexts(req, today, tOf(req).stats.population(cov.population));
    const name = pickText(ministry.name, req.lang).text;
    const areaTable = coverageAreaTable(c, cov);
    const matrix = agencyMatrixTable(c, 'virksomheter', t.stats.coverage.agenciesTitle, cov.areas, cov.agencies.items);
    const used = adoption.rows.filter((r) => r.eligibleUsers > 0 || r.users > 0);
    // A ministry area's agencies may use hundreds of services at national scale: the page shows the most used.
    const adoptionTab = adoptionTable(c, mode === 'export' ? used : used.slice(0, PAGE_SIZE), 'tjenester', t.stats.ministry.adoptionTitle);
    const gapList = agencyMatrixTable(c, 'hull', t.stats.gap.tableTitle, gap.gapAreas, gap.agencies.items);
    const figure = coverageChart(chart, cov);
    return {
      name: `departement-${ministryOrgnr}`,
      asOf: today,
      tables: [areaTable, matrix, adoptionTab, gapList],
      page: () => (
        <StatsLayout title={t.stats.ministry.title(name)} lead={t.stats.ministry.lead} asOf={today} dayForm={download.path} crumbs={[{ label: t.stats.ministry.listTitle, href: download.path.replace(/\/\d{9}$/, '') + queryString(asked) }]}>
          <Paragraph>
            <a href={download.path.replace(/\/statistikk\/departementer\//, '/virksomheter/')}>{name}</a> · {t.stats.population(cov.population)}
          </Paragraph>
          <Figure chart={figure} table={areaTable} download={download} />
          <Section title={t.stats.coverage.agenciesTitle} id="agencies">
            <AgencyMatrix table={matrix} total={cov.agencies.total} page={page} pageCount={pageCount} download={download} filters={asked} />
          </Section>
          <Section title={t.stats.ministry.adoptionTitle} id="services">
            <StatTableView table={adoptionTab} download={download} captionHidden />
            {used.length > adoptionTab.rows.length ? <Paragraph data-size="sm">{t.stats.table.showing(adoptionTab.rows.length, used.length)}</Paragraph> : null}
          </Section>
          <Section title={t.stats.gap.tableTitle} id="gap">
            <Paragraph>{gap.exposed ? t.stats.gap.exposed(gap.exposed, gap.population) : t.stats.gap.none}</Paragraph>
            {gap.exposed ? <StatTableView table={gapList} download={download} captionHidden /> : null}
            {gap.exposed > gapList.rows.length ? <Paragraph data-size="sm">{t.stats.table.showing(gapList.rows.length, gap.exposed)}</Paragraph> : null}
          </Section>
          <JsonLink href={`/api/v1/stats/coverage${queryString({ ministry: ministryOrgnr, ...asked })}`} />
        </StatsLayout>
      ),
    };
  });
}
