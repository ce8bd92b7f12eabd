/**
 * Opt-outs and accessions from the declarations register (issue 3), through the pure calculation in
 * src/domain/declarations.ts: per procurement that has opened its consultation, rates over the agencies eligible
 * for it, reasons, by size class and ministry area. Cached on the `acts` data version and the catalogue's (agency
 * sizes and ministries come from the catalogue).
 *
 * `asOf` (issue 17, item 6) reads the register as it stood at the end of that Oslo day: each procurement in the
 * state its latest milestone before then gave it (milestones are never changed; a procurement without any, made
 * before milestones were kept, is in its current state from its creation), and the declarations submitted by
 * then and not withdrawn by then. Agencies' size and ministry are today's, as on the other statistics pages.
 */
import { sql } from 'drizzle-orm';
import { type Language, type LocalizedText, type OrganisationKind, pickText } from '../../domain/catalogue.js';
import { ministryAreaOf, procurementKinds } from '../../domain/eligibility.js';
import { declarationStats, type Declaration, type EligibleAgency, type ProcurementDeclarationStats, protectDeclarationStats, type PublicDeclarationStats } from '../../domain/declarations.js';
import { osloDayEnd } from '../../domain/osloTime.js';
import type { ProcurementState } from '../../domain/procurementLifecycle.js';
import type { QuestionnaireDefinition } from '../../domain/questionnaire.js';
import { sizeClassOf, type SizeThresholds } from '../../domain/sizeClass.js';
import { type Executor, queryRows } from '../../db/database.js';
import { cachedRead } from '../../db/readCache.js';
import type { Eligibility } from '../../db/schema/index.js';

interface ProcurementFacts {
  title: LocalizedText;
  status: ProcurementState;
  obligation: string;
  provider: { slug: string; name: LocalizedText; shortName: string | null };
  /** Reason code → its label in the procurement's questionnaire. */
  reasonLabels: Record<string, LocalizedText>;
}

/** Every figure: for tests and the rules' checks, never sent as is. */
export interface FullOptOutItem extends ProcurementDeclarationStats, ProcurementFacts {}

/** What the statistics page and API show: groups of fewer than 5 declaring agencies hidden (src/domain/smallGroups.ts). */
export interface OptOutItem extends PublicDeclarationStats, ProcurementFacts {}

/** A reason code's label in the procurement's questionnaire, in the reader's language; null when it has none. */
export function reasonLabel(item: Pick<OptOutItem, 'reasonLabels'>, code: string | null, lang: Language): string | null {
  const label = code ? item.reasonLabels[code] : undefined;
  return label ? pickText(label, lang).text : null;
}

/** States in which agencies have been asked: from the consultation on. */
const ASKED: ProcurementState[] = ['consultation', 'announced', 'awarded', 'active', 'expired'];

/** The figures at the end of `asOf` (yyyy-mm-dd, Oslo; checked by the caller, see asOfFrom). */
export async function optOutReport(db: Executor, th: SizeThresholds, asOf: string): Promise<FullOptOutItem[]> {
  return cachedRead(db, `optouts:${th.smallBelow},${th.mediumMax},${th.largeAbove}:${asOf}`, () => loadOptOutReport(db, th, osloDayEnd(asOf)!), ['catalogue', 'statistics']);
}

/** The report as everyone sees it (the page /statistikk/fravalg and GET /api/v1/stats/optouts). */
export async function publicOptOutReport(db: Executor, th: SizeThresholds, asOf: string): Promise<OptOutItem[]> {
  return (await optOutReport(db, th, asOf)).map((item) => ({ ...item, ...protectDeclarationStats(item) }));
}

/** A procurement's state at `end`: its latest milestone before then; without milestones, its state now once created. */
const stateAtSql = (end: Date) => sql`coalesce(
  (select m.to_status from procurement_milestones m where m.procurement_id = p.id and m.at < ${end} order by m.at desc limit 1),
  case when p.created_at < ${end} and not exists (select 1 from procurement_milestones m where m.procurement_id = p.id) then p.status end)`;

async function loadOptOutReport(db: Executor, th: SizeThresholds, end: Date): Promise<FullOptOutItem[]> {
  const procs = await queryRows<{
    id: string;
    title: LocalizedText;
    status: ProcurementState;
    obligation: string;
    eligibility: Eligibility;
    provider_slug: string;
    provider_name: LocalizedText;
    provider_short_name: string | null;
    definition: QuestionnaireDefinition;
  }>(
    db,
    sql`select * from (
          select p.id, p.title, ${stateAtSql(end)} as status, p.obligation, p.eligibility, pr.slug as provider_slug, pr.name as provider_name,
                 pr.short_name as provider_short_name, q.definition, p.consultation_opens_at
            from procurements p
            join providers pr on pr.id = p.provider_id
            join questionnaires q on q.id = p.questionnaire_id) x
         where x.status in (${sql.join(ASKED.map((s) => sql`${s}`), sql`, `)})
         order by x.consultation_opens_at desc nulls last, x.id`,
  );
  if (procs.length === 0) return [];
  const agencyRows = await queryRows<{ orgnr: string; kind: OrganisationKind; employees: number | null; ministryOrgnr: string | null }>(
    db,
    sql`select orgnr, kind, employees, ministry_orgnr as "ministryOrgnr" from agencies where deleted_on is null`,
  );
  const eligibleFor = new Map<Eligibility, EligibleAgency[]>();
  const eligible = (e: Eligibility) => {
    let list = eligibleFor.get(e);
    if (!list) {
      const kinds = new Set<string>(procurementKinds(e));
      list = agencyRows
        .filter((a) => kinds.has(a.kind))
        .map((a) => ({ orgnr: a.orgnr, sizeClass: sizeClassOf(a.employees, th), ministryOrgnr: ministryAreaOf(a) }));
      eligibleFor.set(e, list);
    }
    return list;
  };
  const byOrgnr = new Map(agencyRows.map((a) => [a.orgnr, a]));
  const decl = await queryRows<{ procurement_id: string; agency_orgnr: string; kind: Declaration['kind']; reason: string | null }>(
    db,
    sql`select procurement_id, agency_orgnr, kind, answers->>'reason' as reason
          from declarations
         where submitted_at < ${end} and (withdrawn_at is null or withdrawn_at >= ${end}) and procurement_id in (${sql.join(procs.map((p) => sql`${p.id}`), sql`, `)})
         order by submitted_at, id`,
  );
  const declarations: Declaration[] = decl.map((d) => {
    const a = byOrgnr.get(d.agency_orgnr);
    return {
      procurementId: d.procurement_id,
      agencyOrgnr: d.agency_orgnr,
      kind: d.kind,
      reasonCode: d.kind === 'opt_out' ? d.reason : null,
      sizeClass: sizeClassOf(a?.employees ?? null, th),
      ministryOrgnr: a ? ministryAreaOf(a) : null,
    };
  });
  const stats = declarationStats(
    procs.map((p) => ({ id: p.id, eligible: eligible(p.eligibility) })),
    declarations,
  );
  return procs.map((p, i) => {
    const reasonQuestion = p.definition.questions.find((q) => q.id === 'reason');
    const reasonLabels: Record<string, LocalizedText> = {};
    for (const o of (reasonQuestion as { options?: { value: string; label: LocalizedText }[] } | undefined)?.options ?? []) reasonLabels[o.value] = o.label;
    return {
      ...stats[i]!,
      title: p.title,
      status: p.status,
      obligation: p.obligation,
      provider: { slug: p.provider_slug, name: p.provider_name, shortName: p.provider_short_name },
      reasonLabels,
    };
  });
}
