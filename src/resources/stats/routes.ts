import type { Static, TSchema } from 'typebox';
import type { Language } from '../../domain/catalogue.js';
import { COVERAGE_KINDS } from '../../domain/coverage.js';
import { share } from '../../domain/shares.js';
import type { App, AppDeps } from '../../server/types.js';
import { messages } from '../../web/i18n/index.js';
import { localizer } from '../shared/present.js';
import { problem } from '../shared/schema.js';
import { knownSlug, populationFrom } from './input.js';
import type { ServiceRow } from './queries.js';
import { adoptionByMinistry, adoptionReport, coverageReport, gapReport, launchesReport, tierReport, trendReports } from './served.js';
import { AdoptionQuery, AdoptionResponse, CoverageQuery, CoverageResponse, OptOutResponse, TrendQuery, TrendResponse, LangAsOfQuery } from './schema.js';
import { publicOptOutReport, reasonLabel } from './optouts.js';
import { asOfFrom } from './asOf.js';

/** A service as the statistics API shows it. */
export function presentService(s: ServiceRow, lang: Language) {
  const { text, ref } = localizer(lang);
  return {
    slug: s.slug,
    name: text(s.name),
    provider: { slug: s.provider.slug, name: s.provider.shortName ?? text(s.provider.name) },
    area: ref(s.area),
    model: s.model,
    targetGroup: s.targetGroup,
    status: s.status,
  };
}

export async function registerStatsApi(api: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const th = deps.config.sizeThresholds;
  for (const s of [CoverageResponse, AdoptionResponse, TrendResponse, OptOutResponse]) api.addSchema(s);
  /** A public statistics GET: the figures as of the query's `asOf` (today when absent) in the asked language; 400 for a bad query. */
  const statsGet = <Q extends TSchema>(path: string, doc: { summary: string; description: string; querystring: Q; item: string }, answer: (query: Static<Q>, asOf: string, lang: Language) => Promise<unknown>) => {
    const { item, ...text } = doc;
    api.get(path, { schema: { tags: ['statistics'], ...text, response: { 200: { $ref: `${item}#` }, 400: problem } } }, async (req) => {
      const query = req.query as Static<Q> & { asOf?: string | undefined };
      return answer(query, asOfFrom(query.asOf, req.lang), req.lang);
    });
  };

  statsGet(
    '/stats/coverage',
    { summary: 'Coverage: for every agency and service area, which arrangement covers it', description: 'Counts per area of agencies covered by a central, sector, group or network service (from active subscriptions), by their own declared in-house solution, or by nothing known; a page of agencies with their coverage per area; and the report\'s key gap (agencies without central, sector or group arrangements in IT operation or archive). Each agency is counted once per area, under the first arrangement that applies in the order of `kinds`. The same figures as /statistikk/dekning.', querystring: CoverageQuery, item: 'StatsCoverage' },
    async (q, today, lang) => {
      const f = await populationFrom(db, q, lang);
      const { limit, offset } = q;
      const [r, gap] = await Promise.all([coverageReport(db, th, today, f, lang, { offset, limit }), gapReport(db, th, today, f, lang, { offset: 0, limit: 0 })]);
      const items = r.agencies.items;
      const { text, org } = localizer(lang);
      return {
        asOf: today,
        population: r.population,
        kinds: [...COVERAGE_KINDS],
        areas: r.byArea.map((a) => ({
          area: { slug: a.area.slug, name: text(a.area.name), gapArea: a.area.gapArea },
          counts: a.counts,
          shares: Object.fromEntries(COVERAGE_KINDS.map((k) => [k, share(a.counts[k], a.population)])),
          gapExposed: a.gapExposed,
        })),
        agencies: {
          total: r.agencies.total,
          limit,
          offset,
          items: items.map((a) => ({
            orgnr: a.orgnr,
            name: text(a.name),
            sizeClass: a.sizeClass,
            ministry: a.ministry ? org(a.ministry) : null,
            coverage: r.areas.map((ar) => ({ area: ar.slug, ...a.cells[ar.slug]! })),
          })),
        },
        gap: { areas: gap.gapAreas.map((g) => g.slug), exposed: gap.exposed, bySize: gap.bySize },
      };
    },
  );

  statsGet(
    '/stats/adoption',
    { summary: 'Adoption: the share of eligible agencies using each service, by size class, with tier distribution', description: 'Eligibility follows the service\'s target group (all state bodies; state and municipal; one ministry area). For group schemes and agreements the register does not say who may use a service: `eligibilityKnown` is false and shares are null. With `service`, the item also has the split by ministry area; with `ministry`, users and eligible agencies are counted in that ministry area only. The same figures as /statistikk/bruk.', querystring: AdoptionQuery, item: 'StatsAdoption' },
    async (q, today, lang) => {
      const [area, provider, service, ministry] = await Promise.all([
        knownSlug(db, 'areas', 'area', q.area, lang),
        knownSlug(db, 'providers', 'provider', q.provider, lang),
        knownSlug(db, 'services', 'service', q.service, lang),
        populationFrom(db, { ministry: q.ministry }, lang).then((p) => p.ministry),
      ]);
      const r = await adoptionReport(db, th, today, { area, provider, service }, q.sort ?? 'users', lang, ministry);
      const pageRows = r.rows.slice(q.offset, q.offset + q.limit);
      const services = pageRows.map((x) => x.service);
      const [tiers, byMinistry] = await Promise.all([tierReport(db, today, services), service ? adoptionByMinistry(db, th, today, services) : Promise.resolve([])]);
      const { text, org } = localizer(lang);
      return {
        asOf: today,
        total: r.rows.length,
        limit: q.limit,
        offset: q.offset,
        items: pageRows.map((x) => {
          const t = tiers.find((y) => y.service.id === x.service.id);
          const m = byMinistry.find((y) => y.service.id === x.service.id);
          return {
            service: presentService(x.service, lang),
            users: x.users,
            eligibilityKnown: x.eligibilityKnown,
            eligibleUsers: x.eligibleUsers,
            eligible: x.eligible,
            share: x.share,
            bySize: x.bySize,
            tiers: t ? { total: t.total, notStated: t.notStated, tiers: t.tiers.map((y) => ({ slug: y.tier.slug, name: text(y.tier.name), current: y.tier.current, count: y.count, share: y.share })) } : null,
            ...(m ? { byMinistry: m.rows.map((y) => ({ ministry: y.ministry ? org(y.ministry) : null, users: y.users, eligible: y.eligible, share: y.share })) } : {}),
          };
        }),
      };
    },
  );

  statsGet(
    '/stats/trends',
    { summary: 'Trends: customers per area or service over time, and new and planned services', description: 'Distinct customer agencies at the end of each year and today, computed from the subscription history (rows are never overwritten, so past years are exact). Subscriptions without a start date are counted in `undated` and left out of the series. The same figures as /statistikk/utvikling.', querystring: TrendQuery, item: 'StatsTrends' },
    async (q, today, lang) => {
      const [area, provider] = await Promise.all([knownSlug(db, 'areas', 'area', q.area, lang), knownSlug(db, 'providers', 'provider', q.provider, lang)]);
      const by = q.by ?? (provider ? 'service' : 'area');
      // The three trends counted in one pass (customerTrends).
      const [{ trend: r, bySize, byModel }, launches] = await Promise.all([trendReports(db, today, by, { area, provider }, th, q.from), launchesReport(db, today, 5, { area, provider })]);
      const vocab = messages[lang].vocab;
      const { text, ref } = localizer(lang);
      const svc = (s: ServiceRow) => ({ slug: s.slug, name: text(s.name), provider: { slug: s.provider.slug, name: s.provider.shortName ?? text(s.provider.name) }, area: ref(s.area) });
      return {
        asOf: today,
        by,
        points: r.points,
        undated: r.undated,
        series: r.series.map((s) => ({ area: ref(s.area), service: s.service ? ref(s.service) : null, values: s.values, growth: s.growth })),
        bySize: bySize.series.map((s) => ({ ...s, label: vocab.sizeClass[s.key as keyof typeof vocab.sizeClass] })),
        byModel: byModel.series.map((s) => ({ ...s, label: vocab.model[s.key as keyof typeof vocab.model] })),
        launched: launches.launched.map((s) => ({ ...svc(s), launchedOn: s.launchedOn! })),
        planned: launches.planned.map((s) => ({ ...svc(s), plannedOn: s.plannedOn })),
      };
    },
  );

  statsGet(
    '/stats/optouts',
    { summary: 'Opt-outs and accessions per procurement: rates and reasons by size class and ministry area', description: 'For every procurement whose consultation has opened (consultation, announced, awarded, active, expired): rates of the agencies eligible for it, each agency counted once (its latest declaration; withdrawn ones do not count), reasons for opting out with their labels from the procurement\'s questionnaire, and the same split by size class (the 151–200 gap and unknown size are their own classes) and by ministry area. `available` is false while no procurement has been through a consultation. With `asOf`, the register as it stood at the end of that day: each procurement in the state it was in then (from its dated milestones), declarations submitted by then and not withdrawn by then. The same figures as /statistikk/fravalg.', querystring: LangAsOfQuery, item: 'StatsOptOuts' },
    async (_q, asOf, lang) => {
      const items = await publicOptOutReport(db, th, asOf);
      const { text } = localizer(lang);
      return {
        asOf,
        available: items.length > 0,
        note: items.length > 0 ? messages[lang].stats.optouts.how : messages[lang].stats.optouts.notYet,
        items: items.map((i) => {
          const withLabels = (rs: typeof i.reasons) => rs.map((r) => ({ ...r, label: reasonLabel(i, r.code, lang) }));
          return {
            ...i,
            title: text(i.title),
            provider: { slug: i.provider.slug, name: i.provider.shortName ?? text(i.provider.name) },
            reasons: withLabels(i.reasons),
            bySize: i.bySize.map((b) => ({ ...b, reasons: withLabels(b.reasons) })),
          };
        }),
      };
    },
  );
}
