import { describe, expect, it } from 'vitest';
import type { Principal } from '../../domain/principal.js';
import { mayCreateSomeService, mayService, SERVICE_EDIT_ACTIONS } from './policy.js';

const who = (roles: Principal['roles']): Principal => ({ kind: 'user', id: 'u', name: 'U', roles });
const own = { providerId: 'p1' };
const PEOPLE = {
  anonymous: undefined,
  agencyEditor: who([{ role: 'agency_editor', agencyOrgnr: '982391490' }]),
  ministryViewer: who([{ role: 'ministry_viewer', ministryOrgnr: '972417866' }]),
  ownEditor: who([{ role: 'provider_editor', providerId: 'p1' }]),
  ownSystem: { kind: 'client', id: 'sys', name: 'System', roles: [{ role: 'provider_editor', providerId: 'p1' }] } as Principal,
  otherEditor: who([{ role: 'provider_editor', providerId: 'p2' }]),
  admin: who([{ role: 'admin' }]),
};
const ALLOWED: Record<keyof typeof PEOPLE, string[]> = {
  anonymous: ['read'],
  agencyEditor: ['read'],
  ministryViewer: ['read'],
  ownEditor: ['read', 'read_draft', 'create', 'edit', 'publish', 'retire', 'reinstate'],
  ownSystem: ['read', 'read_draft', 'create', 'edit', 'publish', 'retire', 'reinstate'],
  otherEditor: ['read'],
  admin: [...SERVICE_EDIT_ACTIONS],
};

describe('service editing policy', () => {
  for (const [name, p] of Object.entries(PEOPLE)) {
    it(`${name} may exactly: ${ALLOWED[name as keyof typeof PEOPLE].join(', ')}`, () => {
      expect(SERVICE_EDIT_ACTIONS.filter((a) => mayService(p, a, own))).toEqual(ALLOWED[name as keyof typeof PEOPLE]);
    });
  }
  it('offers "new service" to provider editors and administrators only', () => {
    expect(Object.entries(PEOPLE).filter(([, p]) => mayCreateSomeService(p)).map(([n]) => n)).toEqual(['ownEditor', 'ownSystem', 'otherEditor', 'admin']);
  });
});
