import { describe, expect, it } from 'vitest';
import { type NonUse, nonUseStats } from './nonUse.js';

const row = (i: number, over: Partial<NonUse> = {}): NonUse => ({ agencyOrgnr: String(900000000 + i), serviceSlug: 'a', reasonCode: 'cost', sizeClass: 'small', ministryOrgnr: 'M1', ...over });

describe('nonUseStats', () => {
  it('shows nothing of fewer than five declarations, but says when there are none', () => {
    expect(nonUseStats([]).total).toBe(0);
    const s = nonUseStats([row(1), row(2), row(3), row(4)]);
    expect(s).toMatchObject({ total: null, agencies: null, withoutReason: null, reasons: [], bySize: [] });
    expect(s.byService[0]!.total).toBeNull();
  });

  it('counts those who gave no reason, and hides small cells so they cannot be worked out', () => {
    const rows = [
      ...[1, 2, 3, 4, 5, 6].map((i) => row(i)),
      ...[7, 8, 9, 10, 11].map((i) => row(i, { reasonCode: null, sizeClass: 'large' })),
      row(12, { reasonCode: 'quality', sizeClass: 'medium', ministryOrgnr: 'M2' }),
    ];
    const s = nonUseStats(rows);
    expect(s.total).toBe(12);
    expect(s.agencies).toBe(12);
    expect(s.withoutReason).toBeNull();
    // quality (1) is hidden; the remainder 1 < 5 hides the smallest shown cell too (no reason, 5).
    expect(s.reasons).toEqual([
      { key: 'cost', count: 6 },
      { key: 'quality', count: null },
      { key: null, count: null },
    ]);
    expect(nonUseStats(rows.slice(0, 11)).withoutReason).toBe(5);
    expect(s.bySize.find((c) => c.key === 'medium')!.count).toBeNull();
    expect(s.bySize.find((c) => c.key === 'gap')!.count).toBe(0);
    expect(s.byMinistry).toEqual([
      { key: 'M1', count: null },
      { key: 'M2', count: null },
    ]);
  });

  it('hides a small service and one more, since the services add up to the total', () => {
    const rows = [...[1, 2, 3, 4, 5, 6].map((i) => row(i)), ...[7, 8, 9, 10, 11].map((i) => row(i, { serviceSlug: 'b' })), row(12, { serviceSlug: 'c' })];
    const s = nonUseStats(rows);
    expect(s.byService.map((x) => [x.serviceSlug, x.total])).toEqual([
      ['a', 6],
      ['b', null],
      ['c', null],
    ]);
    expect(s.agencies).toBe(12);
  });
});
