/**
 * Demo baselines and results per agency (data/demo/baselines.json; issue 17, item 4): illustrative, drawn from a
 * fixed seed for the first agencies using a service, so the service's sums pass the small-group rule.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { BASELINE_MEASURES, type Measures } from '../../domain/agencyBaseline.js';
import { prng } from '../../domain/random.js';
import { demoDataDir } from '../../paths.js';
import type { Executor } from '../database.js';
import { agencyBaselines, services, subscriptions } from '../schema/index.js';

interface DemoBaselines {
  services: {
    service: string;
    agencies: number;
    withResult: number;
    seed: number;
    baselinePeriod: string;
    resultPeriod: string;
    baseline: Partial<Record<(typeof BASELINE_MEASURES)[number], [number, number]>>;
    resultFactor: [number, number];
  }[];
}

export async function writeDemoBaselines(tx: Executor, now: Date): Promise<void> {
  const data = JSON.parse(readFileSync(join(demoDataDir, 'baselines.json'), 'utf8')) as DemoBaselines;
  for (const d of data.services) {
    const [s] = await tx.select({ id: services.id }).from(services).where(eq(services.slug, d.service));
    if (!s) throw new Error(`demo baselines: unknown service ${d.service}`);
    const users = await tx
      .selectDistinct({ orgnr: subscriptions.agencyOrgnr })
      .from(subscriptions)
      .where(and(eq(subscriptions.serviceId, s.id), isNull(subscriptions.endedOn)))
      .orderBy(asc(subscriptions.agencyOrgnr))
      .limit(d.agencies);
    const random = prng(d.seed);
    const between = ([lo, hi]: [number, number], digits: number) => Math.round((lo + random() * (hi - lo)) * 10 ** digits) / 10 ** digits;
    await tx.insert(agencyBaselines).values(
      users.map((u, i) => {
        const baseline: Measures = {};
        const result: Measures = {};
        for (const m of BASELINE_MEASURES) {
          const range = d.baseline[m];
          if (!range) continue;
          const digits = m === 'ftes' ? 1 : 0;
          baseline[m] = m === 'costNokPerYear' ? Math.round(between(range, 0) / 1000) * 1000 : between(range, digits);
          result[m] = Math.round(baseline[m]! * between(d.resultFactor, 3) * 10 ** digits) / 10 ** digits;
        }
        const hasResult = i < d.withResult;
        return {
          serviceId: s.id,
          agencyOrgnr: u.orgnr,
          baselinePeriod: d.baselinePeriod,
          baseline,
          baselineRecordedAt: now,
          baselineRecordedBy: 'Demodata',
          resultPeriod: hasResult ? d.resultPeriod : null,
          result: hasResult ? result : null,
          resultRecordedAt: hasResult ? now : null,
          resultRecordedBy: hasResult ? 'Demodata' : null,
        };
      }),
    );
  }
}
