import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: { default?: unknown };
}

/** A generated client must not force callers to pass parameters the server fills in. */
describe('OpenAPI document', () => {
  const t = useTestApp('pglite', { seed: 'empty' });

  it('marks no parameter with a default as required (limit, offset …)', async () => {
    const res = await t.app.inject({ url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { paths: Record<string, Record<string, { parameters?: Parameter[] }>> };
    const withDefault: string[] = [];
    const requiredWithDefault: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        for (const p of op.parameters ?? []) {
          if (p.schema?.default === undefined) continue;
          withDefault.push(`${method} ${path} ${p.name}`);
          if (p.required) requiredWithDefault.push(`${method} ${path} ${p.name}`);
        }
      }
    }
    expect(withDefault.length).toBeGreaterThanOrEqual(12);
    expect(withDefault).toContain('get /api/v1/services limit');
    expect(requiredWithDefault).toEqual([]);
  });

  it('still applies the defaults when a client leaves them out', async () => {
    const res = await t.app.inject({ url: '/api/v1/services' });
    expect(res.statusCode).toBe(200);
  });
});
