import { createConfig, lintFromString } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';

/**
 * The API's OpenAPI document passes Redocly's `recommended` ruleset (the linter pinned in package.json), so
 * generated clients and documentation tools read it as written. A problem fails the test with its rule and place.
 */
describe('OpenAPI document lint (Redocly recommended)', () => {
  const t = useTestApp('pglite', { seed: 'empty' });

  it('has no errors and no warnings', async () => {
    const res = await t.app.inject({ url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: res.body, absoluteRef: '/api/v1/openapi.json', config });
    const lines = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`);
    if (process.env.OPENAPI_LINT_DUMP) (await import('node:fs')).writeFileSync(process.env.OPENAPI_LINT_DUMP, lines.join('\n'));
    expect(lines).toEqual([]);
  });

  it('can fail: a document with an operation lacking responses is reported', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const bad = { openapi: '3.0.3', info: { title: 'x', version: '1' }, paths: { '/x': { get: { summary: 'x' } } } };
    const problems = await lintFromString({ source: JSON.stringify(bad), absoluteRef: '/bad.json', config });
    expect(problems.map((p) => p.ruleId)).toEqual(expect.arrayContaining([expect.stringMatching(/operation-2xx-response|struct/)]));
  });
});
