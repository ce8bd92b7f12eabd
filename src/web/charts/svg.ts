/**
 * Server-side charts: Apache ECharts renders an option to an SVG string in Node (no DOM, no browser), and this
 * module makes the SVG fit a page with a strict Content-Security-Policy: no <style> element, no style attributes
 * (fonts become presentation attributes), no ECharts metadata or hover classes, and ids prefixed per chart so two
 * charts on a page never share a pattern id. The SVG is an image for assistive technology (role="img", named by the
 * figure's caption); the numbers are in the table beside it.
 */
import { createRequire } from 'node:module';
import type * as Echarts from 'echarts';
import type { EChartsOption } from 'echarts';

let loaded: typeof Echarts | undefined;
/**
 * ECharts is loaded on the first chart, not at start (its module bodies were ~0.3 s of every start; issue 16). The
 * render is synchronous (inside a page's React render), so it is required, not imported: the package's CommonJS
 * build, the same library and version.
 */
function echarts(): typeof Echarts {
  return (loaded ??= createRequire(import.meta.url)('echarts') as typeof Echarts);
}

export interface ChartSize {
  width: number;
  height: number;
}

const FONT = 'Inter, system-ui, sans-serif';

const STYLE_PROPERTIES = new Set(['font-size', 'font-family', 'font-weight', 'font-style']);

/** Turns `style="font-size:12px;font-family:sans-serif;"` into presentation attributes, dropping anything else. */
function styleToAttributes(style: string): string {
  return style
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)
    .map((d) => {
      const i = d.indexOf(':');
      const prop = d.slice(0, i).trim();
      const value = d.slice(i + 1).trim();
      if (!STYLE_PROPERTIES.has(prop)) return '';
      return ` ${prop}="${prop === 'font-family' ? FONT : value.replace(/"/g, '')}"`;
    })
    .join('');
}

export function sanitizeSvg(svg: string, idPrefix: string, labelledBy: string, describedBy?: string): string {
  return svg
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_m, s: string) => styleToAttributes(s))
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
    .replace(/ class="zr\d+-cls-\d+"/g, '')
    .replace(/ pointer-events="[^"]*"/g, '')
    .replace(/\bzr\d+-/g, `${idPrefix}-`)
    .replace(/<svg width="(\d+)" height="(\d+)"/, (_m, w: string, h: string) => {
      const aria = `role="img" aria-labelledby="${labelledBy}"${describedBy ? ` aria-describedby="${describedBy}"` : ''} focusable="false"`;
      return `<svg class="chart__svg" ${aria} data-width="${w}" data-height="${h}"`;
    });
}

/** Renders an ECharts option to a sanitized SVG string. */
export function renderChartSvg(option: EChartsOption, size: ChartSize, ids: { prefix: string; labelledBy: string; describedBy?: string }): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    return sanitizeSvg(chart.renderToSVGString(), ids.prefix, ids.labelledBy, ids.describedBy);
  } finally {
    chart.dispose();
  }
}
