import { describe, expect, it } from 'vitest';
import { type Declaration, declarationStats, type EligibleAgency } from './declarations.js';

const KD = '972417807';
const JD = '972417831';
const eligible: EligibleAgency[] = [
  { orgnr: 'a1', sizeClass: 'small', ministryOrgnr: KD },
  { orgnr: 'a2', sizeClass: 'small', ministryOrgnr: KD },
  { orgnr: 'a3', sizeClass: 'small', ministryOrgnr: JD },
  { orgnr: 'a4', sizeClass: 'medium', ministryOrgnr: JD },
  { orgnr: 'a5', sizeClass: 'gap', ministryOrgnr: JD },
  { orgnr: 'a6', sizeClass: 'large', ministryOrgnr: KD },
  { orgnr: 'a7', sizeClass: 'unknown', ministryOrgnr: null },
  { orgnr: 'a8', sizeClass: 'large', ministryOrgnr: KD },
];
const d = (agencyOrgnr: string, kind: Declaration['kind'], reasonCode: string | null = null, procurementId = 'p1'): Declaration => ({
  procurementId,
  agencyOrgnr,
  kind,
  reasonCode,
  sizeClass: eligible.find((e) => e.orgnr === agencyOrgnr)?.sizeClass ?? 'unknown',
  ministryOrgnr: null,
});

describe('opt-out and accession statistics', () => {
  const [p1, p2] = declarationStats(
    [
      { id: 'p1', eligible },
      { id: 'p2', eligible: eligible.slice(0, 2) },
    ],
    [
      d('a1', 'opt_out', 'own_agreement'),
      d('a2', 'opt_out', 'no_need'),
      d('a3', 'opt_out', 'own_agreement'),
      d('a5', 'opt_out', null),
      d('a7', 'accession'),
      d('a6', 'opt_out', 'no_need'),
      d('a6', 'accession'), // changed its mind: the last declaration counts
      d('zz', 'opt_out', 'no_need'), // not eligible
      d('a1', 'accession', null, 'p2'),
    ],
  );

  it('gives rates over the eligible agencies, counting each agency once', () => {
    expect(p1).toMatchObject({ procurementId: 'p1', eligible: 8, optOuts: 4, accessions: 2, undeclared: 2, optOutRate: 0.5, accessionRate: 0.25, outsideEligible: 1 });
    expect(p2).toMatchObject({ eligible: 2, optOuts: 0, accessions: 1, accessionRate: 0.5, outsideEligible: 0 });
  });

  it('breaks reasons down, with no reason given as its own line', () => {
    expect(p1!.reasons).toEqual([
      { code: 'own_agreement', count: 2, share: 0.5 },
      { code: 'no_need', count: 1, share: 0.25 },
      { code: null, count: 1, share: 0.25 },
    ]);
  });

  it('splits by every size class, the 151–200 gap and unknown included', () => {
    const by = Object.fromEntries(p1!.bySize.map((s) => [s.sizeClass, s]));
    expect(Object.keys(by)).toEqual(['small', 'medium', 'gap', 'large', 'unknown']);
    expect(by.small).toMatchObject({ eligible: 3, optOuts: 3, optOutRate: 1 });
    expect(by.small!.reasons).toEqual([
      { code: 'own_agreement', count: 2, share: 2 / 3 },
      { code: 'no_need', count: 1, share: 1 / 3 },
    ]);
    expect(by.gap).toMatchObject({ eligible: 1, optOuts: 1, optOutRate: 1 });
    expect(by.unknown).toMatchObject({ eligible: 1, accessions: 1, accessionRate: 1 });
    expect(by.medium).toMatchObject({ eligible: 1, optOuts: 0, optOutRate: 0, undeclared: 1 });
    expect(by.large).toMatchObject({ eligible: 2, optOuts: 0, accessions: 1 });
  });

  it('splits by ministry area, so a ministry can follow its agencies', () => {
    const by = Object.fromEntries(p1!.byMinistry.map((m) => [String(m.ministryOrgnr), m]));
    expect(by[KD]).toMatchObject({ eligible: 4, optOuts: 2, accessions: 1 });
    expect(by[JD]).toMatchObject({ eligible: 3, optOuts: 2 });
    expect(by.null).toMatchObject({ eligible: 1, accessions: 1 });
  });

  it('returns nothing to divide when a procurement has no eligible agency', () => {
    const [empty] = declarationStats([{ id: 'p', eligible: [] }], []);
    expect(empty).toMatchObject({ eligible: 0, optOutRate: null, accessionRate: null, reasons: [] });
  });
});
