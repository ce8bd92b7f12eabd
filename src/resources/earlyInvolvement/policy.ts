import { editsProvider, isAdmin, type Principal } from '../../domain/principal.js';
import type { EarlyMilestoneKind } from '../../domain/earlyInvolvement.js';

/**
 * Early involvement is public to read (agencies should see what is being considered and why). The provider running
 * the procurement (Statens innkjøpssenter is the council's secretariat) and DFØ's administrators start the needs
 * survey and record the council's recommendation; only DFØ's administrators record DFØ's decision.
 */
export type EarlyAction = 'read' | 'start_needs_survey' | EarlyMilestoneKind;

export function mayEarly(p: Principal | undefined, action: EarlyAction, procurement: { providerId: string }): boolean {
  if (action === 'read') return true;
  if (action === 'decision') return isAdmin(p);
  return isAdmin(p) || editsProvider(p, procurement.providerId);
}
