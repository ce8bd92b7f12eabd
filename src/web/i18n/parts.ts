/**
 * How the per-resource catalogue modules (`<resource>.nb.ts`, `.nn.ts`, `.en.ts`) become one catalogue per
 * language. Each module owns its top-level keys; a key defined by two modules is an error at start-up (and in
 * i18n.test.ts), not a silent override.
 */

/** The shape a translation must fill: strings stay strings, message functions keep their parameters. */
export type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : { [K in keyof T]: Widen<T[K]> };

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** All modules' keys in one object type. */
export type Merged<P> = UnionToIntersection<P[keyof P]>;

/** Top-level keys that more than one module defines, as "key (a, b)". */
export function duplicateKeys(parts: Record<string, object>): string[] {
  const owners = new Map<string, string[]>();
  for (const [module, part] of Object.entries(parts)) {
    for (const key of Object.keys(part)) owners.set(key, [...(owners.get(key) ?? []), module]);
  }
  return [...owners].filter(([, modules]) => modules.length > 1).map(([key, modules]) => `${key} (${modules.join(', ')})`);
}

export function mergeParts<P extends Record<string, object>>(parts: P): Merged<P> {
  const duplicates = duplicateKeys(parts);
  if (duplicates.length) throw new Error(`Message keys defined in more than one catalogue module: ${duplicates.join('; ')}`);
  return Object.assign({}, ...Object.values(parts)) as Merged<P>;
}
