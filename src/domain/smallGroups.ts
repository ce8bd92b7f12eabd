/**
 * The small-group rule for every public or provider-facing aggregate of agencies' answers — survey results,
 * opt-out and accession statistics, the needs aggregate. Pure: no I/O.
 *
 * With k = 5 (MIN_GROUP_SIZE):
 * 1. a group (a cell of a breakdown) counting fewer than k agencies — but some — is hidden (primary suppression);
 * 2. the total minus the groups shown is the hidden groups together, so that remainder must itself hold at least k
 *    agencies (or none): while it holds fewer, the smallest group still shown is hidden too (complementary
 *    suppression). A hidden group can then never be worked out by subtraction;
 * 3. a figure with fewer than k agencies in all is not shown at all.
 * A hidden figure is null, never 0 (0 would be a figure).
 */
export const MIN_GROUP_SIZE = 5;

/**
 * The cells of one breakdown to hide so that no group under k can be seen or worked out from the total: every
 * cell with 0 < n < k, and any in `forced`; then, while the hidden cells together hold more than 0 but fewer than
 * k, the smallest cell still shown (ties by key).
 */
export function cellsToHide(cells: readonly { key: string; n: number }[], k = MIN_GROUP_SIZE, forced: ReadonlySet<string> = new Set()): Set<string> {
  const hidden = new Set(cells.filter((c) => forced.has(c.key) || (c.n > 0 && c.n < k)).map((c) => c.key));
  let remainder = cells.filter((c) => hidden.has(c.key)).reduce((s, c) => s + c.n, 0);
  while (remainder > 0 && remainder < k) {
    const next = cells
      .filter((c) => !hidden.has(c.key) && c.n > 0)
      .sort((a, b) => a.n - b.n || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))[0];
    if (!next) break;
    hidden.add(next.key);
    remainder += next.n;
  }
  return hidden;
}
