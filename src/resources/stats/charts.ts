/**
 * The statistics' charts: each takes a report and returns the SVG (src/web/charts) and the sentence that sums it up
 * for the figure's caption. The numbers in the sentence are the table's; nothing here adds a figure.
 */
import type { Language, LocalizedText } from '../../domain/catalogue.js';
import { pickText } from '../../domain/catalogue.js';
import { COVERAGE_KINDS } from '../../domain/coverage.js';
import { bars, lines, stackedBars } from '../../web/charts/builders.js';
import { renderChartSvg } from '../../web/charts/svg.js';
import type { Formatters, Messages } from '../../web/i18n/index.js';
import { type OptOutItem, reasonLabel } from './optouts.js';
import type { AdoptionRow, CoverageReport, GapReport, TierReport, TrendReport } from './reports.js';

export interface ChartContext {
  t: Messages;
  fmt: Formatters;
  lang: Language;
}

export interface RenderedChart {
  id: string;
  title: string;
  summary: string;
  svg: string;
}

const ids = (id: string) => ({ prefix: id, labelledBy: `${id}-title`, describedBy: `${id}-desc` });
const text = (v: LocalizedText, lang: Language) => pickText(v, lang).text;

export function coverageChart(c: ChartContext, r: CoverageReport, id = 'dekning-diagram'): RenderedChart {
  const { t, fmt, lang } = c;
  const n = r.population;
  const frac = (v: number) => (n ? v / n : 0);
  const svg = renderChartSvg(
    stackedBars({
      categories: r.byArea.map((a) => text(a.area.name, lang)),
      series: COVERAGE_KINDS.map((k) => ({ name: t.stats.coverageKind[k], values: r.byArea.map((a) => frac(a.counts[k])), absent: k === 'none' })),
      format: (v) => fmt.percent(v),
      percent: true,
    }),
    { width: 760, height: 90 + 34 * r.byArea.length },
    ids(id),
  );
  const known = r.byArea.map((a) => ({ name: text(a.area.name, lang), share: frac(n - a.counts.none) }));
  const sorted = [...known].sort((a, b) => b.share - a.share);
  const best = sorted[0];
  const worst = sorted.at(-1);
  const summary = best && worst ? t.stats.coverage.chartSummary(n, best.name, fmt.percent(best.share), worst.name, fmt.percent(worst.share)) : t.stats.coverage.noAgencies;
  return { id, title: t.stats.coverage.chartTitle, summary, svg };
}

export function gapChart(c: ChartContext, r: GapReport, id = 'hull-diagram'): RenderedChart {
  const { t, fmt } = c;
  const svg = renderChartSvg(
    bars({ categories: r.bySize.map((s) => t.vocab.sizeClass[s.sizeClass]), values: r.bySize.map((s) => s.share), format: (v) => fmt.percent(v), max: 1 }),
    { width: 640, height: 300 },
    ids(id),
  );
  const parts = r.bySize.map((s) => `${t.vocab.sizeClass[s.sizeClass].toLowerCase()} ${s.share === null ? '–' : fmt.percent(s.share)} (${s.exposed}/${s.agencies})`).join(', ');
  return { id, title: t.stats.gap.chartTitle, summary: t.stats.gap.chartSummary(parts), svg };
}

export function sizeChart(c: ChartContext, r: AdoptionRow, id: string): RenderedChart {
  const { t, fmt, lang } = c;
  const name = text(r.service.name, lang);
  const svg = renderChartSvg(
    bars({ categories: r.bySize.map((s) => t.vocab.sizeClass[s.sizeClass]), values: r.bySize.map((s) => s.share), format: (v) => fmt.percent(v), max: 1 }),
    { width: 640, height: 300 },
    ids(id),
  );
  const parts = r.bySize.map((s) => `${t.vocab.sizeClass[s.sizeClass].toLowerCase()} ${s.share === null ? '–' : fmt.percent(s.share)}`).join(', ');
  return { id, title: t.stats.adoption.chartTitle(name), summary: t.stats.adoption.chartSummary(name, parts), svg };
}

/** One procurement's opt-out reasons as shares of its opt-outs. */
export function optOutReasonChart(c: ChartContext, item: OptOutItem, id: string): RenderedChart {
  const { t, fmt, lang } = c;
  const label = (code: string | null) => reasonLabel(item, code, lang) ?? code ?? t.stats.optouts.noReason;
  const svg = renderChartSvg(
    bars({ categories: item.reasons.map((r) => label(r.code)), values: item.reasons.map((r) => r.share), format: (v) => fmt.percent(v), max: 1 }),
    { width: 640, height: 320 },
    ids(id),
  );
  const top = item.reasons[0];
  const summary = top ? t.stats.optouts.reasonsChartSummary(item.optOuts ?? 0, label(top.code), fmt.percent(top.share ?? 0)) : t.stats.optouts.notYet;
  return { id, title: `${text(item.title, lang)}: ${t.stats.optouts.reasonsChartTitle.toLowerCase()}`, summary, svg };
}

export function tierChart(c: ChartContext, report: TierReport, id = 'modeller-diagram'): RenderedChart {
  const { t, fmt, lang } = c;
  // One stacked bar per service; a series per tier position, named by the tiers at that position.
  const tierNames = [...new Set(report.flatMap((s) => s.tiers.map((x) => text(x.tier.name, lang))))];
  const svg = renderChartSvg(
    stackedBars({
      categories: report.map((s) => text(s.service.name, lang)),
      series: tierNames.map((name) => ({ name, values: report.map((s) => s.tiers.find((x) => text(x.tier.name, lang) === name)?.share ?? null) })),
      format: (v) => fmt.percent(v),
      percent: true,
      minLabel: 0.05,
    }),
    { width: 760, height: 110 + 40 * report.length },
    ids(id),
  );
  const parts = report.map((s) => `${text(s.service.name, lang)}: ${s.tiers.map((x) => `${text(x.tier.name, lang).toLowerCase()} ${fmt.percent(x.share ?? 0)}`).join(', ')}`).join('; ');
  return { id, title: t.stats.adoption.tierChartTitle, summary: t.stats.adoption.tierChartSummary(parts), svg };
}

export const TREND_CHART_SERIES = 6;

export function trendChart(c: ChartContext, r: TrendReport, id = 'utvikling-diagram'): RenderedChart {
  const { t, fmt, lang } = c;
  const top = [...r.series].sort((a, b) => (b.values.at(-1) ?? 0) - (a.values.at(-1) ?? 0)).slice(0, TREND_CHART_SERIES);
  const name = (s: (typeof r.series)[number]) => text(s.service ? s.service.name : s.area.name, lang);
  const svg = renderChartSvg(
    lines({ labels: r.points.map((p) => (p.label.length > 4 ? fmt.date(p.label) : p.label)), series: top.map((s) => ({ name: name(s), values: s.values })), format: (v) => fmt.number(v) }),
    { width: 760, height: 360 },
    ids(id),
  );
  const first = r.points[0]?.label ?? '';
  const last = r.points.at(-1) ? fmt.date(r.points.at(-1)!.date) : '';
  const parts = top.map((s) => `${name(s)} ${fmt.number(s.values[0] ?? 0)} → ${fmt.number(s.values.at(-1) ?? 0)}`).join(', ');
  const isServices = r.series.some((s) => s.service);
  const summary = `${t.stats.trends.chartSummary(first, last, parts)}${r.series.length > top.length ? ` ${t.stats.trends.chartTop(top.length)}` : ''}`;
  return { id, title: isServices ? t.stats.trends.chartTitleServices : t.stats.trends.chartTitle, summary, svg };
}
