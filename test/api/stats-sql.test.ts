/**
 * The statistics count in SQL at scale; the rules live in src/domain. This checks that the SQL and the rules agree
 * for every combination of organisation kind, ministry, deletion and target group, and at every size boundary.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.js';
import { ORGANISATION_KINDS, TARGET_GROUPS } from '../../src/domain/catalogue.js';
import { eligibilityOf } from '../../src/domain/eligibility.js';
import { parseSizeThresholds, REPORT_SIZE_THRESHOLDS, sizeClassOf } from '../../src/domain/sizeClass.js';
import { eligibilityUnknownSql, eligibleSql, sizeClassSql } from '../../src/resources/stats/sql.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { createAgency, createArea, createProvider, createService } from '../support/factories.js';

describe.each(testEngines())('statistics SQL agrees with the domain rules on %s', (engine) => {
  let t: TestApp;
  const agencyRows: Parameters<typeof eligibilityOf>[0][] = [];
  const serviceRows: { id: string; targetGroup: (typeof TARGET_GROUPS)[number]; targetMinistryOrgnr: string | null }[] = [];

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: 'empty' });
    const db = t.database.db;
    const m1 = await createAgency(db, { kind: 'ministry' });
    const m2 = await createAgency(db, { kind: 'ministry' });
    agencyRows.push({ orgnr: m1.orgnr, kind: 'ministry', ministryOrgnr: null }, { orgnr: m2.orgnr, kind: 'ministry', ministryOrgnr: null });
    for (const kind of ORGANISATION_KINDS.filter((k) => k !== 'ministry')) {
      for (const ministryOrgnr of [m1.orgnr, null]) {
        for (const deletedOn of [null, '2020-01-01']) {
          const a = await createAgency(db, { kind, ministryOrgnr, deletedOn });
          agencyRows.push({ orgnr: a.orgnr, kind, ministryOrgnr, deletedOn });
        }
      }
    }
    await createArea(db, { slug: 'x' });
    const p = await createProvider(db, {});
    for (const targetGroup of TARGET_GROUPS) {
      for (const targetMinistryOrgnr of [m1.orgnr, m2.orgnr, null]) {
        const s = await createService(db, { providerId: p.id, areaSlug: 'x', targetGroup, targetMinistryOrgnr });
        serviceRows.push({ id: s.id, targetGroup, targetMinistryOrgnr });
      }
    }
  });
  afterAll(async () => t?.close());

  it('eligibility: yes and unknown in SQL are exactly eligibilityOf', async () => {
    const rows = await queryRows<{ orgnr: string; id: string; yes: boolean; unknown: boolean }>(
      t.database.db,
      sql`select a.orgnr, s.id, ${eligibleSql('a', 's')} as yes, ${eligibilityUnknownSql('a', 's')} as unknown from agencies a cross join services s`,
    );
    expect(rows).toHaveLength(agencyRows.length * serviceRows.length);
    for (const r of rows) {
      const a = agencyRows.find((x) => x.orgnr === r.orgnr)!;
      const s = serviceRows.find((x) => x.id === r.id)!;
      const expected = eligibilityOf(a, s);
      const actual = r.yes ? 'yes' : r.unknown ? 'unknown' : 'no';
      expect(actual, `${a.kind} ministry=${a.ministryOrgnr ? 'm1' : a.kind === 'ministry' ? 'self' : '-'} deleted=${!!a.deletedOn} × ${s.targetGroup}/${s.targetMinistryOrgnr}`).toBe(expected);
    }
  });

  it('size classes: the SQL gives sizeClassOf at every boundary, for the report and for other thresholds', async () => {
    const values = [null, -1, 0, 1, 49, 50, 51, 149, 150, 151, 175, 199, 200, 201, 250, 25_000];
    for (const th of [REPORT_SIZE_THRESHOLDS, parseSizeThresholds('20,100,100'), parseSizeThresholds('10,50,500')]) {
      const rows = await queryRows<{ v: number | null; c: string }>(
        t.database.db,
        sql`select v, ${sizeClassSql(sql.raw('v'), th)} as c from (select unnest(array[${sql.join(
          values.map((v) => (v === null ? sql`null::int` : sql`${v}::int`)),
          sql`, `,
        )}]) as v) x`,
      );
      for (const r of rows) expect(r.c, `${r.v} under ${JSON.stringify(th)}`).toBe(sizeClassOf(r.v === null ? null : Number(r.v), th));
    }
  });
});
