import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { blockingFindings } from '../../scripts/audit.mjs';

describe('the CI audit gate', () => {
  it('blocks on high and critical advisories and lets low and moderate through', () => {
    const report = {
      vulnerabilities: {
        a: { name: 'a', severity: 'critical', via: [{ title: 'Prototype pollution' }] },
        b: { name: 'b', severity: 'high', via: ['a'] },
        c: { name: 'c', severity: 'moderate', via: [{ title: 'ReDoS' }] },
        d: { name: 'd', severity: 'low', via: [] },
      },
    };
    expect(blockingFindings(report)).toEqual(['a (critical): Prototype pollution', 'b (high): a']);
    expect(blockingFindings({ vulnerabilities: { c: report.vulnerabilities.c } })).toEqual([]);
    expect(blockingFindings({})).toEqual([]);
  });
});
