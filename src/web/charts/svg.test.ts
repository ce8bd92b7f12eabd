import { describe, expect, it } from 'vitest';
import { bars, lines, stackedBars } from './builders.js';
import { renderChartSvg } from './svg.js';

const pct = (v: number) => `${Math.round(v * 100)} %`;

describe('server-side SVG charts', () => {
  const svg = renderChartSvg(
    stackedBars({
      categories: ['Lønn', 'IT-drift'],
      series: [
        { name: 'Sentral', values: [0.95, 0.1] },
        { name: 'Ingen kjent', values: [0.05, 0.9], absent: true },
      ],
      format: pct,
      percent: true,
    }),
    { width: 640, height: 220 },
    { prefix: 'cov', labelledBy: 'cov-title', describedBy: 'cov-desc' },
  );

  it('is an image named by the caption and described by the summary', () => {
    expect(svg).toMatch(/^<svg class="chart__svg" role="img" aria-labelledby="cov-title" aria-describedby="cov-desc" focusable="false"/);
    expect(svg).toContain('viewBox="0 0 640 220"');
  });

  it('carries no inline style and no script, so a strict CSP allows it', () => {
    expect(svg).not.toMatch(/<style|style="|<script|on[a-z]+="/i);
    expect(svg).not.toMatch(/ecmeta_|zr\d+-/);
    expect(svg).toMatch(/font-family="Inter, system-ui, sans-serif"/);
  });

  it('writes the values and the legend as text, with patterns besides colour', () => {
    expect(svg).toContain('>95 %<');
    expect(svg).toContain('>90 %<');
    expect(svg).toContain('>Sentral<');
    expect(svg).toContain('>Ingen kjent<');
    expect(svg).toMatch(/<pattern [^>]*id="cov-p0"/);
    expect(svg).toContain('fill="url(#cov-p1)"');
    // The segment too small for a label (5 %) has none.
    expect(svg).not.toContain('>5 %<');
  });

  it('prefixes ids per chart, so two charts on a page do not collide', () => {
    const other = renderChartSvg(bars({ categories: ['Liten', 'Stor'], values: [0.5, null], format: pct }), { width: 400, height: 200 }, { prefix: 'size', labelledBy: 'size-title' });
    const ids = (s: string) => [...s.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids(other).every((i) => i.startsWith('size-'))).toBe(true);
    expect(ids(svg).every((i) => i.startsWith('cov-'))).toBe(true);
    expect(other).toContain('>50 %<');
  });

  it('draws lines with their names at the end', () => {
    const l = renderChartSvg(lines({ labels: ['2019', '2020'], series: [{ name: 'Lønn', values: [170, 180] }], format: String }), { width: 500, height: 240 }, { prefix: 't', labelledBy: 'x' });
    expect(l).toContain('>Lønn<');
    expect(l).not.toMatch(/style=/);
  });

  it('draws a line from a dashed, labelled baseline without the name of the line at its end', () => {
    const l = renderChartSvg(
      lines({ labels: ['2019', '2021', '2023'], series: [{ name: 'Kostnad', values: [412, 350, 298] }], reference: { value: 412, label: 'Nullpunkt' }, endLabels: false, format: String }),
      { width: 600, height: 260 },
      { prefix: 'g1', labelledBy: 'g1-title', describedBy: 'g1-desc' },
    );
    expect(l).toMatch(/^<svg class="chart__svg" role="img" aria-labelledby="g1-title" aria-describedby="g1-desc"/);
    expect(l).toContain('>Nullpunkt<');
    expect(l).toMatch(/stroke-dasharray="6 4"|stroke-dasharray="6,4"/);
    expect(l).toContain('>2023<');
    expect(l).not.toContain('>Kostnad<');
    expect(l).not.toMatch(/<style|style="|<script/i);
  });
});
