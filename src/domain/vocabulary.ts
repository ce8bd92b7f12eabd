/**
 * The closed lists of codes the domain declares as `export const KINDS = [...] as const` with
 * `export type Kind = (typeof KINDS)[number]`: whether a value from outside (a form field, a query, a file) is one
 * of the codes, as a type guard, so callers need no `as readonly string[]` cast and no `as Kind` after it. Pure.
 */
export function isOneOf<T extends string>(codes: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (codes as readonly string[]).includes(value);
}
