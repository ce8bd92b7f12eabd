/**
 * The statistics as tables (src/web/export/table.ts): what each page shows beside its charts and what its
 * downloads contain. Column labels come from the message catalogue, so downloads have Norwegian (or English) headers.
 */
import { COVERAGE_KINDS, type CellCoverage } from '../../domain/coverage.js';
import { type Language, type LocalizedText, pickText } from '../../domain/catalogue.js';
import type { SizeClass } from '../../domain/sizeClass.js';
import { formatOrgnr } from '../../domain/orgnr.js';
import { formatters, languagePrefix, type Messages } from '../../web/i18n/index.js';
import type { Cell, Column, StatTable } from '../../web/export/table.js';
import type { AdoptionRow, CoverageReport, GapReport, Recommendation, TierReport, TrendBreakdown, TrendReport } from './reports.js';
import type { AreaRow, ServiceRow } from './queries.js';
import { type OptOutItem, reasonLabel } from './optouts.js';
import type { FeedbackReport } from './feedback.js';

export interface TableContext {
  t: Messages;
  lang: Language;
  /** The page's "as of" note. */
  note: string;
}

const col = (key: string, label: string, type: Column['type'] = 'text'): Column => ({ key, label, type });
const link = (lang: Language, path: string) => languagePrefix(lang) + path;

export function coverageCellText(t: Messages, c: CellCoverage): string {
  if (c.models.length === 0) return t.stats.coverageKind[c.primary];
  const parts = c.models.map((m) => t.stats.coverageKind[m]);
  if (c.inHouse) parts.push(t.stats.coverageKind.own);
  return parts.join(' + ');
}

export function coverageAreaTable(c: TableContext, r: CoverageReport): StatTable {
  const { t } = c;
  return {
    id: 'omrader',
    title: t.stats.coverage.tableTitle,
    columns: [
      col('area', t.stats.table.area),
      ...COVERAGE_KINDS.map((k) => col(k, t.stats.coverageKind[k], 'integer')),
      col('covered', t.stats.coverage.coveredShare, 'percent'),
      col('gapExposed', t.stats.coverage.gapExposed, 'integer'),
    ],
    rows: r.byArea.map((a) => [
      { text: a.area.name, href: link(c.lang, `/omrader/${a.area.slug}`) },
      ...COVERAGE_KINDS.map((k) => a.counts[k]),
      a.population ? (a.population - a.counts.none) / a.population : null,
      a.gapExposed,
    ]),
    note: c.note,
  };
}

export function agencyMatrixTable(c: TableContext, id: string, title: string, areas: AreaRow[], items: { orgnr: string; name: LocalizedText; sizeClass: SizeClass; ministry: { name: LocalizedText } | null; cells: Record<string, CellCoverage> }[]): StatTable {
  const { t } = c;
  return {
    id,
    title,
    columns: [col('agency', t.stats.table.agency), col('orgnr', t.stats.table.orgnr), col('ministry', t.stats.table.ministry), col('size', t.stats.table.size), ...areas.map((a) => col(a.slug, pickNb(a, c.lang)))],
    rows: items.map((a) => [
      { text: a.name, href: link(c.lang, `/virksomheter/${a.orgnr}`) },
      formatOrgnr(a.orgnr),
      a.ministry ? { text: a.ministry.name } : t.stats.table.noMinistry,
      t.vocab.sizeClass[a.sizeClass],
      ...areas.map((ar) => coverageCellText(t, a.cells[ar.slug]!)),
    ]),
    note: c.note,
  };
}

function pickNb(a: AreaRow, lang: Language): string {
  return (lang !== 'nb' ? a.name[lang] : undefined) || a.name.nb;
}

export function gapBySizeTable(c: TableContext, r: GapReport): StatTable {
  const { t } = c;
  return {
    id: 'storrelse',
    title: t.stats.gap.bySizeTitle,
    columns: [col('size', t.stats.table.size), col('agencies', t.stats.table.agencies, 'integer'), col('exposed', t.stats.gap.exposedCount, 'integer'), col('share', t.stats.adoption.share, 'percent')],
    rows: r.bySize.map((s) => [t.vocab.sizeClass[s.sizeClass], s.agencies, s.exposed, s.share]),
    note: c.note,
  };
}

const serviceCell = (c: TableContext, s: ServiceRow): Cell => ({ text: s.name, href: link(c.lang, `/tjenester/${s.slug}`) });
const providerCell = (c: TableContext, s: ServiceRow): Cell => ({ text: s.provider.shortName ?? s.provider.name, href: link(c.lang, `/statistikk/leverandorer/${s.provider.slug}`) });

export function adoptionTable(c: TableContext, rows: AdoptionRow[], id = 'tjenester', title = c.t.stats.adoption.tableTitle): StatTable {
  const { t } = c;
  return {
    id,
    title,
    columns: [
      col('service', t.stats.table.service),
      col('provider', t.stats.table.provider),
      col('area', t.stats.table.area),
      col('users', t.stats.adoption.users, 'integer'),
      col('eligible', t.stats.adoption.eligible, 'integer'),
      col('share', t.stats.adoption.share, 'percent'),
      ...(rows[0]?.bySize ?? []).map((s) => col(`share-${s.sizeClass}`, t.stats.adoption.shareOf(t.vocab.sizeClass[s.sizeClass]), 'percent')),
    ],
    rows: rows.map((r) => [
      serviceCell(c, r.service),
      providerCell(c, r.service),
      { text: r.service.area.name },
      r.users,
      r.eligible,
      r.share,
      ...r.bySize.map((s) => s.share),
    ]),
    note: `${c.note} ${t.stats.adoption.eligibilityNote}`,
  };
}

export function sizeSplitTable(c: TableContext, r: AdoptionRow): StatTable {
  const { t } = c;
  return {
    id: `storrelse-${r.service.slug}`.slice(0, 60),
    title: t.stats.adoption.chartTitle(pick(r.service.name, c.lang)),
    columns: [col('size', t.stats.table.size), col('users', t.stats.adoption.users, 'integer'), col('eligible', t.stats.adoption.eligible, 'integer'), col('share', t.stats.adoption.share, 'percent')],
    rows: r.bySize.map((s) => [t.vocab.sizeClass[s.sizeClass], s.users, s.eligible, s.share]),
    note: c.note,
  };
}

const pick = (v: LocalizedText, lang: Language) => (lang !== 'nb' ? v[lang] : undefined) || v.nb;

export function tierTable(c: TableContext, report: TierReport): StatTable {
  const { t } = c;
  return {
    id: 'tjenestemodeller',
    title: t.stats.adoption.tiersTitle,
    columns: [col('service', t.stats.table.service), col('tier', t.stats.table.tier), col('customers', t.stats.adoption.customers, 'integer'), col('share', t.stats.adoption.share, 'percent')],
    rows: report.flatMap((s) => [
      ...s.tiers.map((x): Cell[] => [serviceCell(c, s.service), x.tier.current ? { text: x.tier.name } : `${pick(x.tier.name, c.lang)} (${t.stats.adoption.tierLegacy})`, x.count, x.share]),
      ...(s.notStated ? [[serviceCell(c, s.service), t.agency.notStated, s.notStated, null] as Cell[]] : []),
    ]),
    note: c.note,
  };
}

export function byMinistryTable(c: TableContext, s: ServiceRow, rows: { ministry: { orgnr: string; name: LocalizedText } | null; users: number; eligible: number | null; share: number | null }[]): StatTable {
  const { t } = c;
  return {
    id: `departement-${s.slug}`.slice(0, 60),
    title: `${t.stats.adoption.byMinistryTitle}: ${pick(s.name, c.lang)}`,
    columns: [col('ministry', t.stats.table.ministry), col('users', t.stats.adoption.users, 'integer'), col('eligible', t.stats.adoption.eligible, 'integer'), col('share', t.stats.adoption.share, 'percent')],
    rows: rows.map((r) => [r.ministry ? { text: r.ministry.name, href: link(c.lang, `/statistikk/departementer/${r.ministry.orgnr}`) } : t.stats.table.noMinistry, r.users, r.eligible, r.share]),
    note: c.note,
  };
}

export function trendTable(c: TableContext, r: TrendReport): StatTable {
  const { t } = c;
  return {
    id: 'utvikling',
    title: t.stats.trends.tableTitle,
    columns: [col('name', r.series[0]?.service ? t.stats.table.service : t.stats.table.area), ...r.points.map((p) => col(p.date, p.label, 'integer')), col('growth', t.stats.trends.growth, 'percent')],
    rows: r.series.map((s) => [s.service ? serviceCell(c, s.service) : { text: s.area.name, href: link(c.lang, `/omrader/${s.area.slug}`) }, ...s.values, s.growth]),
    note: `${c.note}${r.undated ? ` ${t.stats.trends.undated(r.undated)}` : ''}`,
  };
}

/** Customers over time by size class or delivery model: /statistikk/utvikling's tables "etter-storrelse" and "etter-modell". */
export function trendBreakdownTable(c: TableContext, r: TrendBreakdown): StatTable {
  const { t } = c;
  const size = r.by === 'size';
  const label = (key: string) => (size ? t.vocab.sizeClass[key as keyof typeof t.vocab.sizeClass] : t.vocab.model[key as keyof typeof t.vocab.model]);
  return {
    id: size ? 'etter-storrelse' : 'etter-modell',
    title: size ? t.trendsBy.sizeTitle : t.trendsBy.modelTitle,
    columns: [col('group', size ? t.trendsBy.size : t.trendsBy.model), ...r.points.map((p) => col(p.date, p.label, 'integer')), col('growth', t.stats.trends.growth, 'percent')],
    rows: r.series.map((s) => [{ text: label(s.key) }, ...s.values, s.growth]),
    note: `${c.note} ${size ? t.trendsBy.sizeNote : t.trendsBy.modelNote}`,
  };
}

export function launchesTable(c: TableContext, id: string, title: string, services: ServiceRow[], date: 'launched' | 'planned'): StatTable {
  const { t } = c;
  return {
    id,
    title,
    columns: [col('service', t.stats.table.service), col('provider', t.stats.table.provider), col('area', t.stats.table.area), col('date', date === 'launched' ? t.stats.trends.launched : t.stats.trends.planned, 'date')],
    rows: services.map((s) => [serviceCell(c, s), providerCell(c, s), { text: s.area.name }, (date === 'launched' ? s.launchedOn : s.plannedOn) ?? (date === 'planned' ? t.stats.trends.plannedUnknown : null)]),
    note: c.note,
  };
}

export function optOutTable(c: TableContext, items: OptOutItem[]): StatTable {
  const { t, lang } = c;
  const o = t.stats.optouts;
  return {
    id: 'fravalg',
    title: o.tableTitle,
    columns: [col('procurement', o.procurement), col('provider', t.stats.table.provider), col('status', t.stats.table.status), col('eligible', t.stats.adoption.eligible, 'integer'), col('optOuts', o.optOuts, 'integer'), col('accessions', o.accessions, 'integer'), col('undeclared', o.undeclared, 'integer'), col('optOutRate', o.optOutRate, 'percent'), col('accessionRate', o.accessionRate, 'percent')],
    rows: items.map((i) => [
      { text: i.title },
      { text: i.provider.shortName ?? pickText(i.provider.name, lang).text, href: link(lang, `/leverandorer/${i.provider.slug}`) },
      t.terms.procurementState[i.status],
      i.eligible,
      i.optOuts,
      i.accessions,
      i.undeclared,
      i.optOutRate,
      i.accessionRate,
    ]),
    note: `${c.note} ${items.length ? o.how : o.notYet}`,
  };
}

/** One procurement's opt-out reasons: how many per size class, and each reason's share of all its opt-outs. */
export function optOutReasonsTable(c: TableContext, item: OptOutItem, id: string): StatTable {
  const { t, lang } = c;
  const o = t.stats.optouts;
  const label = (code: string | null) => reasonLabel(item, code, lang) ?? code ?? o.noReason;
  const countIn = (reasons: { code: string | null; count: number }[], code: string | null) => reasons.find((r) => r.code === code)?.count ?? 0;
  return {
    id,
    title: `${pickText(item.title, lang).text}: ${o.reasonsTitle.toLowerCase()}`,
    columns: [col('reason', o.reason), col('total', o.total, 'integer'), ...item.bySize.map((b) => col(b.sizeClass, t.vocab.sizeClass[b.sizeClass], 'integer')), col('share', o.shareOfOptOuts, 'percent')],
    rows: item.reasons.map((r) => [label(r.code), r.count, ...item.bySize.map((b) => countIn(b.reasons, r.code)), r.share]),
    note: c.note,
  };
}

export function recommendationTable(c: TableContext, recs: Recommendation[], reasonText: (r: Recommendation) => string): StatTable {
  const { t } = c;
  return {
    id: 'forslag',
    title: t.stats.recommendations.title,
    columns: [col('service', t.stats.table.service), col('provider', t.stats.table.provider), col('area', t.stats.table.area), col('users', t.stats.adoption.users, 'integer'), col('peers', t.stats.table.agencies, 'integer'), col('share', t.stats.recommendations.share, 'percent'), col('why', t.stats.recommendations.why)],
    rows: recs.map((r) => [serviceCell(c, r.service), providerCell(c, r.service), { text: r.service.area.name }, r.similar.users, r.similar.peers, r.similar.peers ? r.similar.users / r.similar.peers : null, reasonText(r)]),
    note: c.note,
  };
}

/** Closed surveys' public results: one row per survey and 1–5 scale question; too few answers show as such. */
export function satisfactionTable(c: TableContext, r: FeedbackReport): StatTable {
  const { t, lang } = c;
  const f = t.stats.feedback;
  const fmt = formatters(lang);
  const rows: Cell[][] = [];
  for (const { survey, results } of r.surveys) {
    const surveyCell: Cell = { text: survey.title, href: link(lang, `/undersokelser/${survey.id}`) };
    const providerCell: Cell = { text: survey.provider.name, href: link(lang, `/leverandorer/${survey.provider.slug}`) };
    const scales = survey.definition.questions.filter((q) => q.type === 'scale');
    if (results.summary.tooFew || results.summary.respondents === null) {
      rows.push([surveyCell, providerCell, survey.closesOn, f.tooFew, null, null]);
      continue;
    }
    for (const q of scales) {
      const qr = results.summary.questions.find((x) => x.question === q.id);
      rows.push([surveyCell, providerCell, survey.closesOn, { text: q.label }, qr ? qr.n : null, qr?.mean != null ? fmt.number(qr.mean) : null]);
    }
  }
  return {
    id: 'tilfredshet',
    title: f.satisfactionTitle,
    columns: [col('survey', f.survey), col('provider', t.stats.table.provider), col('closed', f.closed, 'date'), col('question', f.question), col('answers', f.answers, 'integer'), col('mean', f.mean)],
    rows,
    note: `${c.note} ${f.anonymity}`,
  };
}

/** Every gain indicator: its baseline and latest result, and the change. */
export function gainsTable(c: TableContext, r: FeedbackReport): StatTable {
  const { t, lang } = c;
  const f = t.stats.feedback;
  const fmt = formatters(lang);
  const rows: Cell[][] = r.gains.flatMap(({ service, indicators }) =>
    indicators.map((i) => [
      { text: service.name, href: link(lang, `/tjenester/${service.slug}#gevinster`) },
      { text: i.name },
      t.gain.unitName[i.unit],
      i.baselinePeriod,
      fmt.number(i.baselineValue),
      i.latest?.period ?? null,
      i.latest ? fmt.number(i.latest.value) : null,
      i.latest?.ratio ?? null,
      i.latest ? (i.latest.gain === null ? f.noChange : i.latest.gain ? f.gain : f.loss) : f.noResults,
    ]),
  );
  return {
    id: 'gevinster',
    title: f.gainsTitle,
    columns: [col('service', t.stats.table.service), col('indicator', f.indicator), col('unit', f.unit), col('baselinePeriod', f.baselinePeriod, 'date'), col('baseline', f.baseline), col('latestPeriod', f.latestPeriod, 'date'), col('latest', f.latest), col('change', f.change, 'percent'), col('gain', f.direction)],
    rows,
    note: c.note,
  };
}
