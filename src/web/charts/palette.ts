/**
 * Chart colours from Designsystemet's tokens (the Digdir theme, light scheme), read from the theme's CSS so a new
 * theme version brings its own values. Pages set data-color-scheme="light", so the light values are the ones shown.
 * Every series colour is checked for contrast in palette.test.ts: fills against the white page (WCAG 1.4.11, 3:1)
 * and label text against its fill (4.5:1).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../paths.js';

function lightTokens(): Map<string, string> {
  const file = join(projectRoot, 'node_modules/@digdir/designsystemet-theme/brand/digdir.css');
  const css = readFileSync(file, 'utf8');
  const start = css.indexOf('[data-color-scheme="light"]');
  const block = css.slice(start, css.indexOf('}', start));
  const tokens = new Map<string, string>();
  for (const m of block.matchAll(/(--ds-color-[a-z0-9-]+):\s*(#[0-9a-fA-F]{6})\b/g)) tokens.set(m[1]!, m[2]!.toLowerCase());
  return tokens;
}

const tokens = lightTokens();

export function token(name: string): string {
  const v = tokens.get(name);
  if (!v) throw new Error(`Designsystemet token ${name} not found in the theme`);
  return v;
}

/** Neutral colours for axes, grid lines and text. */
export const ink = {
  text: token('--ds-color-neutral-text-default'),
  subtle: token('--ds-color-neutral-text-subtle'),
  grid: token('--ds-color-neutral-border-subtle'),
  border: token('--ds-color-neutral-border-strong'),
  background: token('--ds-color-neutral-background-default'),
};

/**
 * Categorical series colours, in order. Dark enough to stand out from the white page; patterns (decals) and direct
 * labels carry the distinction for readers who cannot tell the hues apart.
 */
export const seriesColours = [
  token('--ds-color-accent-base-default'),
  token('--ds-color-success-base-default'),
  token('--ds-color-brand1-text-subtle'),
  token('--ds-color-brand2-border-strong'),
  token('--ds-color-neutral-base-active'),
  token('--ds-color-brand3-text-default'),
];

/** For "none known" and other absences: a pale fill with a strong outline. */
export const absentFill = token('--ds-color-neutral-surface-active');
export const absentStroke = token('--ds-color-neutral-border-strong');

/** Relative luminance (WCAG 2.1). */
export function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

/** White or the darkest neutral, whichever reads better on the fill. */
export function labelColourOn(fill: string): string {
  return contrast('#ffffff', fill) >= contrast(ink.text, fill) ? '#ffffff' : ink.text;
}
