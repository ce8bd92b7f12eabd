import { describe, expect, it } from 'vitest';
import { declarationStats, protectDeclarationStats, type Declaration, type EligibleAgency } from './declarations.js';
import { protectNeedTable, type NeedCell } from './needTable.js';
import { MIN_GROUP_SIZE } from './smallGroups.js';
import type { SizeClass } from './sizeClass.js';

/** Small groups stay hidden in every aggregate of agencies' answers (issue 14, item 3). */
describe('the small-group rule for opt-outs', () => {
  const agencies: EligibleAgency[] = [
    ...Array.from({ length: 20 }, (_, i) => ({ orgnr: `s${i}`, sizeClass: 'small' as SizeClass, ministryOrgnr: i < 10 ? 'KD' : 'JD' })),
    { orgnr: 'L1', sizeClass: 'large', ministryOrgnr: 'KUD' },
  ];
  const decl = (orgnr: string, kind: Declaration['kind'], reasonCode: string | null = null): Declaration => ({
    procurementId: 'p',
    agencyOrgnr: orgnr,
    kind,
    reasonCode,
    ...(({ sizeClass, ministryOrgnr }) => ({ sizeClass, ministryOrgnr }))(agencies.find((a) => a.orgnr === orgnr)!),
  });

  it('the one large agency under its own ministry cannot be read off the size class, the ministry or the totals', () => {
    // Seven small agencies accede; the one large agency opts out, with a reason.
    const ds = [...Array.from({ length: 7 }, (_, i) => decl(`s${i}`, 'accession')), decl('L1', 'opt_out', 'own_contract')];
    const [full] = declarationStats([{ id: 'p', eligible: agencies }], ds);
    expect(full!.bySize.find((b) => b.sizeClass === 'large')).toMatchObject({ optOuts: 1 }); // the leak, unprotected
    const shown = protectDeclarationStats(full!);
    const large = shown.bySize.find((b) => b.sizeClass === 'large')!;
    expect(large).toMatchObject({ eligible: 1, optOuts: null, accessions: null, hidden: true, reasons: [] });
    expect(shown.byMinistry.find((m) => m.ministryOrgnr === 'KUD')).toMatchObject({ optOuts: null, hidden: true });
    // Complementary: total minus the shown groups is the hidden groups together, and must not be 1–4.
    for (const breakdown of [shown.bySize, shown.byMinistry]) {
      const visible = breakdown.filter((g) => !g.hidden).reduce((n, g) => n + g.optOuts! + g.accessions!, 0);
      const remainder = shown.optOuts! + shown.accessions! - visible;
      expect(remainder === 0 || remainder >= MIN_GROUP_SIZE).toBe(true);
    }
    // One opt-out in all: its reason is not shown either.
    expect(shown.reasons).toEqual([]);
  });

  it('fewer than 5 declarations in all: only how many are eligible', () => {
    const [full] = declarationStats([{ id: 'p', eligible: agencies }], [decl('s1', 'opt_out', 'cost'), decl('s2', 'accession')]);
    const shown = protectDeclarationStats(full!);
    expect(shown).toMatchObject({ eligible: 21, optOuts: null, accessions: null, undeclared: null, optOutRate: null, hidden: true, reasons: [] });
    expect(shown.bySize.every((b) => b.hidden && b.optOuts === null)).toBe(true);
  });

  it('enough declarations in every group: everything shows, reasons too', () => {
    const ds = Array.from({ length: 20 }, (_, i) => decl(`s${i}`, 'opt_out', i % 2 ? 'cost' : 'own_contract'));
    const shown = protectDeclarationStats(declarationStats([{ id: 'p', eligible: agencies }], ds)[0]!);
    expect(shown).toMatchObject({ optOuts: 20, hidden: false });
    expect(shown.reasons.map((r) => r.count)).toEqual([10, 10]);
    expect(shown.bySize.find((b) => b.sizeClass === 'small')).toMatchObject({ optOuts: 20, hidden: false });
    expect(shown.byMinistry.filter((m) => !m.hidden && m.optOuts).map((m) => m.optOuts)).toEqual([10, 10]);
  });
});

describe('the small-group rule for the needs aggregate', () => {
  const need = (areaSlug: string, sizeClass: SizeClass, agencyOrgnr: string): NeedCell => ({ areaSlug, sizeClass, agencyOrgnr, urgency: 'medium' });

  it('a provider cannot subtract what it sees from the totals to find one agency’s unshared need', () => {
    // Area "arkiv": 6 small agencies and 1 large one (whose need is not shared). Area "it": 8 small agencies.
    const needs = [
      ...Array.from({ length: 6 }, (_, i) => need('arkiv', 'small', `a${i}`)),
      need('arkiv', 'large', 'BIG'),
      ...Array.from({ length: 8 }, (_, i) => need('it', 'small', `b${i}`)),
    ];
    const shown = protectNeedTable(needs, ['arkiv', 'it']);
    const arkiv = shown.rows.find((r) => r.areaSlug === 'arkiv')!;
    expect(arkiv.counts.large).toBeNull();
    // Not by the row (total 7 minus small 6) …
    expect(arkiv.counts.small).toBeNull();
    // … nor by the column (large in all minus the other areas' large): a size class's total shows only when none of
    // its cells is hidden.
    expect(shown.totals.counts.large).toBeNull();
    expect(shown.totals.counts.small).toBeNull();
    expect(shown.rows.find((r) => r.areaSlug === 'it')!.counts.small).toBe(8);
    expect(shown.totals).toMatchObject({ total: 15, agencies: 15 });
  });

  it('fewer than 5 agencies in all: nothing', () => {
    const shown = protectNeedTable([need('arkiv', 'small', 'a'), need('arkiv', 'small', 'b')], []);
    expect(shown.tooFew).toBe(true);
    expect(shown.totals.total).toBeNull();
    expect(shown.rows[0]!.counts.small).toBeNull();
  });

  it('an area of fewer than 5 agencies is hidden whole, and another with it so the grand total gives nothing away', () => {
    const needs = [
      ...Array.from({ length: 9 }, (_, i) => need('it', 'small', `b${i}`)),
      ...Array.from({ length: 6 }, (_, i) => need('innkjop', 'medium', `c${i}`)),
      need('arkiv', 'large', 'BIG'),
    ];
    const shown = protectNeedTable(needs, []);
    const by = Object.fromEntries(shown.rows.map((r) => [r.areaSlug, r]));
    expect(by.arkiv).toMatchObject({ total: null, hidden: true });
    expect(by.innkjop).toMatchObject({ total: null, hidden: true });
    expect(by.it).toMatchObject({ total: 9, counts: { small: 9 } });
    expect(shown.totals.total).toBe(16);
  });
});
