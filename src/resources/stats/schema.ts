import { AsOfProperty } from './asOf.js';
import { type Static, Type } from 'typebox';
import { ORGANISATION_KINDS } from '../../domain/catalogue.js';
import { COVERAGE_KINDS } from '../../domain/coverage.js';
import { SIZE_CLASSES } from '../../domain/sizeClass.js';
import { enumOf, Lang, multi, nullable, OrgRef, pageProperty, pagingProperties, Ref } from '../shared/schema.js';
import { ADOPTION_SORTS } from './reports.js';

const ministry = Type.Optional(Type.String({ maxLength: 40, description: 'Organisation number of a ministry: only its ministry area (the ministry and the agencies under it).' }));
const area = Type.Optional(Type.String({ maxLength: 120, description: 'Slug of a service area.' }));
const provider = Type.Optional(Type.String({ maxLength: 120, description: 'Slug of a provider.' }));

// ── Page queries (GET forms: one value per select) ──────────────────────────────────────────────────────────────

export const PopulationPageQuery = Type.Object({
  ministry,
  size: Type.Optional(enumOf(SIZE_CLASSES)),
  kind: Type.Optional(enumOf(ORGANISATION_KINDS)),
  ...pageProperty,
});
export type PopulationPageQuery = Static<typeof PopulationPageQuery>;

export const AdoptionPageQuery = Type.Object({ area, provider, sort: Type.Optional(enumOf(ADOPTION_SORTS)), ...pageProperty });
export type AdoptionPageQuery = Static<typeof AdoptionPageQuery>;

export const TrendPageQuery = Type.Object({ area });

// ── API ─────────────────────────────────────────────────────────────────────────────────────────────────────────

const populationQuery = {
  kind: multi(ORGANISATION_KINDS, 'Kinds of organisation counted (default: ministry, agency, other – the state bodies).'),
  ministry,
  size: multi(SIZE_CLASSES, 'Size classes under the configured thresholds; `gap` is 151–200, `unknown` has no employee count.'),
};

export const CoverageQuery = Type.Object({ ...populationQuery, ...pagingProperties, lang: Lang, asOf: AsOfProperty });
export const AdoptionQuery = Type.Object({
  area,
  provider,
  service: Type.Optional(Type.String({ maxLength: 120, description: 'Slug of one service: adds the split by ministry area.' })),
  ministry,
  sort: Type.Optional(enumOf(ADOPTION_SORTS, 'users (default), share or name.')),
  ...pagingProperties,
  lang: Lang,
  asOf: AsOfProperty,
});
export const TrendQuery = Type.Object({
  by: Type.Optional(enumOf(['area', 'service'] as const, 'One series per area (default) or per service.')),
  area,
  provider,
  from: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100, description: 'First year (default: the first year in the register, not before 2000).' })),
  lang: Lang,
  asOf: AsOfProperty,
});
/** A statistics answer with only a language and a day (`asOf`). */
export const LangAsOfQuery = Type.Object({ lang: Lang, asOf: AsOfProperty });

const share = nullable(Type.Number({ description: 'A fraction 0–1; null when there is nothing to divide by.' }));
const sizeSplit = Type.Array(
  Type.Object({ sizeClass: enumOf(SIZE_CLASSES), users: Type.Integer(), eligible: nullable(Type.Integer()), share }),
  { description: 'Every size class, the 151–200 gap and unknown included.' },
);
const cell = Type.Object({
  area: Type.String(),
  primary: enumOf(COVERAGE_KINDS, 'The arrangement the agency is counted under.'),
  models: Type.Array(Type.String()),
  inHouse: Type.Boolean(),
});

export const CoverageResponse = Type.Object(
  {
    asOf: Type.String({ description: 'The day the figures are for (Oslo time).' }),
    population: Type.Integer({ description: 'Organisations counted (after the filters).' }),
    kinds: Type.Array(enumOf(COVERAGE_KINDS), { description: 'The arrangements, in the order an agency is counted under the first that applies.' }),
    areas: Type.Array(
      Type.Object({
        area: Type.Object({ slug: Type.String(), name: Type.String(), gapArea: Type.Boolean() }),
        counts: Type.Object(Object.fromEntries(COVERAGE_KINDS.map((k) => [k, Type.Integer()]))),
        shares: Type.Object(Object.fromEntries(COVERAGE_KINDS.map((k) => [k, share]))),
        gapExposed: Type.Integer({ description: 'Agencies without a central, sector or group arrangement in the area.' }),
      }),
    ),
    agencies: Type.Object({
      total: Type.Integer(),
      limit: Type.Integer(),
      offset: Type.Integer(),
      items: Type.Array(
        Type.Object({ orgnr: Type.String(), name: Type.String(), sizeClass: enumOf(SIZE_CLASSES), ministry: nullable(OrgRef), coverage: Type.Array(cell) }),
      ),
    }),
    gap: Type.Object({
      areas: Type.Array(Type.String(), { description: 'The areas the report names as gaps (IT operation, archive).' }),
      exposed: Type.Integer({ description: 'Agencies without a central, sector or group arrangement in at least one gap area.' }),
      bySize: Type.Array(Type.Object({ sizeClass: enumOf(SIZE_CLASSES), agencies: Type.Integer(), exposed: Type.Integer(), share })),
    }),
  },
  { $id: 'StatsCoverage' },
);

const serviceRef = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  provider: Ref,
  area: Ref,
  model: Type.String(),
  targetGroup: Type.String(),
  status: Type.String(),
});

export const AdoptionResponse = Type.Object(
  {
    asOf: Type.String(),
    total: Type.Integer(),
    limit: Type.Integer(),
    offset: Type.Integer(),
    items: Type.Array(
      Type.Object({
        service: serviceRef,
        users: Type.Integer({ description: 'Active users, eligible or not.' }),
        eligibilityKnown: Type.Boolean({ description: 'False for group schemes and agreements: the register does not say who may use them, so eligible and share are null.' }),
        eligibleUsers: Type.Integer(),
        eligible: nullable(Type.Integer()),
        share,
        bySize: sizeSplit,
        tiers: nullable(
          Type.Object({
            total: Type.Integer({ description: 'Customers with a stated tier: the base of the shares.' }),
            notStated: Type.Integer(),
            tiers: Type.Array(Type.Object({ slug: Type.String(), name: Type.String(), current: Type.Boolean(), count: Type.Integer(), share })),
          }),
        ),
        byMinistry: Type.Optional(Type.Array(Type.Object({ ministry: nullable(OrgRef), users: Type.Integer(), eligible: nullable(Type.Integer()), share }))),
      }),
    ),
  },
  { $id: 'StatsAdoption' },
);

export const TrendResponse = Type.Object(
  {
    asOf: Type.String(),
    by: enumOf(['area', 'service'] as const),
    points: Type.Array(Type.Object({ date: Type.String(), label: Type.String() }), { description: 'The last day of each year, then today.' }),
    undated: Type.Integer({ description: 'Active subscriptions without a start date, left out of the series.' }),
    series: Type.Array(Type.Object({ area: Ref, service: nullable(Ref), values: Type.Array(Type.Integer()), growth: share })),
    bySize: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), values: Type.Array(Type.Integer()), growth: share }), {
      description: 'Customers at the same points by the agency’s size class (its size today), each agency once per class and point.',
    }),
    byModel: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), values: Type.Array(Type.Integer()), growth: share }), {
      description: 'Customers at the same points by the service’s delivery model (central, sector, group, network); an agency counts under every model it uses.',
    }),
    launched: Type.Array(Type.Object({ slug: Type.String(), name: Type.String(), provider: Ref, area: Ref, launchedOn: Type.String() })),
    planned: Type.Array(Type.Object({ slug: Type.String(), name: Type.String(), provider: Ref, area: Ref, plannedOn: nullable(Type.String()) })),
  },
  { $id: 'StatsTrends' },
);

const hiddenNote = 'Null when hidden: fewer than 5 agencies declared in the group, or hidden so that such a group cannot be worked out from the total.';
const rates = {
  eligible: Type.Integer(),
  optOuts: nullable(Type.Integer({ description: hiddenNote })),
  accessions: nullable(Type.Integer({ description: hiddenNote })),
  undeclared: nullable(Type.Integer({ description: hiddenNote })),
  optOutRate: share,
  accessionRate: share,
  hidden: Type.Boolean({ description: 'True when the declarations of this group are hidden (groups of fewer than 5 declaring agencies).' }),
};
const reasons = Type.Array(Type.Object({ code: nullable(Type.String()), label: nullable(Type.String()), count: Type.Integer(), share }));

export const OptOutResponse = Type.Object(
  {
    asOf: Type.String(),
    available: Type.Boolean({ description: 'False while no procurement has opened its consultation; items is then empty.' }),
    note: Type.String(),
    items: Type.Array(
      Type.Object({
        procurementId: Type.String(),
        title: Type.String(),
        status: Type.String(),
        obligation: Type.String(),
        provider: Ref,
        ...rates,
        outsideEligible: nullable(Type.Integer({ description: 'Declarations from agencies outside the eligible set; null when 1–4.' })),
        reasons,
        bySize: Type.Array(Type.Object({ sizeClass: enumOf(SIZE_CLASSES), ...rates, reasons })),
        byMinistry: Type.Array(Type.Object({ ministryOrgnr: nullable(Type.String()), ...rates })),
      }),
    ),
  },
  { $id: 'StatsOptOuts' },
);

const cohort = nullable(Type.Object({ users: Type.Integer(), peers: Type.Integer() }));

export const RecommendationResponse = Type.Object(
  {
    asOf: Type.String(),
    agency: Type.Object({ orgnr: Type.String(), name: Type.String(), sizeClass: enumOf(SIZE_CLASSES), ministry: nullable(OrgRef) }),
    usesCount: Type.Integer({ description: 'Services the agency uses today.' }),
    similar: Type.String({ description: 'Who the agency is compared with, in words.' }),
    coverage: Type.Array(Type.Object({ area: Ref, primary: enumOf(COVERAGE_KINDS), models: Type.Array(Type.String()), inHouse: Type.Boolean() })),
    areas: Type.Array(
      Type.Object({
        area: Ref,
        items: Type.Array(
          Type.Object({
            service: serviceRef,
            eligibility: enumOf(['yes', 'unknown'] as const, 'unknown: a group scheme or an agreement; ask the provider.'),
            score: Type.Number({ description: 'Wilson lower bound of the share of similar agencies using it; the ranking key.' }),
            similar: Type.Object({ users: Type.Integer(), peers: Type.Integer() }),
            sameMinistry: cohort,
            sameSize: cohort,
            mandatory: Type.Boolean(),
            reasons: Type.Array(Type.Object({ kind: Type.String(), users: Type.Optional(Type.Integer()), peers: Type.Optional(Type.Integer()), text: Type.String() })),
          }),
        ),
      }),
      { description: 'Areas in their own order; within an area, best first.' },
    ),
    planned: Type.Array(Type.Object({ slug: Type.String(), name: Type.String(), provider: Ref, area: Ref, plannedOn: nullable(Type.String()) })),
  },
  { $id: 'AgencyRecommendations' },
);
