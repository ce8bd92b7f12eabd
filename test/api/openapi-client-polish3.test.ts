import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import createClient from 'openapi-fetch';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPortal, startPortal } from '../support/browser.js';

/** A client the way an agency's developer would make one: types generated from /api/v1/openapi.json, then openapi-fetch. */
const CLIENT = `import createClient from 'openapi-fetch';
import type { paths } from './api.js';

export const client = createClient<paths>({ baseUrl: 'http://127.0.0.1' });

// limit and offset have defaults: a caller may leave them out.
export const search = () => client.GET('/api/v1/services', { params: { query: { q: 'lønn' } } });
export const service = (slug: string) => client.GET('/api/v1/services/{slug}', { params: { path: { slug } } });
export const agency = (orgnr: string) => client.GET('/api/v1/agencies/{orgnr}', { params: { path: { orgnr } } });
export async function firstName(): Promise<string | undefined> {
  const { data } = await search();
  return data?.items[0]?.name;
}
`;
/** Wrong on purpose: a path parameter left out and a query parameter that does not exist. */
const WRONG = `import createClient from 'openapi-fetch';
import type { paths } from './api.js';
const client = createClient<paths>({ baseUrl: 'http://127.0.0.1' });
export const a = () => client.GET('/api/v1/services/{slug}', {});
export const b = () => client.GET('/api/v1/services', { params: { query: { nosuchparameter: 1 } } });
`;

function typeErrors(dir: string, file: string): string[] {
  const program = ts.createProgram([join(dir, file)], { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: true });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('a TypeScript client generated from the OpenAPI document', () => {
  let portal: RunningPortal;
  // Inside node_modules/.cache so that the generated files resolve openapi-fetch like a project would.
  const dir = join('node_modules', '.cache', `openapi-client-${process.pid}`);
  beforeAll(async () => {
    portal = await startPortal('pglite', { seed: 'demo' });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  });
  afterAll(async () => {
    await portal?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('generates, type-checks (and refuses wrong calls), and calls three endpoints of a running portal', { timeout: 120_000 }, async () => {
    const doc = (await (await fetch(`${portal.url}/api/v1/openapi.json`)).json()) as Record<string, unknown>;
    const types = astToString(await openapiTS(doc as never));
    expect(types).toContain('"/api/v1/services": {');
    writeFileSync(join(dir, 'api.ts'), types);
    writeFileSync(join(dir, 'client.ts'), CLIENT);
    writeFileSync(join(dir, 'wrong.ts'), WRONG);
    expect(typeErrors(dir, 'client.ts')).toEqual([]);
    expect(typeErrors(dir, 'wrong.ts').length).toBeGreaterThanOrEqual(2);

    // The same calls at run time, against the portal on a loopback port.
    // (Typed above; here the test reads the answers itself.)
    const client = createClient({ baseUrl: portal.url }) as unknown as { GET: (path: string, init: object) => Promise<{ data?: unknown; response: Response }> };
    const get = (path: string, init: object) => client.GET(path, init);
    const search = await get('/api/v1/services', { params: { query: { q: 'lønn' } } });
    expect(search.response.status).toBe(200);
    const items = (search.data as { items: { slug: string; name: string }[] }).items;
    expect(items.length).toBeGreaterThan(0);
    const one = await get('/api/v1/services/{slug}', { params: { path: { slug: items[0]!.slug } } });
    expect(one.response.status).toBe(200);
    expect((one.data as { name: string }).name).toBe(items[0]!.name);
    const agency = await get('/api/v1/agencies/{orgnr}', { params: { path: { orgnr: '982391490' } } });
    expect(agency.response.status).toBe(200);
    expect((agency.data as { orgnr: string }).orgnr).toBe('982391490');
  });
});
