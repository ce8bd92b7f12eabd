import { describe, expect, it } from 'vitest';
import { coverageOf, isGapExposed, MODEL_BIT, modelMask, modelsOfMask, summarizeCoverage } from './coverage.js';

describe('coverage of an agency in an area', () => {
  it('round-trips model sets through the bit mask', () => {
    expect(modelsOfMask(modelMask(['network', 'central']))).toEqual(['central', 'network']);
    expect(modelMask([])).toBe(0);
  });

  it('counts an agency under its first arrangement: central, sector, group, network, own, none', () => {
    expect(coverageOf(modelMask(['sector', 'central']), false)).toEqual({ models: ['central', 'sector'], inHouse: false, primary: 'central' });
    expect(coverageOf(modelMask(['network']), true).primary).toBe('network');
    expect(coverageOf(0, true)).toEqual({ models: [], inHouse: true, primary: 'own' });
    expect(coverageOf(0, false).primary).toBe('none');
  });

  it('flags agencies with no central, sector or group arrangement as exposed to the gap', () => {
    expect(isGapExposed(0)).toBe(true);
    expect(isGapExposed(MODEL_BIT.network)).toBe(true);
    expect(isGapExposed(MODEL_BIT.sector | MODEL_BIT.network)).toBe(false);
    expect(isGapExposed(MODEL_BIT.group)).toBe(false);
    expect(isGapExposed(MODEL_BIT.central)).toBe(false);
  });

  it('summarizes groups per area and counts the rest of the population as none known', () => {
    const s = summarizeCoverage(
      ['lonn', 'it-drift'],
      [
        { area: 'lonn', mask: MODEL_BIT.central, inHouse: false, agencies: 8 },
        { area: 'lonn', mask: MODEL_BIT.central | MODEL_BIT.sector, inHouse: false, agencies: 1 },
        { area: 'it-drift', mask: MODEL_BIT.sector, inHouse: false, agencies: 3 },
        { area: 'it-drift', mask: MODEL_BIT.network, inHouse: false, agencies: 2 },
        { area: 'it-drift', mask: 0, inHouse: true, agencies: 1 },
        { area: 'unknown-area', mask: 1, inHouse: false, agencies: 99 },
      ],
      10,
    );
    expect(s[0]).toEqual({ area: 'lonn', population: 10, gapExposed: 1, counts: { central: 9, sector: 0, group: 0, network: 0, own: 0, none: 1 } });
    expect(s[1]).toEqual({ area: 'it-drift', population: 10, gapExposed: 7, counts: { central: 0, sector: 3, group: 0, network: 2, own: 1, none: 4 } });
  });
});
