/**
 * SQL pieces the statistics share. Each mirrors a pure rule in src/domain, generated from the same data where the
 * rule is data (eligibility), so the database can count at national scale without a second definition drifting
 * away; test/api/stats-sql.test.ts checks that the SQL and the domain agree.
 */
import { sql, type SQL } from 'drizzle-orm';
import { DELIVERY_MODELS, TARGET_GROUPS } from '../../domain/catalogue.js';
import { MODEL_BIT } from '../../domain/coverage.js';
import { ELIGIBILITY_RULES } from '../../domain/eligibility.js';
import type { SizeThresholds } from '../../domain/sizeClass.js';

/** A list of text literals for `in (…)`, from constants only (never user input). */
const literals = (values: readonly string[]) => `(${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')})`;

/** ministryAreaOf as SQL text over agencies alias `a`. */
const ministryArea = (a: string) => `(case when ${a}.kind = 'ministry' then ${a}.orgnr else ${a}.ministry_orgnr end)`;

/** The size class of `employees` under the thresholds, as sizeClassOf computes it. */
export function sizeClassSql(employees: SQL, t: SizeThresholds): SQL {
  return sql`(case when ${employees} is null or ${employees} < 0 then 'unknown'
    when ${employees} < ${sql.raw(String(t.smallBelow))} then 'small'
    when ${employees} <= ${sql.raw(String(t.mediumMax))} then 'medium'
    when ${employees} > ${sql.raw(String(t.largeAbove))} then 'large' else 'gap' end)`;
}

/** ministryAreaOf: a ministry's own org number, else the ministry it is under. `a` is an agencies alias. */
export const ministryAreaSql = (a: string) => sql.raw(ministryArea(a));

/** The delivery model of `services` alias `s` as its bit (see MODEL_BIT). */
export const modelBitSql = (s: string) =>
  sql.raw(`(case ${s}.model ${DELIVERY_MODELS.map((m) => `when '${m}' then ${MODEL_BIT[m]}`).join(' ')} else 0 end)`);

/**
 * eligibilityOf(a, s) = 'yes', as a condition on agencies alias `a` and services alias `s`. Unknown eligibility
 * (groups, agreements, a sector without a ministry) is not 'yes'.
 */
export function eligibleSql(a: string, s: string): SQL {
  const branches = TARGET_GROUPS.flatMap((g) => {
    const rule = ELIGIBILITY_RULES[g];
    if (!rule) return [];
    const sector = rule.sameMinistry ? ` and ${s}.target_ministry_orgnr is not null and ${ministryArea(a)} = ${s}.target_ministry_orgnr` : '';
    return [`(${s}.target_group = '${g}' and ${a}.kind in ${literals(rule.kinds)}${sector})`];
  });
  return sql.raw(`(${a}.deleted_on is null and (${branches.join(' or ')}))`);
}

/** eligibilityOf(a, s) = 'unknown' as a condition (groups, agreements, a sector service naming no ministry). */
export function eligibilityUnknownSql(a: string, s: string): SQL {
  const branches = TARGET_GROUPS.flatMap((g) => {
    const rule = ELIGIBILITY_RULES[g];
    if (!rule) return [`${s}.target_group = '${g}'`];
    // A sector service naming no ministry: unknown for the kinds it is open to, no for the others.
    return rule.sameMinistry ? [`(${s}.target_group = '${g}' and ${s}.target_ministry_orgnr is null and ${a}.kind in ${literals(rule.kinds)})`] : [];
  });
  return sql.raw(`(${a}.deleted_on is null and (${branches.join(' or ')}))`);
}

/** A subscription (alias `x`) that runs on the day `day` (a yyyy-mm-dd string): started by then, not ended before. */
export const activeOnSql = (x: string, day: string) =>
  sql`((${sql.raw(x)}.started_on is null or ${sql.raw(x)}.started_on <= ${day}::date) and (${sql.raw(x)}.ended_on is null or ${sql.raw(x)}.ended_on >= ${day}::date))`;

/**
 * The (agency, service) pairs in use on `day`, each once, as a subquery body. The open rows are unique per pair
 * (subscriptions_one_open_idx), so only rows that end on or after `day` need de-duplicating, and only against pairs
 * that have no open row: far cheaper than grouping every row. `extra` further restricts the rows (alias `x`).
 */
export function activePairsSql(day: string, extra: SQL = sql``): SQL {
  const started = sql`(x.started_on is null or x.started_on <= ${day}::date)`;
  return sql`select x.agency_orgnr, x.service_id from subscriptions x where x.ended_on is null and ${started}${extra}
    union all
    select distinct x.agency_orgnr, x.service_id from subscriptions x
     where x.ended_on >= ${day}::date and ${started}${extra}
       and not exists (select 1 from subscriptions y where y.agency_orgnr = x.agency_orgnr and y.service_id = x.service_id and y.ended_on is null
                        and (y.started_on is null or y.started_on <= ${day}::date))`;
}

/** An in-house declaration (alias `h`) in force on `day`. */
export const declaredOnSql = (h: string, day: string) =>
  sql`(${sql.raw(h)}.declared_on <= ${day}::date and (${sql.raw(h)}.ended_on is null or ${sql.raw(h)}.ended_on >= ${day}::date))`;

/** `col in (…)` for text values, or false for none (an empty `in ()` is a syntax error). */
export function inList(col: SQL, values: readonly string[]): SQL {
  if (values.length === 0) return sql`false`;
  return sql`${col} in (${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}
