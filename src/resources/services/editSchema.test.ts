import { describe, expect, it } from 'vitest';
import type { ServiceDocument } from '../../domain/serviceDocument.js';
import { schemaErrors, ServiceDocumentSchema } from './editSchema.js';

export const SAMPLE: ServiceDocument = {
  slug: 'test-lonn',
  kind: 'service',
  name: { nb: 'Lønn', nn: 'Løn' },
  summary: { nb: 'Lønnstjenester.' },
  description: { nb: 'Alt om lønn.' },
  area: 'lonn',
  model: 'central',
  obligation: 'voluntary',
  targetGroup: 'all_state',
  targetDescription: null,
  targetMinistry: null,
  status: 'active',
  launchedOn: '2004',
  plannedOn: null,
  phasedOutOn: null,
  financing: ['user_paid'],
  financingNote: null,
  tiers: [{ slug: 'basis', name: { nb: 'Basis' }, description: null, kind: 'tier', current: true }],
  serviceLevels: { uptimePercent: 99.5, supportHours: null, responseTime: null },
  supportChannels: ['phone'],
  howToJoin: { steps: [{ nb: 'Ta kontakt.' }], contact: null, links: [] },
  website: 'https://dfo.no',
  reportedUsers: null,
  reportedUsersYear: null,
  parent: null,
  related: [],
  keywords: '',
  sourceNote: null,
};

describe('service document validation', () => {
  it('accepts a whole document', () => {
    expect(schemaErrors(ServiceDocumentSchema, SAMPLE, 'nb')).toEqual([]);
  });

  it('names each bad field once, in the asked language', () => {
    const bad = { ...SAMPLE, slug: 'X y', name: { nb: '' }, colour: 'red', status: 'weird', serviceLevels: { ...SAMPLE.serviceLevels, uptimePercent: 120 }, website: 'ftp:x' };
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
    const bad = { ...SAMPLE, serviceLevels: { ...SAMPLE.serviceLevels, uptimePercent: 120 } };
    const [en] = schemaErrors(ServiceDocumentSchema, bad, 'en');
    const [nn] = schemaErrors(ServiceDocumentSchema, bad, 'nn');
    expect(en!.field).toBe('serviceLevels.uptimePercent');
    expect(en!.message).not.toBe(nn!.message);
  });
});
