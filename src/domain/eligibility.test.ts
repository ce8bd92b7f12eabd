import { describe, expect, it } from 'vitest';
import { eligibilityOf, ministryAreaOf } from './eligibility.js';

const KD = '972417807';
const agency = (over: Partial<Parameters<typeof eligibilityOf>[0]> = {}) => ({ orgnr: '974760673', kind: 'agency' as const, ministryOrgnr: KD, ...over });

describe('eligibility', () => {
  it('opens central services to every state body, not to municipalities or companies', () => {
    const s = { targetGroup: 'all_state' as const, targetMinistryOrgnr: null };
    expect(eligibilityOf(agency(), s)).toBe('yes');
    expect(eligibilityOf(agency({ kind: 'ministry', ministryOrgnr: null }), s)).toBe('yes');
    expect(eligibilityOf(agency({ kind: 'other', ministryOrgnr: null }), s)).toBe('yes');
    expect(eligibilityOf(agency({ kind: 'municipality', ministryOrgnr: null }), s)).toBe('no');
    expect(eligibilityOf(agency({ kind: 'state_enterprise' }), s)).toBe('no');
    expect(eligibilityOf(agency({ kind: 'company' }), s)).toBe('no');
  });

  it('opens state-and-municipal services to municipalities and counties too', () => {
    const s = { targetGroup: 'state_and_municipal' as const, targetMinistryOrgnr: null };
    expect(eligibilityOf(agency({ kind: 'municipality', ministryOrgnr: null }), s)).toBe('yes');
    expect(eligibilityOf(agency({ kind: 'county', ministryOrgnr: null }), s)).toBe('yes');
    expect(eligibilityOf(agency(), s)).toBe('yes');
  });

  it('limits sector services to the ministry and the agencies under it', () => {
    const s = { targetGroup: 'sector' as const, targetMinistryOrgnr: KD };
    expect(eligibilityOf(agency(), s)).toBe('yes');
    expect(eligibilityOf(agency({ orgnr: KD, kind: 'ministry', ministryOrgnr: null }), s)).toBe('yes');
    expect(eligibilityOf(agency({ ministryOrgnr: '983887457' }), s)).toBe('no');
    expect(eligibilityOf(agency({ ministryOrgnr: null, kind: 'other' }), s)).toBe('no');
    expect(eligibilityOf(agency(), { targetGroup: 'sector', targetMinistryOrgnr: null })).toBe('unknown');
  });

  it('says unknown for groups and agreements, and no for organisations that no longer exist', () => {
    expect(eligibilityOf(agency(), { targetGroup: 'group', targetMinistryOrgnr: null })).toBe('unknown');
    expect(eligibilityOf(agency(), { targetGroup: 'by_agreement', targetMinistryOrgnr: null })).toBe('unknown');
    expect(eligibilityOf(agency({ deletedOn: '2020-01-01' }), { targetGroup: 'all_state', targetMinistryOrgnr: null })).toBe('no');
  });

  it('puts a ministry in its own ministry area', () => {
    expect(ministryAreaOf({ orgnr: KD, kind: 'ministry', ministryOrgnr: null })).toBe(KD);
    expect(ministryAreaOf(agency())).toBe(KD);
    expect(ministryAreaOf(agency({ kind: 'municipality', ministryOrgnr: null }))).toBeNull();
  });
});
