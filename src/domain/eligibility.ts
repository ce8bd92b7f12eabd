/**
 * Who may use a service, as far as the register can tell. A service's target group decides it:
 *
 * - `all_state`: every state body (ministries, agencies and the bodies outside the government such as Stortinget,
 *   kind `other`) that still exists. State enterprises and companies are separate legal entities, not state
 *   agencies in the report's sense, so they are not counted as eligible.
 * - `state_and_municipal`: the same plus municipalities and counties (Markedsplass for skytjenester).
 * - `sector`: the state bodies in one ministry's area: the ministry itself and the agencies under it.
 * - `group` and `by_agreement`: the register does not say who is in the group or who may join an agreement, so
 *   eligibility is `unknown`; figures for such services give counts of users, never a share of a guessed base.
 *
 * The rule is data (ELIGIBILITY_RULES) so the SQL that counts eligible agencies at scale is generated from the same
 * table as `eligibilityOf` (see src/resources/stats/sql.ts); a test checks that the two agree.
 */
import type { OrganisationKind, TargetGroup } from './catalogue.js';

export const STATE_KINDS = ['ministry', 'agency', 'other'] as const satisfies readonly OrganisationKind[];
export const MUNICIPAL_KINDS = ['municipality', 'county'] as const satisfies readonly OrganisationKind[];

export interface EligibilityRule {
  /** Kinds of organisation that may use it. */
  kinds: readonly OrganisationKind[];
  /** Only the target ministry and the agencies under it. */
  sameMinistry: boolean;
}

export const ELIGIBILITY_RULES: Record<TargetGroup, EligibilityRule | null> = {
  all_state: { kinds: STATE_KINDS, sameMinistry: false },
  state_and_municipal: { kinds: [...STATE_KINDS, ...MUNICIPAL_KINDS], sameMinistry: false },
  sector: { kinds: STATE_KINDS, sameMinistry: true },
  group: null,
  by_agreement: null,
};

export type Eligibility = 'yes' | 'no' | 'unknown';

export interface EligibilityAgency {
  orgnr: string;
  kind: OrganisationKind;
  ministryOrgnr: string | null;
  deletedOn?: string | null;
}

export interface EligibilityService {
  targetGroup: TargetGroup;
  targetMinistryOrgnr: string | null;
}

/**
 * The ministry area (departementsområde) an organisation belongs to: the ministry it is under, or, for a ministry,
 * itself. Null for organisations under no ministry (municipalities, Stortinget's bodies).
 */
export function ministryAreaOf(a: { orgnr: string; kind: OrganisationKind; ministryOrgnr: string | null }): string | null {
  return a.kind === 'ministry' ? a.orgnr : a.ministryOrgnr;
}

export function eligibilityOf(agency: EligibilityAgency, service: EligibilityService): Eligibility {
  if (agency.deletedOn) return 'no';
  const rule = ELIGIBILITY_RULES[service.targetGroup];
  if (!rule) return 'unknown';
  if (!rule.kinds.includes(agency.kind)) return 'no';
  if (rule.sameMinistry) {
    // A sector service without a target ministry names no sector: nobody can be shown to be eligible.
    if (!service.targetMinistryOrgnr) return 'unknown';
    return ministryAreaOf(agency) === service.targetMinistryOrgnr ? 'yes' : 'no';
  }
  return 'yes';
}

/**
 * Organisation kinds a procurement reaches: ministries and agencies always, municipalities and counties where the
 * procurement is open to them (`state_and_municipal`). One rule for who may declare, who is told and who is counted.
 */
export function procurementKinds(eligibility: string): OrganisationKind[] {
  return eligibility === 'state_and_municipal' ? ['agency', 'ministry', ...MUNICIPAL_KINDS] : ['agency', 'ministry'];
}
