import { and, asc, desc, eq, isNull, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { agencies, serviceOptOuts, services } from '../../db/schema/index.js';
import type { LocalizedText } from '../../domain/catalogue.js';
import type { FollowUpState } from '../../domain/procurementLifecycle.js';
import type { Answers } from '../../domain/questionnaire.js';
import { followUpSelection } from '../shared/followUp.js';

/** A standing non-use with everything about it; the follow-up is for the provider only (see present.ts). */
export interface NonUseRow {
  id: string;
  answers: Answers;
  declaredAt: Date;
  service: { slug: string; name: LocalizedText; providerId: string };
  agency: { orgnr: string; name: LocalizedText; employees: number | null; ministryOrgnr: string | null };
  followUp: FollowUpState | null;
  followUpNote: string | null;
  followUpAt: Date | null;
  followUpBy: string | null;
}

/** Standing (not withdrawn) non-use, for one agency, the agencies under a ministry, or one provider's services. */
export function listNonUse(db: Executor, where: { agencyOrgnr?: string; ministryOrgnr?: string; providerId?: string; id?: string }): Promise<NonUseRow[]> {
  const conds: SQL[] = [isNull(serviceOptOuts.withdrawnAt)];
  if (where.agencyOrgnr) conds.push(eq(serviceOptOuts.agencyOrgnr, where.agencyOrgnr));
  if (where.ministryOrgnr) conds.push(eq(agencies.ministryOrgnr, where.ministryOrgnr));
  if (where.providerId) conds.push(eq(services.providerId, where.providerId));
  if (where.id) conds.push(eq(serviceOptOuts.id, where.id));
  return db
    .select({
      id: serviceOptOuts.id,
      answers: serviceOptOuts.answers,
      declaredAt: serviceOptOuts.declaredAt,
      service: { slug: services.slug, name: services.name, providerId: services.providerId },
      agency: { orgnr: agencies.orgnr, name: agencies.name, employees: agencies.employees, ministryOrgnr: agencies.ministryOrgnr },
      ...followUpSelection(serviceOptOuts),
    })
    .from(serviceOptOuts)
    .innerJoin(services, eq(services.id, serviceOptOuts.serviceId))
    .innerJoin(agencies, eq(agencies.orgnr, serviceOptOuts.agencyOrgnr))
    .where(and(...conds))
    .orderBy(asc(services.slug), desc(serviceOptOuts.declaredAt), asc(serviceOptOuts.id));
}
