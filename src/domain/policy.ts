import { isAdmin, type Principal } from './principal.js';

/**
 * The policy the public resources share (ideas, networks, surveys, services): anyone may read, signed in or not; a
 * signed-out visitor may do nothing else; DFØ's administrators may do everything; `rule` decides the other actions
 * for everyone else who is signed in.
 */
export const publicPolicy =
  <A extends string, T>(rule: (p: Principal, action: Exclude<A, 'read'>, target: T) => boolean) =>
  (p: Principal | undefined, action: A, target: T): boolean => {
    if (action === 'read') return true;
    if (!p) return false;
    return isAdmin(p) || rule(p, action as Exclude<A, 'read'>, target);
  };
