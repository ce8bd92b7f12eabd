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
import { SIZE_CLASSES, type SizeClass } from './sizeClass.js';
import { share } from './shares.js';

export const DECLARATION_KINDS = ['opt_out', 'accession'] as const;
export type DeclarationKind = (typeof DECLARATION_KINDS)[number];

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
