import { describe, expect, it } from 'vitest';
import { SAMPLE_SERVICE } from '../../domain/serviceDocument.test-support.js';
import { schemaErrors, ServiceDocumentSchema } from './editSchema.js';

describe('service document validation', () => {
  it('accepts a whole document', () => {
    expect(schemaErrors(ServiceDocumentSchema, SAMPLE_SERVICE, 'nb')).toEqual([]);
  });

  it('names each bad field once, in the asked language', () => {
    const bad = { ...SAMPLE_SERVICE, slug: 'X y', name: { nb: '' }, colour: 'red', status: 'weird', serviceLevels: { ...SAMPLE_SERVICE.serviceLevels, uptimePercent: 120 }, website: 'ftp:x' };
    const { summary: _s, ...withoutSummary } = bad;
    const errors = schemaErrors(ServiceDocumentSchema, withoutSummary, 'nb');
    const byField = Object.fromEntries(errors.map((e) => [e.field, e.message]));
    expect(Object.keys(byField).sort()).toEqual(['colour', 'name.nb', 'serviceLevels.uptimePercent', 'slug', 'status', 'summary', 'website']);
    expect(byField.colour).toBe('er ikke et kjent felt');
    expect(byField.summary).toBe('må fylles ut');
    expect(byField.status).toContain('phasing_out');
    expect(byField['serviceLevels.uptimePercent']).toContain('100');
    expect(new Set(errors.map((e) => e.field)).size).toBe(errors.length);
  });

  it('speaks nynorsk and English when asked', () => {
    const bad = { ...SAMPLE_SERVICE, serviceLevels: { ...SAMPLE_SERVICE.serviceLevels, uptimePercent: 120 } };
    const [en] = schemaErrors(ServiceDocumentSchema, bad, 'en');
    const [nn] = schemaErrors(ServiceDocumentSchema, bad, 'nn');
    expect(en!.field).toBe('serviceLevels.uptimePercent');
    expect(en!.message).not.toBe(nn!.message);
  });
});
