import type { SizeClass, SizeThresholds } from '../../domain/sizeClass.js';
import type { Messages } from '../../web/i18n/index.js';

/**
 * A size class with its employee range under the configured thresholds, in words: "Mellomstor (50–150 ansatte)".
 * The report's undefined band keeps its own name and range ("Mellom mellomstor og stor (151–200 ansatte)");
 * unknown stays unknown. When the thresholds leave no gap, the gap class has no range.
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
  return range ? `${t.vocab.sizeClass[c]} (${range})` : t.vocab.sizeClass[c];
}
