import { describe, expect, it } from 'vitest';
import { absentFill, absentStroke, contrast, ink, labelColourOn, seriesColours, token } from './palette.js';

describe('chart palette from Designsystemet tokens', () => {
  it('reads the light theme values', () => {
    expect(token('--ds-color-accent-base-default')).toMatch(/^#[0-9a-f]{6}$/);
    expect(ink.background).toBe('#ffffff');
    expect(() => token('--ds-color-nothing')).toThrow(/not found/);
  });

  it('gives every series colour 3:1 against the page and distinct colours', () => {
    for (const c of seriesColours) expect(contrast(c, ink.background), c).toBeGreaterThanOrEqual(3);
    expect(new Set(seriesColours).size).toBe(seriesColours.length);
    // The pale "none known" fill is outlined with a colour that stands out from the page.
    expect(contrast(absentStroke, ink.background)).toBeGreaterThanOrEqual(3);
    expect(contrast(absentStroke, absentFill)).toBeGreaterThanOrEqual(3);
  });

  it('picks label text that reads at 4.5:1 on every fill', () => {
    for (const c of [...seriesColours, absentFill]) expect(contrast(labelColourOn(c), c), c).toBeGreaterThanOrEqual(4.5);
    expect(contrast(ink.text, ink.background)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(ink.subtle, ink.background)).toBeGreaterThanOrEqual(4.5);
  });
});
