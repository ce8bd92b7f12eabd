import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { makePageContext, PageContextProvider } from '../context.js';
import { LineChartFigure, niceTicks } from './lineChart.js';

describe('nice ticks', () => {
  it('covers the range in about five steps of 1, 2 or 5 times a power of ten', () => {
    expect(niceTicks(0, 412)).toEqual([0, 100, 200, 300, 400, 500]);
    expect(niceTicks(0, 4.6)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(niceTicks(-30, 70)).toEqual([-50, 0, 50, 100]);
    expect(niceTicks(0, 6400)).toEqual([0, 2000, 4000, 6000, 8000]);
    expect(niceTicks(0, 9.5)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(0, 0.35)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
  });

  it('widens a range of one value', () => {
    expect(niceTicks(0, 0)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(niceTicks(4, 4)).toEqual([2, 3, 4, 5, 6]);
    expect(niceTicks(100, 100).length).toBeGreaterThan(1);
  });
});

describe('line chart figure', () => {
  const html = renderToString(
    <PageContextProvider value={makePageContext('nb', '/', {})}>
      <LineChartFigure
        id="g1"
        title="Kostnad per lønnsslipp"
        summary="Fra 412 kr (nullpunkt 2019) til 298 kr i 2023."
        points={[
          { label: '2019', value: 412, baseline: true },
          { label: '2021', value: 350 },
          { label: '2023', value: 298 },
        ]}
        reference={{ value: 412, label: 'Nullpunkt' }}
        format={(n) => String(n)}
        table={{ caption: 'Tallene', columns: ['År', 'Kroner'], rows: [{ key: '2019', cells: ['2019', '412'] }] }}
      />
    </PageContextProvider>,
  );

  it('is a figure whose caption names and describes the image, with the numbers in a table', () => {
    expect(html).toContain('<figure class="chart" id="g1">');
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="g1-title"[^>]*aria-describedby="g1-desc"/);
    expect(html).toContain('id="g1-title">Kostnad per lønnsslipp</span>');
    expect(html).toContain('<caption>Tallene</caption>');
    expect(html).toContain('<th scope="row">2019</th>');
  });

  it('draws a point per value, the line through them and the dashed baseline, without inline styles', () => {
    expect(html.match(/<circle/g)).toHaveLength(3);
    expect(html).toContain('chart__point--baseline');
    expect(html).toMatch(/<path class="chart__line" d="M[\d.]+,[\d.]+ L[\d.]+,[\d.]+ L[\d.]+,[\d.]+"/);
    expect(html).toContain('stroke-dasharray="6 4"');
    expect(html).not.toMatch(/style=/);
  });
});
