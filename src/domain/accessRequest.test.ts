import { describe, expect, it } from 'vitest';
import { answerAccessRequest, mayAskForAccess } from './accessRequest.js';

describe('asking for access', () => {
  it('is for sector and group services one is not already eligible for', () => {
    expect(mayAskForAccess({ model: 'sector' }, 'no')).toBe(true);
    expect(mayAskForAccess({ model: 'group' }, 'unknown')).toBe(true);
    expect(mayAskForAccess({ model: 'sector' }, 'yes')).toBe(false);
    expect(mayAskForAccess({ model: 'central' }, 'no')).toBe(false);
  });

  it('is answered from pending or the waiting list; a decline needs a reason', () => {
    expect(answerAccessRequest('pending', 'granted', null)).toEqual({ ok: true, to: 'granted' });
    expect(answerAccessRequest('pending', 'waiting_list', null)).toEqual({ ok: true, to: 'waiting_list' });
    expect(answerAccessRequest('waiting_list', 'granted', null)).toEqual({ ok: true, to: 'granted' });
    expect(answerAccessRequest('pending', 'declined', '  ')).toEqual({ ok: false, reason: 'reason_required' });
    expect(answerAccessRequest('pending', 'declined', 'Kapasitet')).toEqual({ ok: true, to: 'declined' });
    expect(answerAccessRequest('granted', 'declined', 'x')).toEqual({ ok: false, reason: 'already_answered' });
    expect(answerAccessRequest('waiting_list', 'waiting_list', null)).toEqual({ ok: false, reason: 'same_state' });
  });
});
