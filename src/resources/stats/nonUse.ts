/**
 * Voluntary non-use of services (issue 17, item 1; the report's 2.1.4 and 5.3), through the pure calculation in
 * src/domain/nonUse.ts: counts by reason (with how many gave none), size class, ministry area and service, with the
 * small-group rule. `asOf` reads the register as it stood at the end of that day (non-use rows are never
 * overwritten: a change withdraws the old row), with agencies' current size and ministry.
 */
import { sql } from 'drizzle-orm';
import { type Language, type LocalizedText, type OrganisationKind, pickText } from '../../domain/catalogue.js';
import { ministryAreaOf } from '../../domain/eligibility.js';
import { type NonUseBreakdown, nonUseStats, type NonUseStats } from '../../domain/nonUse.js';
import { osloDayEnd } from '../../domain/osloTime.js';
import type { QuestionnaireDefinition } from '../../domain/questionnaire.js';
import { sizeClassOf, type SizeThresholds } from '../../domain/sizeClass.js';
import { type Executor, queryRows } from '../../db/database.js';
import { currentQuestionnaire, QUESTIONNAIRE_SLUGS } from '../../db/seed/questionnaires.js';
import { messages } from '../../web/i18n/index.js';
import { type Cell, type StatTable, tableOf } from '../../web/export/table.js';
import { agencyNames } from '../shared/queries.js';

export interface NonUseReport {
  asOf: string;
  stats: NonUseStats;
  reasonLabel: (code: string | null, lang: Language) => string;
  ministryName: (orgnr: string | null, lang: Language) => string;
  serviceName: (slug: string, lang: Language) => string;
}

export async function nonUseReport(db: Executor, th: SizeThresholds, asOf: string): Promise<NonUseReport> {
  const end = osloDayEnd(asOf)!;
  const rows = await queryRows<{ orgnr: string; kind: OrganisationKind; employees: number | null; ministry_orgnr: string | null; slug: string; name: LocalizedText; reason: string | null }>(
    db,
    sql`select a.orgnr, a.kind, a.employees, a.ministry_orgnr, s.slug, s.name, nullif(o.answers->>'reason', '') as reason
          from service_opt_outs o
          join agencies a on a.orgnr = o.agency_orgnr
          join services s on s.id = o.service_id
         where o.declared_at < ${end} and (o.withdrawn_at is null or o.withdrawn_at >= ${end})
         order by s.slug, a.orgnr`,
  );
  const stats = nonUseStats(
    rows.map((r) => ({
      agencyOrgnr: r.orgnr,
      serviceSlug: r.slug,
      reasonCode: r.reason,
      sizeClass: sizeClassOf(r.employees, th),
      ministryOrgnr: ministryAreaOf({ orgnr: r.orgnr, kind: r.kind, ministryOrgnr: r.ministry_orgnr }),
    })),
  );
  const q = await currentQuestionnaire(db, QUESTIONNAIRE_SLUGS.service_opt_out);
  const options = ((q?.definition as QuestionnaireDefinition | undefined)?.questions.find((x) => x.id === 'reason') as { options?: { value: string; label: LocalizedText }[] } | undefined)?.options ?? [];
  const ministries = await agencyNames(db, stats.byMinistry.map((m) => m.key));
  const serviceNames = new Map(rows.map((r) => [r.slug, r.name]));
  return {
    asOf,
    stats,
    reasonLabel: (code, lang) => {
      if (code === null) return messages[lang].nonUse.noReason;
      const o = options.find((x) => x.value === code);
      return o ? pickText(o.label, lang).text : code;
    },
    ministryName: (orgnr, lang) => {
      const m = ministries(orgnr);
      return m ? pickText(m.name, lang).text : messages[lang].nonUse.noMinistry;
    },
    serviceName: (slug, lang) => pickText(serviceNames.get(slug), lang).text || slug,
  };
}

/** The report's tables: the same model for the page, the CSV and the XLSX download. */
export function nonUseTables(r: NonUseReport, lang: Language, note: string): StatTable[] {
  const t = messages[lang];
  const count = { key: 'count', label: t.nonUse.count, type: 'integer' as const, value: (c: { count: number | null }): Cell => c.count };
  const s = r.stats;
  const summary = tableOf(
    { id: 'oversikt', title: t.nonUse.statsTitle, note },
    [
      { key: 'figure', label: t.nonUse.statsTitle, type: 'text', value: (x: { label: string; count: number | null }) => x.label },
      count,
    ],
    [
      { label: t.nonUse.total, count: s.total },
      { label: t.nonUse.agencies, count: s.agencies },
      { label: t.nonUse.withoutReason, count: s.withoutReason },
    ],
  );
  const reasons = tableOf({ id: 'grunner', title: t.nonUse.byReason, note }, [{ key: 'reason', label: t.nonUse.reason, type: 'text', value: (c) => r.reasonLabel(c.key, lang) }, count], s.reasons);
  const sizes = tableOf({ id: 'storrelse', title: t.nonUse.bySize, note }, [{ key: 'size', label: t.agency.sizeClass, type: 'text', value: (c) => t.vocab.sizeClass[c.key] }, count], s.bySize);
  const ministries = tableOf({ id: 'departement', title: t.nonUse.byMinistry, note }, [{ key: 'ministry', label: t.nonUse.byMinistry, type: 'text', value: (c) => r.ministryName(c.key, lang) }, count], s.byMinistry);
  const services = tableOf(
    { id: 'tjenester', title: t.nonUse.byService, note },
    [
      { key: 'service', label: t.nonUse.service, type: 'text', value: (x: { serviceSlug: string } & NonUseBreakdown) => r.serviceName(x.serviceSlug, lang) },
      { key: 'total', label: t.nonUse.total, type: 'integer', value: (x) => x.total },
      { key: 'withoutReason', label: t.nonUse.withoutReason, type: 'integer', value: (x) => x.withoutReason },
    ],
    s.byService,
  );
  return [summary, reasons, sizes, ministries, services];
}
