import type { SizeClass, SizeThresholds } from '../../domain/sizeClass.js';
import type { Messages } from '../../web/i18n/index.js';

/**
 * A size class with its employee range under the configured thresholds, in words: "Mellomstor (50–150 ansatte)".
 * The report's undefined band has no name of its own: it is named by its range alone ("151–200 ansatte"), under the
 * configured thresholds (the catalogue's `vocab.sizeClass.gap` is the range under the report's thresholds, for
 * places without thresholds at hand). Unknown stays unknown. When the thresholds leave no gap, it has no range.
 */
export function sizeClassText(t: Messages, c: SizeClass, th: SizeThresholds): string {
  const r = t.agency.sizeRange;
  const range =
    c === 'small'
      ? r.below(th.smallBelow)
      : c === 'medium'
        ? r.between(th.smallBelow, th.mediumMax)
        : c === 'gap' && th.largeAbove > th.mediumMax
          ? r.between(th.mediumMax + 1, th.largeAbove)
          : c === 'large'
            ? r.above(th.largeAbove)
            : undefined;
  if (c === 'gap') return range ?? t.vocab.sizeClass[c];
  return range ? `${t.vocab.sizeClass[c]} (${range})` : t.vocab.sizeClass[c];
}

/** A size class's short name (table cells): the name, or for the gap its range under the configured thresholds. */
export function sizeClassName(t: Messages, c: SizeClass, th: SizeThresholds): string {
  return c === 'gap' ? sizeClassText(t, c, th) : t.vocab.sizeClass[c];
}
