/**
 * Opt-outs and accessions: before Statens innkjøpssenter announces a procurement every eligible agency may reserve
 * itself ("fravalg", with a reason), and Markedsplass for skytjenester maps who wants to join an agreement
 * ("tilslutningserklæring"). This turns declarations into rates and reason breakdowns, overall and by size class
 * and ministry area, per procurement.
 *
 * Pure, so it can be wired to the declarations register when it exists. Rules:
 * - one agency counts once per procurement: when it has several declarations, the last one given wins (pass them
 *   in the order they were made);
 * - rates are over the agencies eligible for the procurement; a declaration from an agency outside that set is
 *   counted in `outsideEligible` and nowhere else;
 * - size classes and ministry areas are the eligible agency's, including `gap` (151–200) and `unknown`.
 */
import type { DeclarationKind } from './procurementLifecycle.js';
import { SIZE_CLASSES, type SizeClass } from './sizeClass.js';
import { share } from './shares.js';
import { cellsToHide, MIN_GROUP_SIZE } from './smallGroups.js';

export interface Declaration {
  procurementId: string;
  agencyOrgnr: string;
  kind: DeclarationKind;
  /** A code from the procurement's questionnaire; null when no reason was given. */
  reasonCode: string | null;
  sizeClass: SizeClass;
  ministryOrgnr: string | null;
}

export interface EligibleAgency {
  orgnr: string;
  sizeClass: SizeClass;
  ministryOrgnr: string | null;
}

export interface Procurement {
  id: string;
  eligible: readonly EligibleAgency[];
}

export interface Rates {
  eligible: number;
  optOuts: number;
  accessions: number;
  /** Eligible agencies that declared nothing. */
  undeclared: number;
  optOutRate: number | null;
  accessionRate: number | null;
}

export interface ReasonCount {
  /** `null`: no reason given. */
  code: string | null;
  count: number;
  /** Of the opt-outs in the same group. */
  share: number | null;
}

export interface ProcurementDeclarationStats extends Rates {
  procurementId: string;
  outsideEligible: number;
  bySize: ({ sizeClass: SizeClass } & Rates & { reasons: ReasonCount[] })[];
  byMinistry: ({ ministryOrgnr: string | null } & Rates)[];
  reasons: ReasonCount[];
}

interface Tally {
  eligible: number;
  optOuts: number;
  accessions: number;
}

const rates = (t: Tally): Rates => ({
  ...t,
  undeclared: t.eligible - t.optOuts - t.accessions,
  optOutRate: share(t.optOuts, t.eligible),
  accessionRate: share(t.accessions, t.eligible),
});

function reasonCounts(codes: (string | null)[]): ReasonCount[] {
  const m = new Map<string | null, number>();
  for (const c of codes) m.set(c, (m.get(c) ?? 0) + 1);
  return [...m.entries()]
    .map(([code, count]) => ({ code, count, share: share(count, codes.length) }))
    .sort((a, b) => b.count - a.count || String(a.code ?? '\uffff').localeCompare(String(b.code ?? '\uffff')));
}

export function declarationStats(procurements: readonly Procurement[], declarations: readonly Declaration[]): ProcurementDeclarationStats[] {
  const latest = new Map<string, Declaration>();
  for (const d of declarations) latest.set(`${d.procurementId}\u0000${d.agencyOrgnr}`, d);
  return procurements.map((p) => {
    const eligibleByOrgnr = new Map(p.eligible.map((a) => [a.orgnr, a]));
    const mine = [...latest.values()].filter((d) => d.procurementId === p.id);
    const inside = mine.filter((d) => eligibleByOrgnr.has(d.agencyOrgnr));
    const tally = (agencies: readonly EligibleAgency[], ds: readonly Declaration[]): Tally => ({
      eligible: agencies.length,
      optOuts: ds.filter((d) => d.kind === 'opt_out').length,
      accessions: ds.filter((d) => d.kind === 'accession').length,
    });
    const sizeOf = (d: Declaration) => eligibleByOrgnr.get(d.agencyOrgnr)!.sizeClass;
    const ministryOf = (d: Declaration) => eligibleByOrgnr.get(d.agencyOrgnr)!.ministryOrgnr;
    const ministries = [...new Set(p.eligible.map((a) => a.ministryOrgnr))];
    return {
      procurementId: p.id,
      ...rates(tally(p.eligible, inside)),
      outsideEligible: mine.length - inside.length,
      reasons: reasonCounts(inside.filter((d) => d.kind === 'opt_out').map((d) => d.reasonCode)),
      bySize: SIZE_CLASSES.map((sizeClass) => {
        const ds = inside.filter((d) => sizeOf(d) === sizeClass);
        return {
          sizeClass,
          ...rates(tally(p.eligible.filter((a) => a.sizeClass === sizeClass), ds)),
          reasons: reasonCounts(ds.filter((d) => d.kind === 'opt_out').map((d) => d.reasonCode)),
        };
      }),
      byMinistry: ministries.map((ministryOrgnr) => ({
        ministryOrgnr,
        ...rates(tally(p.eligible.filter((a) => a.ministryOrgnr === ministryOrgnr), inside.filter((d) => ministryOf(d) === ministryOrgnr))),
      })),
    };
  });
}

/** Rates as everyone sees them: a figure about fewer than k declaring agencies is null (src/domain/smallGroups.ts). */
export interface PublicRates {
  eligible: number;
  optOuts: number | null;
  accessions: number | null;
  undeclared: number | null;
  optOutRate: number | null;
  accessionRate: number | null;
  /** True when the group's declarations are hidden (fewer than k agencies declared, or hidden so others cannot be worked out). */
  hidden: boolean;
}

export interface PublicDeclarationStats extends PublicRates {
  procurementId: string;
  outsideEligible: number | null;
  bySize: ({ sizeClass: SizeClass } & PublicRates & { reasons: ReasonCount[] })[];
  byMinistry: ({ ministryOrgnr: string | null } & PublicRates)[];
  reasons: ReasonCount[];
}

const hiddenRates = (r: Rates): PublicRates => ({ eligible: r.eligible, optOuts: null, accessions: null, undeclared: null, optOutRate: null, accessionRate: null, hidden: true });
const shownRates = (r: Rates): PublicRates => ({ eligible: r.eligible, optOuts: r.optOuts, accessions: r.accessions, undeclared: r.undeclared, optOutRate: r.optOutRate, accessionRate: r.accessionRate, hidden: false });
const declared = (r: Rates) => r.optOuts + r.accessions;

/**
 * The opt-out statistics with the small-group rule (src/domain/smallGroups.ts) applied, counting the agencies that
 * declared: a procurement with fewer than k declarations shows only how many are eligible; in each breakdown (size
 * class, ministry area) a group with fewer than k declarations is hidden, with complementary hiding so it cannot be
 * worked out from the total; reasons are shown only where at least k opted out (the same rule per group).
 */
export function protectDeclarationStats(s: ProcurementDeclarationStats, k = MIN_GROUP_SIZE): PublicDeclarationStats {
  const total = declared(s);
  const outsideEligible = s.outsideEligible > 0 && s.outsideEligible < k ? null : s.outsideEligible;
  if (total > 0 && total < k) {
    return {
      procurementId: s.procurementId,
      ...hiddenRates(s),
      outsideEligible,
      reasons: [],
      bySize: s.bySize.map((b) => ({ sizeClass: b.sizeClass, ...hiddenRates(b), reasons: [] })),
      byMinistry: s.byMinistry.map((m) => ({ ministryOrgnr: m.ministryOrgnr, ...hiddenRates(m) })),
    };
  }
  const sizeHidden = cellsToHide(s.bySize.map((b) => ({ key: b.sizeClass, n: declared(b) })), k);
  const sizeReasonsHidden = cellsToHide(s.bySize.map((b) => ({ key: b.sizeClass, n: b.optOuts })), k, sizeHidden);
  const ministryKey = (m: { ministryOrgnr: string | null }) => m.ministryOrgnr ?? '';
  const ministryHidden = cellsToHide(s.byMinistry.map((m) => ({ key: ministryKey(m), n: declared(m) })), k);
  return {
    procurementId: s.procurementId,
    ...shownRates(s),
    outsideEligible,
    reasons: s.optOuts > 0 && s.optOuts < k ? [] : s.reasons,
    bySize: s.bySize.map((b) =>
      sizeHidden.has(b.sizeClass)
        ? { sizeClass: b.sizeClass, ...hiddenRates(b), reasons: [] }
        : { sizeClass: b.sizeClass, ...shownRates(b), reasons: sizeReasonsHidden.has(b.sizeClass) ? [] : b.reasons },
    ),
    byMinistry: s.byMinistry.map((m) => ({ ministryOrgnr: m.ministryOrgnr, ...(ministryHidden.has(ministryKey(m)) ? hiddenRates(m) : shownRates(m)) })),
  };
}
