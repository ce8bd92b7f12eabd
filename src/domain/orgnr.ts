/**
 * Norwegian organisation numbers (organisasjonsnummer) from Enhetsregisteret.
 *
 * Nine digits; the ninth is a MOD11 check digit over the first eight with the weights 3, 2, 7, 6, 5, 4, 3, 2
 * (Brønnøysundregistrene). A remainder of 1 would need the check digit 10, so such numbers are never issued.
 */

const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

/** Why an organisation number was refused; the codes map to messages in the UI and API. */
export type OrgnrProblem = 'empty' | 'format' | 'length' | 'checksum';

export type OrgnrCheck = { ok: true; orgnr: string } | { ok: false; problem: OrgnrProblem };

/** The check digit for the first eight digits, or undefined when no valid check digit exists. */
export function orgnrCheckDigit(firstEight: string): number | undefined {
  if (!/^\d{8}$/.test(firstEight)) return undefined;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(firstEight[i]) * WEIGHTS[i]!;
  const remainder = sum % 11;
  if (remainder === 0) return 0;
  if (remainder === 1) return undefined;
  return 11 - remainder;
}

/**
 * Checks an organisation number as a user may type it: spaces between digit groups ("974 760 673") are
 * accepted and removed; anything else that is not a digit is refused.
 */
export function checkOrgnr(input: string | null | undefined): OrgnrCheck {
  const compact = (input ?? '').replace(/[\s\u00a0]/g, '');
  if (compact === '') return { ok: false, problem: 'empty' };
  if (!/^\d+$/.test(compact)) return { ok: false, problem: 'format' };
  if (compact.length !== 9) return { ok: false, problem: 'length' };
  const expected = orgnrCheckDigit(compact.slice(0, 8));
  if (expected === undefined || expected !== Number(compact[8])) return { ok: false, problem: 'checksum' };
  return { ok: true, orgnr: compact };
}

export function isValidOrgnr(input: string | null | undefined): boolean {
  return checkOrgnr(input).ok;
}

/** "974760673" → "974 760 673", the way the registers print it. */
export function formatOrgnr(orgnr: string): string {
  return orgnr.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3');
}
