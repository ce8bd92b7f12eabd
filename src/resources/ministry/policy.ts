import { isAdmin, type Principal, viewsMinistry } from '../../domain/principal.js';

/** A ministry's overview of its agencies' declarations and usage: its viewers and administrators. */
export function mayViewMinistry(p: Principal | undefined, ministryOrgnr: string): boolean {
  return isAdmin(p) || viewsMinistry(p, ministryOrgnr);
}
