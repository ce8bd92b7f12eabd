import { Type } from 'typebox';
import type { Language } from '../../domain/catalogue.js';
import { ministryAreaOf } from '../../domain/eligibility.js';
import { protectNeedTable } from '../../domain/needTable.js';
import { agencyScopes, isAdmin, ministryScopes, type Principal } from '../../domain/principal.js';
import { SIZE_CLASSES, sizeClassOf, type SizeThresholds } from '../../domain/sizeClass.js';
import { MIN_GROUP_SIZE } from '../../domain/smallGroups.js';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import { requireOrgnr } from '../agencies/orgnrInput.js';
import { actorOf } from '../../server/actor.js';
import { localizer, pageUrl } from '../shared/present.js';
import { enumOf, Lang, nullable, problem, Ref, security } from '../shared/schema.js';
import { registerNeed, setNeedStatus, updateNeed } from './commands.js';
import { mayNeed } from './policy.js';
import { areaList, getNeed, listNeeds, matchesFor, type NeedMatches, type NeedRow, type NeedScope, openNeedCells } from './queries.js';
import { NeedBody, NeedIdParams, NeedListQuery, NeedMatchesSchema, NeedSchema, NeedStatusBody, parseNeedInput, parseNeedStatus } from './schema.js';

/** Which needs someone may list: undefined for the public. */
export function needScope(p: Principal | undefined): NeedScope | undefined {
  if (!p) return undefined;
  if (isAdmin(p)) return { all: true };
  return { all: false, agencyOrgnrs: agencyScopes(p), ministryOrgnrs: ministryScopes(p), shared: p.roles.length > 0 };
}

/** May this principal read this need (policy on the row)? */
export const mayReadNeed = (p: Principal | undefined, n: NeedRow) => mayNeed(p, 'read', { agencyOrgnr: n.agencyOrgnr, agencyMinistryOrgnr: ministryAreaOf(n.agency), visibility: n.visibility });

export function presentNeed(n: NeedRow, lang: Language, thresholds: SizeThresholds, publicUrl: string) {
  const { text, ref } = localizer(lang);
  return {
    id: n.id,
    agency: { orgnr: n.agency.orgnr, name: text(n.agency.name), sizeClass: sizeClassOf(n.agency.employees, thresholds), municipality: n.agency.municipalityName, county: n.agency.countyName },
    area: ref(n.area),
    title: n.title,
    description: n.description,
    urgency: n.urgency,
    visibility: n.visibility,
    status: n.status,
    resolution: n.resolution,
    metBy: { service: n.metByService ? ref(n.metByService) : null, network: n.metByNetwork ? ref(n.metByNetwork) : null },
    contact: { name: n.contactName, email: n.contactEmail },
    createdAt: n.createdAt.toISOString(),
    updatedAt: n.updatedAt.toISOString(),
    closedAt: n.closedAt?.toISOString() ?? null,
    url: pageUrl(publicUrl, lang, `/behov/${n.id}`),
  };
}

export async function registerNeedApi(api: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const { publicUrl, sizeThresholds: thresholds } = deps.config;
  api.addSchema(NeedSchema);
  api.addSchema(NeedMatchesSchema);
  const present = (n: NeedRow, lang: Language) => presentNeed(n, lang, thresholds, publicUrl);
  const presentMatches = (m: NeedMatches, lang: Language) => {
    const { text, ref } = localizer(lang);
    return {
      services: m.services.map((s) => ({ slug: s.slug, name: text(s.name), provider: ref(s.provider), eligibility: s.eligibility, inUse: s.inUse })),
      networks: m.networks.map((n) => ({ slug: n.slug, name: text(n.name), county: n.countyName, members: n.memberCount })),
      similar: m.similar.map((s) => ({ need: present(s.need, lang), score: s.score, reasons: s.reasons })),
    };
  };
  const readable = async (req: { principal?: Principal | undefined; lang: Language }, id: string) => {
    const t = messages[req.lang];
    if (!req.principal) throw new HttpProblem(401, t.access.signInRequired);
    const n = await getNeed(db, id);
    if (!n) throw new HttpProblem(404, t.need.errors.unknown);
    if (!mayReadNeed(req.principal, n)) throw new HttpProblem(403, t.need.errors.notShared);
    return n;
  };

  api.get(
    '/needs',
    {
      schema: {
        tags: ['needs'],
        summary: 'Registered needs a signed-in reader may see',
        description: "An agency's editors see its needs; a ministry viewer those of the agencies under the ministry; everyone signed in the needs agencies share. Open needs by default, newest first.",
        security,
        querystring: NeedListQuery,
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Need')), total: Type.Integer() }), 400: problem, 401: problem },
      },
    },
    async (req) => {
      const scope = needScope(req.principal);
      if (!scope) throw new HttpProblem(401, messages[req.lang].access.signInRequired);
      const agency = req.query.agency ? requireOrgnr(req.query.agency, req.lang, 'agency') : undefined;
      const items = (await listNeeds(db, { scope, area: req.query.area, agency, status: req.query.status ?? 'open' })).map((n) => present(n, req.lang));
      return { items, total: items.length };
    },
  );

  const hiddenCount = nullable(Type.Integer({ description: 'Null when hidden: fewer than 5 agencies, or hidden so such a figure cannot be worked out from a total.' }));
  const counts = { counts: Type.Record(Type.String(), hiddenCount), total: hiddenCount, urgent: hiddenCount, agencies: hiddenCount, hidden: Type.Boolean() };
  const AggregateSchema = Type.Object({
    sizeClasses: Type.Array(Type.Object({ code: enumOf(SIZE_CLASSES), name: Type.String() })),
    minGroupSize: Type.Integer({ description: 'Figures about fewer agencies than this are hidden.' }),
    tooFew: Type.Boolean({ description: 'True when fewer than minGroupSize agencies have open needs: nothing is shown.' }),
    rows: Type.Array(Type.Object({ area: Ref, ...counts })),
    totals: Type.Object(counts),
  });
  api.get(
    '/needs/aggregate',
    {
      schema: {
        tags: ['needs'],
        summary: 'Unmet needs per service area and agency size class',
        description: "For providers and administrators: every open need, shared or not, counted without names — input for new framework agreements. Size classes follow SIZE_THRESHOLDS; 151–200 ('gap') and unknown are their own columns.",
        security,
        querystring: Type.Object({ lang: Lang }),
        response: { 200: AggregateSchema, 401: problem, 403: problem },
      },
    },
    async (req) => {
      const t = messages[req.lang];
      if (!req.principal) throw new HttpProblem(401, t.access.signInRequired);
      if (!mayNeed(req.principal, 'aggregate')) throw new HttpProblem(403, t.need.errors.aggregateOnly);
      return needAggregate(deps, req.lang);
    },
  );

  api.get(
    '/needs/:id',
    {
      schema: {
        tags: ['needs'],
        summary: 'One need, with services, networks and agencies with like needs',
        security,
        params: NeedIdParams,
        querystring: Type.Object({ lang: Lang }),
        response: { 200: Type.Object({ need: Type.Ref('Need'), matches: Type.Ref('NeedMatches') }), 401: problem, 403: problem, 404: problem },
      },
    },
    async (req) => {
      const n = await readable(req, req.params.id);
      return { need: present(n, req.lang), matches: presentMatches(await matchesFor(db, n, thresholds), req.lang) };
    },
  );

  api.post(
    '/needs',
    {
      schema: {
        tags: ['needs'],
        summary: 'Register a need',
        description: "For the agency's editors (and administrators). The contact defaults to the person registering it. Answers 201.",
        security,
        body: NeedBody,
        response: { 201: Type.Ref('Need'), 400: problem, 401: problem, 403: problem, 404: problem },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req, deps);
      const orgnr = requireOrgnr(req.body.agency, req.lang, 'agency');
      const id = await registerNeed(db, actor, orgnr, parseNeedInput(req.body as Record<string, unknown>, req.lang), req.lang);
      reply.code(201).header('location', `/api/v1/needs/${id}`);
      return present((await getNeed(db, id))!, req.lang);
    },
  );

  api.put(
    '/needs/:id',
    {
      schema: {
        tags: ['needs'],
        summary: 'Change a need',
        security,
        params: NeedIdParams,
        body: Type.Omit(NeedBody, ['agency']),
        response: { 200: Type.Ref('Need'), 400: problem, 401: problem, 403: problem, 404: problem },
      },
    },
    async (req) => {
      await updateNeed(db, actorOf(req, deps), req.params.id, parseNeedInput(req.body as Record<string, unknown>, req.lang), req.lang);
      return present((await getNeed(db, req.params.id))!, req.lang);
    },
  );

  api.post(
    '/needs/:id/status',
    {
      schema: {
        tags: ['needs'],
        summary: 'Mark a need met or withdrawn, or open it again',
        description: 'met may name the service or network that met it. The same status again changes nothing.',
        security,
        params: NeedIdParams,
        body: NeedStatusBody,
        response: { 200: Type.Ref('Need'), 400: problem, 401: problem, 403: problem, 404: problem },
      },
    },
    async (req) => {
      await setNeedStatus(db, actorOf(req, deps), req.params.id, parseNeedStatus(req.body as Record<string, unknown>, req.lang), req.lang);
      return present((await getNeed(db, req.params.id))!, req.lang);
    },
  );
}

/**
 * Unmet needs per area and size class, in a language: for the providers' page, the API and (at merge) the
 * statistics pages.
 */
export async function needAggregate(deps: AppDeps, lang: Language) {
  const { db } = deps.database;
  const t = messages[lang];
  const { ref } = localizer(lang);
  const [cells, areaRows] = await Promise.all([openNeedCells(db, deps.config.sizeThresholds), areaList(db)]);
  // Providers see the aggregate of every agency's needs, shared or not: small groups hidden (src/domain/smallGroups.ts).
  const { rows, totals, tooFew } = protectNeedTable(cells, areaRows.map((a) => a.slug));
  return {
    sizeClasses: SIZE_CLASSES.map((code) => ({ code, name: t.vocab.sizeClass[code] })),
    minGroupSize: MIN_GROUP_SIZE,
    tooFew,
    rows: rows.map(({ areaSlug, ...r }) => ({ area: ref(areaRows.find((a) => a.slug === areaSlug)!), ...r })),
    totals,
  };
}

export type NeedAggregate = Awaited<ReturnType<typeof needAggregate>>;
