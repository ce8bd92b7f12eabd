import { describe, expect, it } from 'vitest';
import { publicPolicy } from './policy.js';
import type { Principal } from './principal.js';

const person = (roles: Principal['roles']): Principal => ({ kind: 'user', id: 'u1', name: 'Kari', roles });
const admin = person([{ role: 'admin' }]);
const editor = person([{ role: 'agency_editor', agencyOrgnr: '974760673' }]);

describe('publicPolicy', () => {
  const asked: string[] = [];
  const may = publicPolicy<'read' | 'edit' | 'delete', { orgnr: string }>((p, action, target) => {
    asked.push(`${p.id} ${action} ${target.orgnr}`);
    return action === 'edit' && p.roles.some((r) => r.role === 'agency_editor' && r.agencyOrgnr === target.orgnr);
  });

  it('lets anyone read, signed in or not, without asking the rule', () => {
    expect([may(undefined, 'read', { orgnr: '1' }), may(editor, 'read', { orgnr: '1' })]).toEqual([true, true]);
    expect(asked).toEqual([]);
  });

  it('refuses a signed-out visitor everything else and lets an administrator do everything', () => {
    expect([may(undefined, 'edit', { orgnr: '974760673' }), may(admin, 'delete', { orgnr: '1' })]).toEqual([false, true]);
    expect(asked).toEqual([]);
  });

  it('asks the rule for everyone else who is signed in', () => {
    expect([may(editor, 'edit', { orgnr: '974760673' }), may(editor, 'edit', { orgnr: '1' }), may(editor, 'delete', { orgnr: '974760673' })]).toEqual([true, false, false]);
    expect(asked).toEqual(['u1 edit 974760673', 'u1 edit 1', 'u1 delete 974760673']);
  });
});
