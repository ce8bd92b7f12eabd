import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import { Type } from 'typebox';
import { type LocalizedText, pickText } from '../../domain/catalogue.js';
import { formatOrgnr } from '../../domain/orgnr.js';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { AreaGroup, Breadcrumbs, JsonLink, PageHeader, Section, ServiceLinks } from '../../web/components.js';
import { Text, usePage, useHref } from '../../web/context.js';
import { StatDownloads, StatTableView } from '../../web/export/StatTableView.js';
import type { StatTable } from '../../web/export/table.js';
import { formatters, messages } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { requireOrgnr } from '../agencies/orgnrInput.js';
import { OrgnrParams } from '../agencies/schema.js';
import type { Recommendation } from '../stats/reports.js';
import { agencyCoverage, recommendationsFor } from '../stats/served.js';
import { osloToday } from '../../domain/osloTime.js';
import { registerStatPage } from '../stats/statPage.js';
import { coverageCellText, recommendationTable } from '../stats/tables.js';
import { byArea, ministryNameOf, reasonText, similarText } from './present.js';
import { loadRecommendationAgency } from './queries.js';
import { askableServices, AskForAccessSection } from '../accessRequests/pages.js';
import { mayAskAccess } from '../accessRequests/policy.js';
import { ServiceLink } from '../../web/components/links.js';

/** Recommendations shown per area before the rest is folded away (in a <details>, which needs no JavaScript). */
const SHOWN_PER_AREA = 5;

export async function registerRecommendationPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const th = deps.config.sizeThresholds;

  registerStatPage(app, '/virksomheter/:orgnr/hva-kan-vi-bruke', { querystring: Type.Object({ tilgang: Type.Optional(Type.String({ maxLength: 20 })) }), params: OrgnrParams }, async (req, download) => {
    const t = messages[req.lang];
    const fmt = formatters(req.lang);
    const orgnr = requireOrgnr((req.params as { orgnr: string }).orgnr, req.lang, 'orgnr');
    const agency = await loadRecommendationAgency(db, orgnr, th);
    if (!agency) throw new HttpProblem(404, t.errors.unknownAgency(formatOrgnr(orgnr)));
    const today = osloToday();
    const [r, coverage, askable] = await Promise.all([recommendationsFor(db, th, today, agency, req.lang), agencyCoverage(db, orgnr, th, today), askableServices(db, orgnr)]);
    const ctx = { sizeClass: r.sizeClass, ministryName: ministryNameOf(agency.ministry, req.lang) };
    const why = (x: Recommendation) => x.reasons.map((reason) => reasonText(t, reason, ctx)).join(' ');
    const note = t.stats.asOf(fmt.date(today));
    const table = recommendationTable({ t, lang: req.lang, note }, r.recommendations, why);
    const coverageTable: StatTable = {
      id: 'dekning',
      title: t.stats.recommendations.coverageTitle,
      columns: [
        { key: 'area', label: t.stats.table.area, type: 'text' },
        { key: 'coverage', label: t.stats.pages.coverage.title, type: 'text' },
      ],
      rows: coverage.map((c) => [{ text: c.area.name, href: `${download.path.replace(/\/virksomheter\/.*$/, '')}/omrader/${c.area.slug}` }, coverageCellText(t, c.coverage)]),
      note,
    };
    const name = pickText(agency.name, req.lang).text;
    return {
      name: `hva-kan-vi-bruke-${orgnr}`,
      asOf: today,
      tables: [table, coverageTable],
      page: () => (
        <RecommendationPage
          orgnr={orgnr}
          name={agency.name}
          plainName={name}
          ministry={agency.ministry}
          deleted={!!agency.deletedOn}
          report={r}
          similar={similarText(t, ctx)}
          why={(x) => x.reasons.map((reason) => reasonText(t, reason, ctx))}
          table={table}
          coverageTable={coverageTable}
          download={download}
        >
          <Section title={t.accessRequest.sectionTitle} id="ask-for-access">
            <AskForAccessSection orgnr={orgnr} items={askable} canAsk={mayAskAccess(req.principal, orgnr)} sent={(req.query as { tilgang?: string }).tilgang === 'sendt'} />
          </Section>
        </RecommendationPage>
      ),
    };
  });
}

function RecommendationPage(p: {
  orgnr: string;
  name: LocalizedText;
  plainName: string;
  ministry: { orgnr: string; name: LocalizedText } | null;
  deleted: boolean;
  report: Awaited<ReturnType<typeof recommendationsFor>>;
  similar: string;
  why: (r: Recommendation) => string[];
  table: StatTable;
  coverageTable: StatTable;
  download: { path: string; query: string };
  /** The "ask for access" section (src/resources/accessRequests/pages.tsx). */
  children?: import('react').ReactNode;
}) {
  const { t, fmt } = usePage();
  const href = useHref();
  const r = p.report;
  const groups = byArea(r.recommendations);
  const title = t.stats.recommendations.title;
  return (
    <Layout title={`${title} – ${p.plainName}`} section="agencies">
      <Breadcrumbs
        items={[
          { label: t.nav.home, href: href('/') },
          { label: t.agency.title, href: href('/virksomheter') },
          { label: p.plainName, href: href(`/virksomheter/${p.orgnr}`) },
          { label: title },
        ]}
      />
      <PageHeader title={title} lead={t.stats.recommendations.lead(p.plainName)}>
        <Paragraph data-size="sm" className="muted">
          {t.stats.asOf(fmt.date(r.asOf))} {t.stats.recommendations.uses(r.usesCount)} {p.similar}
        </Paragraph>
      </PageHeader>
      {p.deleted ? (
        <Alert data-color="warning" className="page-alert">
          <Paragraph>{t.stats.recommendations.deleted}</Paragraph>
        </Alert>
      ) : null}
      <Section title={t.stats.recommendations.byAreaTitle} id="suggestions">
        {groups.length === 0 && !p.deleted ? <Paragraph>{t.stats.recommendations.none}</Paragraph> : null}
        {groups.map((g) => (
          <AreaGroup key={g.key} area={g.head}>
            <RecommendationList items={g.items.slice(0, SHOWN_PER_AREA)} why={p.why} />
            {g.items.length > SHOWN_PER_AREA ? (
              <details className="recommendation-more">
                <summary>{t.stats.recommendations.more(g.items.length - SHOWN_PER_AREA)}</summary>
                <RecommendationList items={g.items.slice(SHOWN_PER_AREA)} why={p.why} />
              </details>
            ) : null}
          </AreaGroup>
        ))}
      </Section>
      {r.recommendations.length > 0 ? (
        <Section title={t.stats.recommendations.tableTitle} id="table">
          <details className="recommendation-more">
            <summary>{t.stats.recommendations.showTable(r.recommendations.length)}</summary>
            <StatTableView table={p.table} captionHidden />
          </details>
          <StatDownloads table={p.table} download={p.download} />
        </Section>
      ) : null}
      {r.planned.length > 0 ? (
        <Section title={t.stats.recommendations.plannedTitle} id="planned">
          <ServiceLinks services={r.planned.map((s) => ({ slug: s.slug, name: s.name, status: s.status, kind: s.kind, provider: s.provider.name }))} />
        </Section>
      ) : null}
      {p.children}
      <Section title={t.stats.recommendations.coverageTitle} id="coverage">
        <StatTableView table={p.coverageTable} download={p.download} captionHidden />
        <Paragraph data-size="sm" className="muted">
          {t.stats.coverage.explanation}
        </Paragraph>
      </Section>
      <JsonLink href={`/api/v1/agencies/${p.orgnr}/recommendations`} />
    </Layout>
  );
}

function RecommendationList({ items, why }: { items: Recommendation[]; why: (r: Recommendation) => string[] }) {
  const { t, fmt } = usePage();
  return (
    <ul className="recommendation-list">
      {items.map((r) => (
        <li key={r.service.slug}>
          <Heading level={4} data-size="2xs">
            <ServiceLink service={r.service} />
          </Heading>
          <span className="block muted">
            <Text value={r.service.provider.name} />
            {r.similar.peers > 0 ? ` · ${t.stats.recommendations.share}: ${fmt.percent(r.similar.users / r.similar.peers)}` : ''}
          </span>
          <Paragraph data-size="sm" className="reasons">
            {why(r).join(' ')}
          </Paragraph>
        </li>
      ))}
    </ul>
  );
}
