import { describe, expect, it } from 'vitest';
import { type NeedCell, tabulateNeeds } from './needTable.js';

const cell = (areaSlug: string, sizeClass: NeedCell['sizeClass'], agencyOrgnr: string, urgency: NeedCell['urgency'] = 'medium'): NeedCell => ({ areaSlug, sizeClass, urgency, agencyOrgnr });

describe('unmet needs per area and size class', () => {
  it('counts per size class, urgent ones and distinct agencies, largest area first', () => {
    const { rows, totals } = tabulateNeeds(
      [
        cell('arkiv', 'small', '1', 'high'),
        cell('arkiv', 'small', '2'),
        cell('arkiv', 'gap', '3', 'high'),
        cell('arkiv', 'small', '1'),
        cell('it-drift', 'unknown', '4'),
        cell('lonn', 'large', '5'),
      ],
      ['lonn', 'it-drift', 'arkiv'],
    );
    expect(rows.map((r) => r.areaSlug)).toEqual(['arkiv', 'lonn', 'it-drift']);
    expect(rows[0]).toEqual({ areaSlug: 'arkiv', counts: { small: 3, medium: 0, gap: 1, large: 0, unknown: 0 }, total: 4, urgent: 2, agencies: 3 });
    expect(rows[2]!.counts.unknown).toBe(1);
    expect(totals).toEqual({ counts: { small: 3, medium: 0, gap: 1, large: 1, unknown: 1 }, total: 6, urgent: 2, agencies: 5 });
  });

  it('is empty without needs', () => {
    expect(tabulateNeeds([], [])).toEqual({ rows: [], totals: { counts: { small: 0, medium: 0, gap: 0, large: 0, unknown: 0 }, total: 0, urgent: 0, agencies: 0 } });
  });
});
