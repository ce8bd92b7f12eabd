import type { ReactNode } from 'react';
import { DataTable } from '../components.js';
import { ChartCaption } from './ChartFigure.js';

/**
 * A line chart drawn on the server as plain SVG: no script, no inline styles (colours come from app.css), so it works
 * without JavaScript and under a strict Content-Security-Policy. It is a figure: the caption's title names the image
 * and its one-sentence summary describes it; the data table beside it holds every number, so the chart is readable
 * without sight and without colour. (The statistics branch renders its charts with ECharts; the two are to be
 * reconciled when both are merged.)
 */

export interface LinePoint {
  label: string;
  value: number;
  /** Drawn as a baseline marker (hollow) rather than a result. */
  baseline?: boolean;
}

/**
 * Round tick values covering [min, max]: a step of 1, 2 or 5 × 10ⁿ, the one giving the number of ticks closest to
 * `count` (the smaller step on a tie, so the chart uses its height).
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0];
  if (min === max) {
    const pad = Math.abs(min) > 0 ? Math.abs(min) / 2 : 1;
    return niceTicks(min - pad, max + pad, count);
  }
  const power = Math.floor(Math.log10((max - min) / Math.max(1, count - 1)));
  const steps = [power - 1, power, power + 1].flatMap((p) => [1, 2, 5].map((m) => m * 10 ** p));
  const ticksOf = (step: number) => Math.ceil(max / step - 1e-9) - Math.floor(min / step + 1e-9) + 1;
  const step = steps.filter((s) => ticksOf(s) >= 2).sort((a, b) => Math.abs(ticksOf(a) - count) - Math.abs(ticksOf(b) - count) || a - b)[0]!;
  const first = Math.floor(min / step + 1e-9);
  return Array.from({ length: ticksOf(step) }, (_, i) => Number(((first + i) * step).toPrecision(12)));
}

const W = 600;
const H = 260;
const M = { left: 72, right: 20, top: 16, bottom: 44 };

export function LineChartFigure({
  id,
  title,
  summary,
  points,
  reference,
  format,
  table,
  children,
}: {
  id: string;
  title: string;
  summary: string;
  points: LinePoint[];
  /** A horizontal dashed line (the baseline) across the chart. */
  reference?: { value: number; label: string } | undefined;
  format: (n: number) => string;
  table: { caption: string; columns: string[]; rows: { key: string; cells: ReactNode[] }[] };
  children?: ReactNode;
}) {
  const values = [...points.map((p) => p.value), ...(reference ? [reference.value] : [])];
  const lo = Math.min(0, ...values);
  const hi = Math.max(...values, 0);
  const ticks = niceTicks(lo, hi, 5);
  const yMin = ticks[0]!;
  const yMax = ticks[ticks.length - 1]!;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const x = (i: number) => M.left + (points.length <= 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const y = (v: number) => M.top + plotH - ((v - yMin) / (yMax - yMin || 1)) * plotH;
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  return (
    <figure className="chart" id={id}>
      <ChartCaption id={id} title={title} summary={summary} />
      <div className="chart__body">
        <svg className="chart__svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} focusable="false">
          {ticks.map((v) => (
            <g key={v}>
              <line className="chart__grid" x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} />
              <text className="chart__tick" x={M.left - 8} y={y(v) + 4} textAnchor="end" fontSize="12">
                {format(v)}
              </text>
            </g>
          ))}
          <line className="chart__axis" x1={M.left} x2={W - M.right} y1={y(yMin)} y2={y(yMin)} />
          {reference ? (
            <g>
              <line className="chart__reference" x1={M.left} x2={W - M.right} y1={y(reference.value)} y2={y(reference.value)} strokeDasharray="6 4" />
              <text className="chart__reference-label" x={W - M.right} y={y(reference.value) - 6} textAnchor="end" fontSize="12">
                {reference.label}
              </text>
            </g>
          ) : null}
          {points.length > 1 ? <path className="chart__line" d={path} fill="none" /> : null}
          {points.map((p, i) => (
            <g key={`${p.label}-${i}`}>
              <circle className={p.baseline ? 'chart__point chart__point--baseline' : 'chart__point'} cx={x(i)} cy={y(p.value)} r={p.baseline ? 5 : 4.5} />
              <text className="chart__tick" x={x(i)} y={H - M.bottom + 20} textAnchor="middle" fontSize="12">
                {p.label}
              </text>
            </g>
          ))}
        </svg>
        <div className="chart__data">
          <DataTable caption={table.caption} columns={table.columns}>
            {table.rows.map((r) => (
              <tr key={r.key}>
                {r.cells.map((c, i) =>
                  i === 0 ? (
                    <th key={i} scope="row">
                      {c}
                    </th>
                  ) : (
                    <td key={i} className="num">
                      {c}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </DataTable>
          {children}
        </div>
      </div>
    </figure>
  );
}
