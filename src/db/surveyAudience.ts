import { sql, type SQL } from 'drizzle-orm';
import { procurementKinds, STATE_KINDS } from '../domain/eligibility.js';

const kindList = (kinds: readonly string[]) => sql.join(kinds.map((k) => sql`${k}`), sql`, `);

/**
 * The org numbers a survey asks, as one SQL query: who may answer it (src/resources/surveys) and who is told it has
 * opened or reminded (src/mail/notify.ts) are the same agencies by construction.
 * - A needs survey before a procurement: every agency the procurement reaches, users or not.
 * - A survey of all the state: every state body that still exists.
 * - A survey of services: the agencies with an active subscription to one of them on `today` (Oslo day).
 */
export function surveyAudience(surveyId: string, today: string): SQL {
  return sql`select a.orgnr from agencies a join surveys s on s.id = ${surveyId} left join procurements p on p.id = s.procurement_id
    where a.deleted_on is null and (
      (p.id is not null and p.eligibility = 'state_and_municipal' and a.kind in (${kindList(procurementKinds('state_and_municipal'))}))
      or (p.id is not null and p.eligibility <> 'state_and_municipal' and a.kind in (${kindList(procurementKinds('state'))}))
      or (s.procurement_id is null and s.audience = 'all_state' and a.kind in (${kindList(STATE_KINDS)}))
      or (s.procurement_id is null and s.audience <> 'all_state' and exists (select 1 from subscriptions sub join survey_services ss on ss.service_id = sub.service_id
            where ss.survey_id = s.id and sub.agency_orgnr = a.orgnr and sub.ended_on is null and (sub.started_on is null or sub.started_on <= ${today}))))`;
}
