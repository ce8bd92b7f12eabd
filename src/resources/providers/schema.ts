import { type Static, Type } from 'typebox';
import { DELIVERY_MODELS, FACT_SOURCES, SERVICE_KINDS, SERVICE_STATUSES } from '../../domain/catalogue.js';
import { enumOf, Lang, ListOf, multi, nullable, OrgRef, pagingProperties, Ref } from '../shared/schema.js';

export const ProviderListQuery = Type.Object({
  model: multi(DELIVERY_MODELS, 'Delivery model.'),
  ...pagingProperties,
  lang: Lang,
});
export type ProviderListQuery = Static<typeof ProviderListQuery>;

const providerCore = {
  slug: Type.String(),
  name: Type.String(),
  shortName: nullable(Type.String()),
  model: enumOf(DELIVERY_MODELS),
  ministry: nullable(OrgRef),
  parent: nullable(Ref),
  serviceCount: Type.Integer({ description: 'Services in the catalogue from this provider.' }),
  url: Type.String({ description: 'The provider page.' }),
};

export const ProviderListItem = Type.Object(providerCore, { $id: 'ProviderListItem' });
export const ProviderList = ListOf(Type.Ref('ProviderListItem'));

export const ProviderDetailSchema = Type.Object(
  {
    ...providerCore,
    description: Type.String(),
    organisation: nullable(OrgRef),
    website: nullable(Type.String()),
    contact: Type.Object({ email: Type.Optional(Type.String()), phone: Type.Optional(Type.String()), url: Type.Optional(Type.String()) }),
    units: Type.Array(Ref, { description: 'Providers that are units of this one.' }),
    servicesByArea: Type.Array(
      Type.Object({
        area: Ref,
        services: Type.Array(Type.Object({ slug: Type.String(), name: Type.String(), status: enumOf(SERVICE_STATUSES), kind: enumOf(SERVICE_KINDS) })),
      }),
    ),
    factSource: enumOf(FACT_SOURCES),
    sourceRef: nullable(Type.String()),
  },
  { $id: 'ProviderDetail' },
);
