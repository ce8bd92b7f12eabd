/**
 * The few chart kinds the statistics use, as ECharts options in Designsystemet colours: horizontal stacked bars
 * (coverage per area, tier split), plain bars (shares by size class) and lines (customers over time). Every series
 * has a pattern (decal) besides its colour, and values are written on the bars or at the ends of the lines, so no
 * reading depends on telling colours apart.
 */
import type { EChartsOption } from 'echarts';
import { absentFill, absentStroke, ink, labelColourOn, seriesColours } from './palette.js';

export interface Series {
  name: string;
  values: (number | null)[];
  /** Drawn pale with an outline: "none known", "not stated". */
  absent?: boolean;
}

const DECALS = [
  { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: Math.PI / 4 },
  { symbol: 'circle', symbolSize: 0.5, dashArrayX: [[6, 6]], dashArrayY: [6, 0] },
  { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: -Math.PI / 4 },
  { symbol: 'rect', dashArrayX: [[8, 8]], dashArrayY: [8, 8] },
  { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [3, 4], rotation: 0 },
  { symbol: 'triangle', symbolSize: 0.6, dashArrayX: [[7, 7]], dashArrayY: [7, 0] },
];

function seriesStyle(i: number, absent: boolean | undefined) {
  const fill = absent ? absentFill : seriesColours[i % seriesColours.length]!;
  const patternColour = labelColourOn(fill) === '#ffffff' ? 'rgba(255,255,255,0.35)' : 'rgba(31,44,61,0.35)';
  return {
    fill,
    itemStyle: {
      color: fill,
      borderColor: absent ? absentStroke : '#ffffff',
      borderWidth: 1,
      decal: { ...DECALS[i % DECALS.length]!, color: patternColour, backgroundColor: fill },
    },
  };
}

const axisLabel = { color: ink.text, fontSize: 13 };
/** Room for category names left of horizontal bars; longer names are shortened with … (the table has them whole). */
const LABEL_WIDTH = 200;

/**
 * Horizontal bars, one per category, stacked from series; values are shares (0–1) when `percent`. Labels on a
 * segment only where it is wide enough to hold one.
 */
export function stackedBars(o: { categories: string[]; series: Series[]; format: (v: number) => string; percent?: boolean; minLabel?: number }): EChartsOption {
  const min = o.minLabel ?? 0.08;
  return {
    aria: { enabled: true, decal: { show: true } },
    grid: { left: LABEL_WIDTH + 12, right: 24, top: 40, bottom: 24, containLabel: false },
    legend: { top: 0, left: 0, textStyle: { color: ink.text, fontSize: 13 }, itemWidth: 18, itemHeight: 12, selectedMode: false },
    xAxis: { type: 'value', max: o.percent ? 1 : undefined, axisLabel: { ...axisLabel, formatter: (v: number) => o.format(v) }, splitLine: { lineStyle: { color: ink.grid } } },
    yAxis: { type: 'category', data: o.categories, inverse: true, axisLabel: { ...axisLabel, width: LABEL_WIDTH, overflow: 'truncate' }, axisLine: { lineStyle: { color: ink.border } } },
    series: o.series.map((s, i) => {
      const st = seriesStyle(i, s.absent);
      return {
        type: 'bar',
        name: s.name,
        stack: 'all',
        barMaxWidth: 28,
        data: s.values,
        itemStyle: st.itemStyle,
        label: {
          show: true,
          color: labelColourOn(st.fill),
          fontSize: 12,
          formatter: (p: { value: number | null }) => (p.value !== null && p.value >= (o.percent ? min : 0) && p.value > 0 ? o.format(p.value) : ''),
        },
      };
    }),
  } as EChartsOption;
}

/** Vertical bars, one series; the value over each bar. */
export function bars(o: { categories: string[]; values: (number | null)[]; format: (v: number) => string; max?: number }): EChartsOption {
  const st = seriesStyle(0, false);
  return {
    aria: { enabled: true, decal: { show: true } },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: o.categories, axisLabel: { ...axisLabel, interval: 0, width: 110, overflow: 'break' }, axisLine: { lineStyle: { color: ink.border } } },
    yAxis: { type: 'value', max: o.max, axisLabel: { ...axisLabel, formatter: (v: number) => o.format(v) }, splitLine: { lineStyle: { color: ink.grid } } },
    series: [
      {
        type: 'bar',
        data: o.values,
        barMaxWidth: 56,
        itemStyle: st.itemStyle,
        label: { show: true, position: 'top', color: ink.text, fontSize: 13, formatter: (p: { value: number | null }) => (p.value === null ? '–' : o.format(p.value)) },
      },
    ],
  } as EChartsOption;
}

const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'pin', 'arrow'];

/**
 * Lines over time, each with its own marker shape and its name at the end of the line. `reference` draws a dashed
 * horizontal line with its label (a baseline), and the first point of the first line hollow, as the point it was
 * measured at; `endLabels: false` leaves the names off (a single line the figure's title names).
 */
export function lines(o: { labels: string[]; series: Series[]; format: (v: number) => string; reference?: { value: number; label: string }; endLabels?: boolean }): EChartsOption {
  const endLabels = o.endLabels ?? true;
  return {
    aria: { enabled: true, decal: { show: true } },
    grid: { left: 8, right: endLabels ? 170 : 24, top: o.reference ? 28 : 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: o.labels, boundaryGap: o.labels.length < 2, axisLabel, axisLine: { lineStyle: { color: ink.border } } },
    yAxis: { type: 'value', axisLabel: { ...axisLabel, formatter: (v: number) => o.format(v) }, splitLine: { lineStyle: { color: ink.grid } } },
    series: o.series.map((s, i) => {
      const colour = seriesColours[i % seriesColours.length]!;
      const reference = i === 0 ? o.reference : undefined;
      return {
        type: 'line',
        name: s.name,
        data: reference ? s.values.map((v, j) => (j === 0 ? { value: v, symbol: 'emptyCircle', symbolSize: 10, itemStyle: { color: ink.text, borderWidth: 2 } } : v)) : s.values,
        symbol: SYMBOLS[i % SYMBOLS.length],
        symbolSize: 7,
        lineStyle: { color: colour, width: 2.5, type: i >= seriesColours.length ? 'dashed' : 'solid' },
        itemStyle: { color: colour },
        endLabel: { show: endLabels, color: colour, fontSize: 12, width: 160, overflow: 'truncate', formatter: (p: { seriesName: string }) => p.seriesName },
        ...(reference
          ? {
              markLine: {
                silent: true,
                symbol: 'none',
                lineStyle: { color: ink.subtle, width: 1.5, type: [6, 4] },
                label: { position: 'insideEndTop', color: ink.subtle, fontSize: 12, formatter: reference.label },
                data: [{ yAxis: reference.value }],
              },
            }
          : {}),
      };
    }),
  } as EChartsOption;
}
