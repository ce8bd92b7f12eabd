import { eq } from 'drizzle-orm';
import { Type } from 'typebox';
import { services } from '../../db/schema/index.js';
import type { Language } from '../../domain/catalogue.js';
import { formatOrgnr } from '../../domain/orgnr.js';
import { actorOf } from '../../server/actor.js';
import { HttpProblem } from '../../server/problem.js';
import type { App, AppDeps } from '../../server/types.js';
import { messages } from '../../web/i18n/index.js';
import { publicRead, putUpsert } from '../shared/routes.js';
import { Lang, problem, security } from '../shared/schema.js';
import { baselineOf, mayBaseline, recordBaseline, recordResult, serviceBaselines } from './commands.js';
import { AgencyBaselineSchema, BaselineAggregateSchema, MeasuredBody, parseMeasured } from './schema.js';

const Params = Type.Object({ slug: Type.String({ maxLength: 120 }) });
const AgencyParams = Type.Object({ slug: Type.String({ maxLength: 120 }), orgnr: Type.String({ pattern: '^[0-9]{9}$' }) });

/**
 * Baselines and gains per agency (issue 17, item 4; the report's 3.3): an agency records where it stood before a
 * service and later its result; the service's sums are public with the small-group rule.
 */
export async function registerBaselineApi(api: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  api.addSchema(BaselineAggregateSchema);
  api.addSchema(AgencyBaselineSchema);
  const service = async (slug: string, lang: Language) => {
    const [s] = await db.select({ id: services.id, slug: services.slug }).from(services).where(eq(services.slug, slug));
    if (!s) throw new HttpProblem(404, messages[lang].errors.unknownService(slug));
    return s;
  };
  const own = async (slug: string, orgnr: string, lang: Language) => {
    const s = await service(slug, lang);
    const row = await baselineOf(db, s.id, orgnr);
    if (!row) throw new HttpProblem(404, messages[lang].baseline.noBaseline);
    return {
      service: s.slug,
      agency: orgnr,
      baseline: { period: row.baselinePeriod, measures: row.baseline, note: row.baselineNote },
      result: row.resultPeriod && row.result ? { period: row.resultPeriod, measures: row.result, note: row.resultNote } : null,
    };
  };

  api.get(
    '/services/:slug/baselines',
    publicRead(
      {
        tags: ['gains'],
        summary: "The agencies' baselines and results, summed",
        description: 'Public. Per measure (hours a month, cost a year, FTEs): the sums over agencies with both a baseline and a result, in all and by size class, with the small-group rule (null under 5).',
        params: Params,
      },
      'BaselineAggregate',
    ),
    async (req) => serviceBaselines(db, (await service(req.params.slug, req.lang)).id, deps.config.sizeThresholds),
  );

  api.get(
    '/services/:slug/baselines/:orgnr',
    {
      schema: {
        tags: ['gains'],
        summary: "An agency's own baseline and result for a service",
        description: "For the agency's editors and administrators.",
        security,
        params: AgencyParams,
        querystring: Type.Object({ lang: Lang }),
        response: { 200: { $ref: 'AgencyBaseline#' }, 401: problem, 403: problem, 404: problem },
      },
    },
    async (req) => {
      const t = messages[req.lang];
      if (!req.principal) throw new HttpProblem(401, t.access.signInRequired);
      if (!mayBaseline(req.principal, req.params.orgnr)) throw new HttpProblem(403, t.access.notYourAgency(formatOrgnr(req.params.orgnr)));
      return own(req.params.slug, req.params.orgnr, req.lang);
    },
  );

  putUpsert(
    api,
    '/services/:slug/baselines/:orgnr',
    {
      tags: ['gains'],
      summary: "Record the agency's baseline for a service",
      description: "For the agency's editors and administrators, while the agency uses (or is joining) the service (409 otherwise). At least one of hoursPerMonth, costNokPerYear, ftes. 201 when new, 200 when changed.",
      params: AgencyParams,
      body: MeasuredBody,
      item: 'AgencyBaseline',
    },
    async (req, { slug, orgnr }, body) => {
      const outcome = await recordBaseline(db, actorOf(req, deps), slug, orgnr, parseMeasured(body, req.lang), req.lang);
      return { created: outcome === 'created', item: await own(slug, orgnr, req.lang) };
    },
  );

  api.put(
    '/services/:slug/baselines/:orgnr/result',
    {
      schema: {
        tags: ['gains'],
        summary: "Record the agency's result against its baseline",
        description: 'Same measures as the baseline (at least one it has), for a period not before it; 409 without a baseline.',
        security,
        params: AgencyParams,
        body: MeasuredBody,
        response: { 200: { $ref: 'AgencyBaseline#' }, 400: problem, 401: problem, 403: problem, 404: problem, 409: problem },
      },
    },
    async (req) => {
      await recordResult(db, actorOf(req, deps), req.params.slug, req.params.orgnr, parseMeasured(req.body, req.lang), req.lang);
      return own(req.params.slug, req.params.orgnr, req.lang);
    },
  );
}
