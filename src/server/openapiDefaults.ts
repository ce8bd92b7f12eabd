/**
 * A parameter with a default is one a client may leave out: the server fills it in. TypeBox marks every property
 * without Type.Optional as required (the handlers can then rely on it being there after defaults are applied), so
 * the generated document would force clients to pass `limit` and `offset`; this clears `required` on them.
 */
interface Parameter {
  in?: string;
  required?: boolean;
  schema?: { default?: unknown };
}

export function optionalDefaultedParameters<T extends { paths?: unknown }>(doc: T): T {
  for (const item of Object.values((doc.paths ?? {}) as Record<string, Record<string, { parameters?: Parameter[] }>>)) {
    for (const op of Object.values(item ?? {})) {
      for (const p of op?.parameters ?? []) {
        if (p.in !== 'path' && p.required && p.schema && p.schema.default !== undefined) p.required = false;
      }
    }
  }
  return doc;
}
