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

type Operation = { operationId?: string; security?: unknown[]; responses?: Record<string, unknown>; parameters?: Parameter[] };
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** "get", "/api/v1/services/{slug}/versions" → "getServicesBySlugVersions": a stable name for generated clients. */
export function operationIdFor(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/v1/, '')
    .split('/')
    .filter(Boolean)
    .map((s) => (s.startsWith('{') ? `by-${s.slice(1, -1)}` : s))
    .join('-')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return method + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/**
 * What Redocly's `recommended` rules ask of every operation (checked by test/api/openapi-lint-polish3.test.ts):
 * - an `operationId`, so generated clients have method names: one is derived from the method and path where the
 *   route gave none;
 * - `security` on every operation: a route that needs a principal declares it (`security` in its schema); any
 *   other is public, said explicitly as `security: []`;
 * - a 4XX response: every operation validates its input, so one that documents none gets the 400 problem the
 *   others document.
 */
export function completeOperations<T extends { paths?: unknown }>(doc: T): T {
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Operation>>;
  const ops = Object.entries(paths).flatMap(([path, item]) => METHODS.filter((m) => item?.[m]).map((m) => ({ path, method: m, op: item[m]! })));
  const badRequest = ops.map((o) => o.op.responses?.['400']).find((r) => r !== undefined);
  const taken = new Set(ops.map((o) => o.op.operationId).filter(Boolean));
  for (const { path, method, op } of ops) {
    if (!op.operationId) {
      let id = operationIdFor(method, path);
      while (taken.has(id)) id += 'X';
      taken.add(id);
      op.operationId = id;
    }
    op.security ??= [];
    if (badRequest && op.responses && !Object.keys(op.responses).some((s) => /^4(\d\d|XX)$/.test(s))) op.responses['400'] = badRequest;
  }
  return doc;
}
