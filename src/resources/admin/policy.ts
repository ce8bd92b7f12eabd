import { isAdmin, type Principal } from '../../domain/principal.js';

/** Users and role assignments are DFØ's, as operator: administrators only. */
export function mayAdminister(p: Principal | undefined): boolean {
  return isAdmin(p);
}
