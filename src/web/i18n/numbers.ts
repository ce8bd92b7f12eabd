import type { Language } from '../../domain/catalogue.js';

/** The BCP 47 locale each UI language formats with. */
export const LOCALES: Record<Language, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };

/** Narrow no-break space: Norwegian groups thousands with it ("250 000"), whatever the ICU version picks. */
const GROUP_SPACE = '\u202f';

/**
 * A phrase with a count, one form per plural category of the language (Intl.PluralRules); `#` stands for the
 * formatted number. Bokmål, nynorsk and English all have exactly the categories `one` and `other`.
 */
export interface PluralForms {
  one: string;
  other: string;
}

export interface NumberWords {
  /** A count or an amount: "250 000" in nb/nn, "250,000" in en. */
  number(n: number): string;
  /** The form of a phrase that fits the count: count(1, { one: '# sekund', other: '# sekunder' }) → "1 sekund". */
  count(n: number, forms: PluralForms): string;
  /** An amount of money: whole kroner as a number ("250 000"), with øre always two decimals ("0,50"). */
  money(n: number): string;
}

const isSmallWhole = (n: number) => Number.isInteger(n) && n >= 0 && n < 1000 && !Object.is(n, -0);

function make(lang: Language): NumberWords {
  const pluralRules = new Intl.PluralRules(LOCALES[lang]);
  // A whole number from 0 to 999 is its digits in all three languages (no group, no sign, no decimals): the counts
  // on a page (facets, lists) are mostly such, and formatting each through Intl showed in the profile of a search.
  const formatter = (f: Intl.NumberFormat) => {
    const full =
      lang === 'en'
        ? (n: number) => f.format(n)
        : (n: number) =>
            f
              .formatToParts(n)
              .map((p) => (p.type === 'group' ? GROUP_SPACE : p.value))
              .join('');
    return (n: number) => (isSmallWhole(n) ? String(n) : full(n));
  };
  const number = formatter(new Intl.NumberFormat(LOCALES[lang]));
  const withOre = formatter(new Intl.NumberFormat(LOCALES[lang], { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  return {
    number,
    count: (n, forms) => (pluralRules.select(n) === 'one' ? forms.one : forms.other).replaceAll('#', number(n)),
    money: (n) => (Number.isInteger(n) ? number(n) : withOre(n)),
  };
}

const byLanguage: Record<Language, NumberWords> = { nb: make('nb'), nn: make('nn'), en: make('en') };

/** Counts and amounts in a language: the one place numbers in sentences are formatted and plurals chosen. */
export function numberWords(lang: Language): NumberWords {
  return byLanguage[lang];
}
