import { describe, expect, it } from 'vitest';
import type { Principal } from '../../domain/principal.js';
import { KEEPING_ACTIONS, mayKeep } from './policy.js';

const user = (roles: Principal['roles']): Principal => ({ kind: 'user', id: 'u', name: 'U', email: 'u@example.no', roles });
const admin = user([{ role: 'admin' }]);
const own = user([{ role: 'provider_editor', providerId: 'p1' }]);
const agency = user([{ role: 'agency_editor', agencyOrgnr: '974760673' }]);

describe('keeping providers and areas', () => {
  it('lets DFØ do everything', () => {
    for (const a of KEEPING_ACTIONS) expect(mayKeep(admin, a, { id: 'p9' })).toBe(true);
  });
  it('lets a provider’s editor change only its own descriptive fields', () => {
    expect(mayKeep(own, 'edit_provider', { id: 'p1' })).toBe(true);
    expect(mayKeep(own, 'edit_provider', { id: 'p2' })).toBe(false);
    expect(mayKeep(own, 'edit_provider_identity', { id: 'p1' })).toBe(false);
    expect(mayKeep(own, 'create_provider')).toBe(false);
    expect(mayKeep(own, 'edit_area')).toBe(false);
  });
  it('refuses everyone else', () => {
    for (const a of KEEPING_ACTIONS) {
      expect(mayKeep(agency, a, { id: 'p1' })).toBe(false);
      expect(mayKeep(undefined, a, { id: 'p1' })).toBe(false);
    }
  });
});
