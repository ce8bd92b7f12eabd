/**
 * Voluntary non-use of a service ("fravalg", the report's 2.1.4 and 5.3): an agency says it does not use a service,
 * with a reason if it wants to give one (DFØ advises against requiring it). This turns the standing non-use
 * declarations into counts by reason (including "no reason given"), by size class and by ministry area, overall and
 * per service, with the small-group rule (src/domain/smallGroups.ts) applied to every breakdown. Pure: no I/O.
 *
 * Rules:
 * - each standing declaration (one agency × one service) counts once; `agencies` counts distinct agencies;
 * - a figure about fewer than k declarations in all is not shown (null), and nor is any breakdown of it;
 * - in each breakdown a cell under k is hidden, with complementary hiding so it cannot be worked out from the total.
 */
import { SIZE_CLASSES, type SizeClass } from './sizeClass.js';
import { cellsToHide, MIN_GROUP_SIZE } from './smallGroups.js';

export interface NonUse {
  agencyOrgnr: string;
  serviceSlug: string;
  /** A code from the questionnaire's `reason` question; null when the agency gave none. */
  reasonCode: string | null;
  sizeClass: SizeClass;
  ministryOrgnr: string | null;
}

export interface NonUseCell<K> {
  key: K;
  /** null: hidden by the small-group rule. */
  count: number | null;
}

export interface NonUseBreakdown {
  /** Standing declarations; null when fewer than k in all. */
  total: number | null;
  /** Of `total`, how many gave no reason (null when hidden). */
  withoutReason: number | null;
  reasons: NonUseCell<string | null>[];
  bySize: NonUseCell<SizeClass>[];
  byMinistry: NonUseCell<string | null>[];
}

export interface NonUseStats extends NonUseBreakdown {
  /** Distinct agencies with at least one standing non-use; null when fewer than k. */
  agencies: number | null;
  byService: ({ serviceSlug: string } & NonUseBreakdown)[];
}

const REASON_ORDER = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a.localeCompare(b));

function protect<K extends string | null>(counts: Map<K, number>, k: number, order: (a: K, b: K) => number): NonUseCell<K>[] {
  const keyOf = (x: K) => (x === null ? '\u0000null' : x);
  const entries = [...counts.entries()].sort((a, b) => order(a[0], b[0]));
  const hidden = cellsToHide(entries.map(([key, n]) => ({ key: keyOf(key), n })), k);
  return entries.map(([key, n]) => ({ key, count: hidden.has(keyOf(key)) ? null : n }));
}

function tally<K>(rows: readonly NonUse[], keyOf: (r: NonUse) => K, seed: readonly K[] = []): Map<K, number> {
  const m = new Map<K, number>(seed.map((s) => [s, 0]));
  for (const r of rows) m.set(keyOf(r), (m.get(keyOf(r)) ?? 0) + 1);
  return m;
}

const HIDDEN: NonUseBreakdown = { total: null, withoutReason: null, reasons: [], bySize: [], byMinistry: [] };

function breakdown(rows: readonly NonUse[], k: number): NonUseBreakdown {
  if (rows.length < k) {
    return { total: rows.length === 0 ? 0 : null, withoutReason: rows.length === 0 ? 0 : null, reasons: [], bySize: [], byMinistry: [] };
  }
  const reasons = protect(tally(rows, (r) => r.reasonCode), k, REASON_ORDER);
  const sizeOrder = (a: SizeClass, b: SizeClass) => SIZE_CLASSES.indexOf(a) - SIZE_CLASSES.indexOf(b);
  const none = reasons.find((c) => c.key === null);
  return {
    total: rows.length,
    withoutReason: none ? none.count : 0,
    reasons,
    bySize: protect(tally(rows, (r) => r.sizeClass, SIZE_CLASSES), k, sizeOrder),
    byMinistry: protect(tally(rows, (r) => r.ministryOrgnr), k, (a, b) => String(a ?? '\uffff').localeCompare(String(b ?? '\uffff'))),
  };
}

export function nonUseStats(rows: readonly NonUse[], k = MIN_GROUP_SIZE): NonUseStats {
  const agencies = new Set(rows.map((r) => r.agencyOrgnr)).size;
  const perService = tally(rows, (r) => r.serviceSlug);
  const services = [...perService.keys()].sort();
  // The services split the total: a service under k is hidden, and others with it so it cannot be worked out.
  const hiddenServices = cellsToHide(services.map((key) => ({ key, n: perService.get(key)! })), k);
  return {
    agencies: agencies > 0 && agencies < k ? null : agencies,
    ...breakdown(rows, k),
    byService: services.map((serviceSlug) => ({ serviceSlug, ...(hiddenServices.has(serviceSlug) ? HIDDEN : breakdown(rows.filter((r) => r.serviceSlug === serviceSlug), k)) })),
  };
}
