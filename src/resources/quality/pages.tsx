import { Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { pickText } from '../../domain/catalogue.js';
import type { Finding, QualityKind } from '../../domain/dataQuality.js';
import { QUALITY_KINDS } from '../../domain/dataQuality.js';
import { osloDate } from '../../domain/osloTime.js';
import { actorOf } from '../../server/actor.js';
import { HttpProblem } from '../../server/problem.js';
import type { App, AppDeps } from '../../server/types.js';
import { Breadcrumbs, PageHeader, Section } from '../../web/components.js';
import { useHref, usePage } from '../../web/context.js';
import { type DownloadBase, StatDownloads, StatTableView } from '../../web/export/StatTableView.js';
import { type ColumnOf, type StatTable, tableOf } from '../../web/export/table.js';
import { CsrfField, FormBody, type FormValues, Notice, OkQuery, one } from '../../web/forms.js';
import { type Messages, messages } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { prefix } from '../../web/render.js';
import { registerStatPage } from '../stats/statPage.js';
import { editableProviders, providerBySlug } from '../shared/queries.js';
import { markReviewed } from './commands.js';
import { mayQuality, mayQualityOverview } from './policy.js';
import { type ProviderQuality, type QualityReport, qualityReport, type QualityRow } from './queries.js';
import { ServiceLink } from '../../web/components/links.js';

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 120 }) });
const t = (req: FastifyRequest) => messages[req.lang];

/**
 * /kvalitet: DFØ's administrators see every provider, a provider's editors their own providers; each provider's
 * own page (/kvalitet/<provider>) lists its entries with "mark as reviewed". Both pages' tables download as CSV and
 * XLSX through the one export path (registerStatPage). Link checks are read from `link_checks`, written by
 * `npm run check-links`, never checked during the request.
 */
export async function registerQualityPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const now = () => (deps.clock ?? (() => new Date()))();

  registerStatPage(app, '/kvalitet', { querystring: Type.Object({}) }, async (req, download) => {
    if (!req.principal) throw new HttpProblem(401, t(req).access.signInRequired);
    if (!mayQualityOverview(req.principal)) throw new HttpProblem(403, t(req).access.notYourProvider);
    const providerIds = (await editableProviders(db, req.principal)).map((p) => p.id);
    const report = await qualityReport(db, req.principal.roles.some((r) => r.role === 'admin') ? undefined : providerIds, now());
    const tables = [providerTable(t(req), report.perProvider, prefix(req)), entryTable(t(req), report.rows, prefix(req), true)];
    return { name: 'kvalitet', asOf: osloDate(now()), tables, page: () => <OverviewPage report={report} tables={tables} download={download} /> };
  });

  const provider = async (req: FastifyRequest, slug: string) => {
    if (!req.principal) throw new HttpProblem(401, t(req).access.signInRequired);
    const p = await providerBySlug(db, slug);
    if (!p) throw new HttpProblem(404, t(req).errors.unknownProvider(slug));
    if (!mayQuality(req.principal, 'read', p)) throw new HttpProblem(403, t(req).access.notYourProvider);
    return p;
  };

  registerStatPage(app, '/kvalitet/:slug', { querystring: OkQuery, params: SlugParams }, async (req, download) => {
    const p = await provider(req, (req.params as { slug: string }).slug);
    const report = await qualityReport(db, [p.id], now());
    const tables = [entryTable(t(req), report.rows, prefix(req), false)];
    const ok = (req.query as { ok?: string }).ok;
    const reviewed = ok ? report.rows.find((r) => r.slug === ok) : undefined;
    return {
      name: `kvalitet-${p.slug}`,
      asOf: osloDate(now()),
      tables,
      page: () => <ProviderQualityPage provider={p} report={report} table={tables[0]!} download={download} reviewed={reviewed ? pickText(reviewed.name, req.lang).text : undefined} />,
    };
  });

  app.post('/kvalitet/:slug/gjennomgatt', { schema: { hide: true, params: SlugParams, body: FormBody } }, async (req, reply) => {
    const p = await provider(req, req.params.slug);
    const service = one((req.body as FormValues).service) ?? '';
    await markReviewed(db, actorOf(req, deps), p, service, req.lang);
    return reply.redirect(`${prefix(req)}/kvalitet/${p.slug}?ok=${encodeURIComponent(service)}#tjeneste-${service}`, 303);
  });
}

/** A finding in words: the kind and, where there are any, the fields or addresses it concerns. */
export function findingText(m: Messages, f: Finding): string {
  const q = m.quality;
  switch (f.kind) {
    case 'nn':
    case 'en':
      return f.fields.map((x) => q.field[x]).join(', ');
    case 'shapes':
      return f.fields.map((x) => q.field[x]).join(', ');
    case 'links':
      return f.urls.map((u) => q.linkProblem(u.url, u.httpStatus ? `HTTP ${u.httpStatus}` : (u.error ?? ''))).join('; ');
    case 'review':
      return osloDate(f.lastReviewed);
    default:
      return q.kind[f.kind];
  }
}

function providerTable(m: Messages, rows: ProviderQuality[], base: string): StatTable {
  const c = m.quality.column;
  const columns: ColumnOf<ProviderQuality>[] = [
    { key: 'provider', label: c.provider, type: 'text', value: (r) => ({ text: r.provider.name, href: `${base}/kvalitet/${r.provider.slug}` }) },
    { key: 'entries', label: c.entries, type: 'integer', value: (r) => r.counts.entries },
    { key: 'clean', label: c.clean, type: 'integer', value: (r) => r.counts.clean },
    ...QUALITY_KINDS.map((k): ColumnOf<ProviderQuality> => ({ key: k, label: c[k], type: 'integer', value: (r) => r.counts[k] })),
  ];
  const total: ProviderQuality = {
    provider: { id: '', slug: '', name: { nb: 'Sum', nn: 'Sum', en: 'Total' } },
    counts: rows.reduce(
      (acc, r) => {
        for (const k of [...QUALITY_KINDS, 'entries', 'clean'] as const) acc[k] += r.counts[k];
        return acc;
      },
      { entries: 0, clean: 0, ...(Object.fromEntries(QUALITY_KINDS.map((k) => [k, 0])) as Record<QualityKind, number>) },
    ),
  };
  const table = tableOf({ id: 'leverandorer', title: m.quality.tableProviders, note: m.quality.perProviderNote }, columns, rows);
  if (rows.length > 1) table.rows.push(columns.map((col, i) => (i === 0 ? { text: total.provider.name } : (col.value(total) ?? null))));
  return table;
}

function entryTable(m: Messages, rows: QualityRow[], base: string, withProvider: boolean): StatTable {
  const c = m.quality.column;
  const detail = (k: QualityKind) => (r: QualityRow) => {
    const f = r.findings.find((x) => x.kind === k);
    return f ? findingText(m, f) || m.quality.kind[k] : null;
  };
  const columns: ColumnOf<QualityRow>[] = [
    { key: 'service', label: c.service, type: 'text', value: (r) => ({ text: r.name, href: `${base}/tjenester/${r.slug}` }) },
    ...(withProvider ? [{ key: 'provider', label: c.provider, type: 'text', value: (r: QualityRow) => ({ text: r.provider.name }) } as ColumnOf<QualityRow>] : []),
    ...QUALITY_KINDS.filter((k) => k !== 'review').map((k): ColumnOf<QualityRow> => ({ key: k, label: c[k], type: 'text', value: detail(k) })),
    { key: 'lastReviewed', label: c.lastReviewed, type: 'date', value: (r) => osloDate(r.lastReviewed) },
  ];
  return tableOf({ id: 'oppforinger', title: m.quality.tableEntries, note: m.quality.entriesNote }, columns, rows.filter((r) => r.findings.length > 0));
}

function LinksChecked({ at }: { at: Date | null }) {
  const { t, fmt } = usePage();
  return <Paragraph className="muted">{at ? t.quality.linksChecked(fmt.dateTime(at)) : t.quality.linksNeverChecked}</Paragraph>;
}

function OverviewPage({ report, tables, download }: { report: QualityReport; tables: StatTable[]; download: DownloadBase }) {
  const { t } = usePage();
  const href = useHref();
  const [perProvider, entries] = tables as [StatTable, StatTable];
  return (
    <Layout title={t.quality.title} section="mine" description={t.quality.lead}>
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: t.quality.title }]} />
      <PageHeader title={t.quality.title} lead={t.quality.lead} />
      <LinksChecked at={report.linksCheckedAt} />
      <Section id="leverandorer" title={t.quality.perProvider}>
        <StatTableView table={perProvider} download={download} />
      </Section>
      <Section id="oppforinger" title={t.quality.entries}>
        {entries.rows.length === 0 ? <Paragraph>{t.quality.allClean}</Paragraph> : <StatTableView table={entries} download={download} />}
      </Section>
    </Layout>
  );
}

function ProviderQualityPage({
  provider,
  report,
  table,
  download,
  reviewed,
}: {
  provider: { slug: string; name: QualityRow['name'] };
  report: QualityReport;
  table: StatTable;
  download: DownloadBase;
  reviewed: string | undefined;
}) {
  const { t, lang, fmt } = usePage();
  const href = useHref();
  const name = pickText(provider.name, lang).text;
  const counts = report.perProvider[0]?.counts;
  const withFindings = report.rows.filter((r) => r.findings.length > 0);
  return (
    <Layout title={t.quality.providerTitle(name)} section="mine" description={t.quality.providerLead}>
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: t.quality.title, href: href('/kvalitet') }, { label: name }]} />
      <PageHeader title={t.quality.providerTitle(name)} lead={t.quality.providerLead} />
      <Notice text={reviewed ? t.quality.reviewed(reviewed) : undefined} />
      <LinksChecked at={report.linksCheckedAt} />
      <Paragraph>
        <a href={href(`/leverandorer/${provider.slug}/katalog`)}>{t.bulk.title(name)}</a>
      </Paragraph>
      {counts ? (
        <Section id="oversikt" title={t.quality.perProvider}>
          <dl className="deflist">
            {(['entries', 'clean', ...QUALITY_KINDS] as const).map((k) => (
              <div key={k} className="deflist__row">
                <dt>{t.quality.column[k]}</dt>
                <dd>{fmt.number(counts[k])}</dd>
              </div>
            ))}
          </dl>
        </Section>
      ) : null}
      <Section id="oppforinger" title={t.quality.entries}>
        {withFindings.length === 0 ? <Paragraph>{t.quality.allClean}</Paragraph> : <StatDownloads table={table} download={download} />}
        {withFindings.map((r) => (
          <article key={r.slug} id={`tjeneste-${r.slug}`} className="quality-entry" aria-labelledby={`tjeneste-${r.slug}-heading`}>
            <Heading level={3} data-size="xs" id={`tjeneste-${r.slug}-heading`}>
              <ServiceLink service={r} />
            </Heading>
            <dl className="deflist">
              {r.findings.map((f) => (
                <div key={f.kind} className="deflist__row">
                  <dt>{t.quality.kind[f.kind]}</dt>
                  <dd>{f.kind === 'review' ? `${fmt.date(f.lastReviewed)}${r.reviewedByName ? ` ${t.quality.reviewedBy(r.reviewedByName)}` : ''}` : findingText(t, f) || '–'}</dd>
                </div>
              ))}
            </dl>
            <form method="post" action={href(`/kvalitet/${provider.slug}/gjennomgatt`)} className="inline-form">
              <CsrfField />
              <input type="hidden" name="service" value={r.slug} />
              <Button type="submit" variant="secondary" data-size="sm">
                {t.quality.markReviewed}
                <span className="visually-hidden">: {pickText(r.name, lang).text}</span>
              </Button>
            </form>
          </article>
        ))}
      </Section>
    </Layout>
  );
}
