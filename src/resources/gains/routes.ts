import { eq } from 'drizzle-orm';
import { Type } from 'typebox';
import { services } from '../../db/schema/index.js';
import type { Language, LocalizedText } from '../../domain/catalogue.js';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import { actorOf } from '../../server/actor.js';
import { localizer } from '../shared/present.js';
import { Lang, problem, security } from '../shared/schema.js';
import { createIndicator, recordMeasurement, removeMeasurement, updateIndicator } from './commands.js';
import { type GainIndicatorRow, gainsOfService } from './queries.js';
import { GainIndicatorSchema, GainParams, GainsSchema, IndicatorBody, MeasurementBody, MeasurementParams, parseIndicatorInput } from './schema.js';

/** An indicator with its series, in a language: the API's shape, and what the statistics pages can take at merge. */
export function presentIndicator(i: GainIndicatorRow, lang: Language) {
  const { text } = localizer(lang);
  const point = (m: GainIndicatorRow['measurements'][number]) => ({ period: m.period, value: m.value, change: m.change, ratio: m.ratio, gain: m.gain, note: m.note });
  return {
    id: i.id,
    name: text(i.name),
    unit: i.unit,
    unitLabel: messages[lang].gain.unitName[i.unit],
    betterWhen: i.betterWhen,
    baseline: { value: i.baselineValue, period: i.baselinePeriod, description: text(i.baselineDescription) },
    source: i.source,
    method: i.method,
    factSource: i.factSource,
    measurements: i.measurements.map(point),
    latest: i.latest ? point(i.latest) : null,
  };
}

export async function registerGainApi(api: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  api.addSchema(GainIndicatorSchema);
  api.addSchema(GainsSchema);
  const gains = async (slug: string, lang: Language) => {
    const [s] = await db.select({ id: services.id, slug: services.slug, name: services.name }).from(services).where(eq(services.slug, slug));
    if (!s) throw new HttpProblem(404, messages[lang].errors.unknownService(slug));
    return { service: { slug: s.slug, name: localizer(lang).text(s.name as LocalizedText) }, indicators: (await gainsOfService(db, s.id)).map((i) => presentIndicator(i, lang)) };
  };
  const write = { 200: { $ref: 'ServiceGains#' }, 201: { $ref: 'ServiceGains#' }, 400: problem, 401: problem, 403: problem, 404: problem };

  api.get(
    '/services/:slug/gains',
    {
      schema: {
        tags: ['gains'],
        summary: "A service's costs and gains: baselines and results over time",
        description: 'Public. Each indicator has its baseline (what it cost or took before, when, source and method) and measurements with their change from the baseline.',
        params: Type.Object({ slug: Type.String({ maxLength: 120 }) }),
        querystring: Type.Object({ lang: Lang }),
        response: { 200: { $ref: 'ServiceGains#' }, 404: problem },
      },
    },
    async (req) => gains(req.params.slug, req.lang),
  );

  api.post(
    '/services/:slug/gains',
    {
      schema: { tags: ['gains'], summary: 'Add a gain indicator with its baseline', description: "For the service's provider and administrators. Answers 201.", security, params: Type.Object({ slug: Type.String({ maxLength: 120 }) }), body: IndicatorBody, response: write },
    },
    async (req, reply) => {
      await createIndicator(db, actorOf(req, deps), req.params.slug, parseIndicatorInput(req.body as Record<string, unknown>, req.lang), req.lang);
      reply.code(201);
      return gains(req.params.slug, req.lang);
    },
  );

  api.put(
    '/services/:slug/gains/:indicator',
    { schema: { tags: ['gains'], summary: "Correct an indicator's baseline, unit, source or method", security, params: GainParams, body: IndicatorBody, response: write } },
    async (req) => {
      await updateIndicator(db, actorOf(req, deps), req.params.slug, req.params.indicator, parseIndicatorInput(req.body as Record<string, unknown>, req.lang), req.lang);
      return gains(req.params.slug, req.lang);
    },
  );

  api.put(
    '/services/:slug/gains/:indicator/measurements/:period',
    {
      schema: {
        tags: ['gains'],
        summary: 'Record the result for a period',
        description: 'period: 2021, 2021-06 or 2021-06-30, not before the baseline. Recording a period again corrects it; the same value again changes nothing. 201 when new.',
        security,
        params: MeasurementParams,
        body: MeasurementBody,
        response: write,
      },
    },
    async (req, reply) => {
      const outcome = await recordMeasurement(db, actorOf(req, deps), req.params.slug, req.params.indicator, req.params.period, req.body as Record<string, unknown>, req.lang);
      reply.code(outcome === 'created' ? 201 : 200);
      return gains(req.params.slug, req.lang);
    },
  );

  api.delete(
    '/services/:slug/gains/:indicator/measurements/:period',
    { schema: { tags: ['gains'], summary: "Remove a period's result", security, params: MeasurementParams, response: write } },
    async (req) => {
      await removeMeasurement(db, actorOf(req, deps), req.params.slug, req.params.indicator, req.params.period, req.lang);
      return gains(req.params.slug, req.lang);
    },
  );
}
