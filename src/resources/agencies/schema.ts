import { type Static, Type } from 'typebox';
import { FACT_SOURCES, ORGANISATION_KINDS } from '../../domain/catalogue.js';
import { SIZE_CLASSES } from '../../domain/sizeClass.js';
import { enumOf, Lang, ListOf, multi, nullable, OrgRef, pageProperty, pagingProperties, Ref } from '../shared/schema.js';
import { MAX_AGENCY_QUERY_LENGTH } from './queries.js';

const searchProperties = {
  q: Type.Optional(
    Type.String({ maxLength: MAX_AGENCY_QUERY_LENGTH, description: 'Words of the name (prefixes match; Norwegian stemming), or the first digits of the organisation number.' }),
  ),
  ministry: Type.Optional(
    Type.String({ maxLength: 40, description: 'Organisation number of a ministry: only the agencies under it. Must be a valid number of a known ministry.' }),
  ),
};

export const AgencyListQuery = Type.Object({
  ...searchProperties,
  kind: multi(ORGANISATION_KINDS, 'Kind of organisation.'),
  size: multi(SIZE_CLASSES, 'Size class by employees under the configured thresholds (report: small < 50, medium 50–150, gap 151–200, large > 200).'),
  ...pagingProperties,
  lang: Lang,
});
export type AgencyListQuery = Static<typeof AgencyListQuery>;

/** The agency search page: a GET form with one value per select (empty values are dropped before validation). */
export const AgencyPageQuery = Type.Object({
  ...searchProperties,
  kind: Type.Optional(enumOf(ORGANISATION_KINDS)),
  size: Type.Optional(enumOf(SIZE_CLASSES)),
  ...pageProperty,
});
export type AgencyPageQuery = Static<typeof AgencyPageQuery>;

export const OrgnrParams = Type.Object({ orgnr: Type.String({ maxLength: 100 }) });

const agencyCore = {
  orgnr: Type.String({ description: 'Organisation number (9 digits, MOD11).' }),
  name: Type.String(),
  shortName: nullable(Type.String()),
  kind: enumOf(ORGANISATION_KINDS),
  ministry: nullable(OrgRef),
  employees: nullable(Type.Integer()),
  sizeClass: enumOf(SIZE_CLASSES, 'Under the configured thresholds; `gap` is 151–200 in the report, which defines no class for it.'),
  deletedOn: nullable(Type.String({ description: 'Deleted from the Central Coordinating Register on this date.' })),
  url: Type.String({ description: 'The agency page.' }),
};

export const AgencyListItem = Type.Object(agencyCore, { $id: 'AgencyListItem' });
export const AgencyList = ListOf(Type.Ref('AgencyListItem'));

export const AgencyDetailSchema = Type.Object(
  {
    ...agencyCore,
    parent: nullable(OrgRef),
    employeesAsOf: nullable(Type.String()),
    sizeRange: nullable(Type.String({ description: 'The employee range of the size class, e.g. "50–150".' })),
    location: Type.Object({
      municipalityNumber: nullable(Type.String()),
      municipality: nullable(Type.String()),
      county: nullable(Type.String()),
      postalCode: nullable(Type.String()),
      city: nullable(Type.String()),
    }),
    website: nullable(Type.String()),
    factSource: enumOf(FACT_SOURCES),
    services: Type.Array(
      Type.Object({
        area: Ref,
        services: Type.Array(
          Type.Object({ slug: Type.String(), name: Type.String(), provider: Ref, tier: nullable(Ref), since: nullable(Type.String()) }),
        ),
      }),
      { description: 'Services the agency uses now (active subscriptions), by area.' },
    ),
    subordinates: Type.Array(Type.Object({ orgnr: Type.String(), name: Type.String(), kind: enumOf(ORGANISATION_KINDS), sizeClass: enumOf(SIZE_CLASSES) }), {
      description: 'For a ministry: the agencies under it. Empty for other agencies.',
    }),
  },
  { $id: 'AgencyDetail' },
);
