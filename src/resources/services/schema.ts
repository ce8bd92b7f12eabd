import { type Static, Type } from 'typebox';
import {
  DELIVERY_MODELS,
  FINANCING_MODELS,
  OBLIGATIONS,
  SERVICE_KINDS,
  SERVICE_STATUSES,
  SLUG_PATTERN,
  SUPPORT_CHANNELS,
  TARGET_GROUPS,
} from '../../domain/catalogue.js';
import { PRICE_UNITS } from '../../domain/servicePrice.js';
import { enumOf, Lang, multi, pageProperty, pagingProperties, Ref } from '../shared/schema.js';
import { CATALOGUE_SORTS, MAX_QUERY_LENGTH } from './queries.js';

export { Lang, SlugParams } from '../shared/schema.js';
const slugList = (description: string) =>
  Type.Optional(Type.Array(Type.String({ pattern: SLUG_PATTERN, maxLength: 80 }), { maxItems: 50, description: `${description} Repeat to combine (OR).` }));

/** Filters shared by the catalogue page and the API. */
export const catalogueFilterProperties = {
  q: Type.Optional(Type.String({ maxLength: MAX_QUERY_LENGTH, description: 'Free text. Norwegian stemming; tolerant of typos.' })),
  area: slugList('Service area slug.'),
  model: multi(DELIVERY_MODELS, 'Delivery model.'),
  provider: slugList('Provider slug.'),
  target: multi(TARGET_GROUPS, 'Target group.'),
  obligation: multi(OBLIGATIONS, 'Obligation.'),
  financing: multi(FINANCING_MODELS, 'Financing model.'),
  status: multi(SERVICE_STATUSES, 'Status.'),
  kind: multi(SERVICE_KINDS, 'Kind of offering.'),
  sort: Type.Optional(enumOf(CATALOGUE_SORTS, 'Sort order; relevance needs q, else name.')),
};

export const ServiceListQuery = Type.Object({
  ...catalogueFilterProperties,
  ...pagingProperties,
  lang: Lang,
});
export type ServiceListQuery = Static<typeof ServiceListQuery>;

export const CataloguePageQuery = Type.Object({
  ...catalogueFilterProperties,
  // The form's default option is empty: relevance when there is a query, else name.
  sort: Type.Optional(Type.Union([enumOf(CATALOGUE_SORTS), Type.Literal('')])),
  ...pageProperty,
});
export type CataloguePageQuery = Static<typeof CataloguePageQuery>;

export const ServiceListItem = Type.Object(
  {
    slug: Type.String(),
    name: Type.String(),
    summary: Type.String(),
    kind: enumOf(SERVICE_KINDS),
    provider: Ref,
    area: Ref,
    parent: Type.Union([Ref, Type.Null()]),
    model: enumOf(DELIVERY_MODELS),
    targetGroup: enumOf(TARGET_GROUPS),
    obligation: enumOf(OBLIGATIONS),
    financing: Type.Array(enumOf(FINANCING_MODELS)),
    status: enumOf(SERVICE_STATUSES),
    updatedAt: Type.String({ format: 'date-time' }),
    url: Type.String({ description: 'The service page.' }),
  },
  { $id: 'ServiceListItem' },
);

const FacetValue = Type.Object({ value: Type.String(), label: Type.String(), count: Type.Integer(), selected: Type.Boolean() });

export const ServiceList = Type.Object({
  items: Type.Array(Type.Ref('ServiceListItem')),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  fuzzy: Type.Boolean({ description: 'True when some items matched only by similarity (probable typo).' }),
  facets: Type.Record(Type.String(), Type.Array(FacetValue)),
});

const LocalizedString = Type.String();
export const ServiceDetailSchema = Type.Object(
  {
    slug: Type.String(),
    name: LocalizedString,
    summary: LocalizedString,
    description: LocalizedString,
    kind: enumOf(SERVICE_KINDS),
    provider: Ref,
    area: Ref,
    parent: Type.Union([Ref, Type.Null()]),
    subServices: Type.Array(Ref),
    related: Type.Array(Ref),
    model: enumOf(DELIVERY_MODELS),
    targetGroup: enumOf(TARGET_GROUPS),
    targetDescription: Type.Union([Type.String(), Type.Null()]),
    targetMinistry: Type.Union([Type.Object({ orgnr: Type.String(), name: Type.String() }), Type.Null()]),
    obligation: enumOf(OBLIGATIONS),
    financing: Type.Array(enumOf(FINANCING_MODELS)),
    financingNote: Type.Union([Type.String(), Type.Null()]),
    status: enumOf(SERVICE_STATUSES),
    launchedOn: Type.Union([Type.String(), Type.Null()]),
    plannedOn: Type.Union([Type.String(), Type.Null()]),
    phasedOutOn: Type.Union([Type.String(), Type.Null()]),
    tiers: Type.Array(
      Type.Object({
        slug: Type.String(),
        name: Type.String(),
        description: Type.Union([Type.String(), Type.Null()]),
        kind: enumOf(['tier', 'addon'] as const),
        current: Type.Boolean(),
        users: Type.Integer({ description: 'Agencies registered on this tier.' }),
      }),
    ),
    prices: Type.Array(
      Type.Object({
        label: Type.Union([Type.String(), Type.Null()], { description: 'The tier or price model the amount is for; null for the whole service.' }),
        amount: Type.Number({ minimum: 0, description: 'The amount, in the currency (two decimals at most).' }),
        currency: Type.Literal('NOK'),
        unit: enumOf(PRICE_UNITS),
        note: Type.Union([Type.String(), Type.Null()]),
        validFrom: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
      }),
      { description: 'What the provider charges, per unit and tier (CPSV-AP-NO cv:hasCost). Empty: no price stated.' },
    ),
    serviceLevels: Type.Object({
      uptimePercent: Type.Union([Type.Number(), Type.Null()]),
      supportHours: Type.Union([Type.String(), Type.Null()]),
      responseTime: Type.Union([Type.String(), Type.Null()]),
    }),
    supportChannels: Type.Array(enumOf(SUPPORT_CHANNELS)),
    howToJoin: Type.Object({
      steps: Type.Array(Type.String()),
      contact: Type.Union([Type.Object({ name: Type.Optional(Type.String()), email: Type.Optional(Type.String()), phone: Type.Optional(Type.String()) }), Type.Null()]),
      links: Type.Array(Type.Object({ label: Type.String(), url: Type.String() })),
    }),
    website: Type.Union([Type.String(), Type.Null()]),
    users: Type.Object({
      registered: Type.Integer({ description: 'Agencies with an active subscription in the register.' }),
      reported: Type.Union([Type.Integer(), Type.Null()], { description: 'Agencies as reported by the provider or the 2020 report.' }),
      reportedYear: Type.Union([Type.Integer(), Type.Null()]),
    }),
    factSource: Type.String(),
    sourceRef: Type.Union([Type.String(), Type.Null()]),
    retiredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'When the service was retired; its page is kept, out of default search.' }),
    version: Type.Integer({ description: 'The published version (see /services/{slug}/versions).' }),
    updatedAt: Type.String({ format: 'date-time' }),
    url: Type.String(),
  },
  { $id: 'ServiceDetail' },
);
