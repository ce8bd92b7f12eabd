import { Type } from 'typebox';
import type { Language } from '../../domain/catalogue.js';
import { sizeClassRange } from '../../domain/sizeClass.js';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import { groupInOrder, localizer, pageUrl } from '../shared/present.js';
import { Lang, problem } from '../shared/schema.js';
import { ministryFilter, requireOrgnr } from './orgnrInput.js';
import { type AgencyListRow, getAgencyDetail, searchAgencies } from './queries.js';
import { AgencyDetailSchema, AgencyList, AgencyListItem, AgencyListQuery, OrgnrParams } from './schema.js';

export async function registerAgencyApi(api: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const thresholds = deps.config.sizeThresholds;
  /** The fields an agency has both in the list and on its own. */
  const present = (a: AgencyListRow, lang: Language) => {
    const { text, org } = localizer(lang);
    return {
      orgnr: a.orgnr,
      name: text(a.name),
      shortName: a.shortName,
      kind: a.kind,
      ministry: a.ministry ? org(a.ministry) : null,
      employees: a.employees,
      sizeClass: a.sizeClass,
      deletedOn: a.deletedOn,
      url: pageUrl(deps.config.publicUrl, lang, `/virksomheter/${a.orgnr}`),
    };
  };
  api.addSchema(AgencyListItem);
  api.addSchema(AgencyDetailSchema);

  api.get(
    '/agencies',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Search the agencies',
        description:
          'By name or organisation number prefix, ministry, kind and size class. Sorted by name (Norwegian collation). An invalid or unknown ministry is a 400 that says why.',
        querystring: AgencyListQuery,
        response: { 200: AgencyList, 400: problem },
      },
    },
    async (req) => {
      const { q, kind, size, limit, offset } = req.query;
      const lang = req.lang;
      const ministry = await ministryFilter(db, req.query.ministry, lang);
      const all = await searchAgencies(db, { q, ministry, kinds: kind, sizes: size, thresholds, lang });
      return {
        items: all.slice(offset, offset + limit).map((a) => present(a, lang)),
        total: all.length,
        limit,
        offset,
      };
    },
  );

  api.get(
    '/agencies/:orgnr',
    {
      schema: {
        tags: ['agencies'],
        summary: 'One agency, with the shared services it uses and, for a ministry, its subordinate agencies',
        description: 'An invalid organisation number is a 400 that says why (missing, not digits, length, check digit); a valid unknown one is a 404.',
        params: OrgnrParams,
        querystring: Type.Object({ lang: Lang }),
        response: { 200: { $ref: 'AgencyDetail#' }, 400: problem, 404: problem },
      },
    },
    async (req) => {
      const lang = req.lang;
      const orgnr = requireOrgnr(req.params.orgnr, lang, 'orgnr');
      const d = await getAgencyDetail(db, orgnr, thresholds, lang);
      if (!d) throw new HttpProblem(404, messages[lang].errors.unknownAgency(orgnr));
      const { text, ref, org } = localizer(lang);
      const a = d.agency;
      return {
        ...present({ ...a, ministry: d.ministry, sizeClass: d.sizeClass }, lang),
        parent: d.parent ? org(d.parent) : null,
        employeesAsOf: a.employeesAsOf,
        sizeRange: d.sizeClass === 'unknown' ? null : sizeClassRange(d.sizeClass, thresholds),
        location: { municipalityNumber: a.municipalityNumber, municipality: a.municipalityName, county: a.countyName, postalCode: a.postalCode, city: a.city },
        website: a.website,
        factSource: a.factSource,
        services: groupInOrder(d.uses, (u) => u.area.slug, (u) => u.area).map((g) => ({
          area: ref(g.head),
          services: g.items.map((u) => ({ slug: u.slug, name: text(u.name), provider: ref(u.provider), tier: u.tier ? ref(u.tier) : null, since: u.since })),
        })),
        subordinates: d.subordinates.map((s) => ({ orgnr: s.orgnr, name: text(s.name), kind: s.kind, sizeClass: s.sizeClass })),
      };
    },
  );
}
