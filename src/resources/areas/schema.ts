import { Type } from 'typebox';
import { DELIVERY_MODELS, SERVICE_KINDS, SERVICE_STATUSES } from '../../domain/catalogue.js';
import { enumOf, nullable, Ref } from '../shared/schema.js';

const areaCore = {
  slug: Type.String(),
  name: Type.String(),
  description: Type.String(),
  serviceCount: Type.Integer(),
  gapArea: Type.Boolean({
    description: 'The 2020 report names this area as a gap: agencies outside the sector and group schemes lack a shared service here.',
  }),
  url: Type.String({ description: 'The area page.' }),
};

export const AreaListItem = Type.Object(areaCore, { $id: 'AreaListItem' });
export const AreaList = Type.Object({ items: Type.Array(Type.Ref('AreaListItem')), total: Type.Integer() });

export const AreaDetailSchema = Type.Object(
  {
    ...areaCore,
    servicesByModel: Type.Array(
      Type.Object({
        model: enumOf(DELIVERY_MODELS),
        services: Type.Array(
          Type.Object({ slug: Type.String(), name: Type.String(), status: enumOf(SERVICE_STATUSES), kind: enumOf(SERVICE_KINDS), provider: Ref }),
        ),
      }),
    ),
    providers: Type.Array(
      Type.Object({ slug: Type.String(), name: Type.String(), shortName: nullable(Type.String()), serviceCount: Type.Integer({ description: 'Services in this area.' }) }),
    ),
    catalogueUrl: Type.String({ description: 'The catalogue search, filtered on this area.' }),
  },
  { $id: 'AreaDetail' },
);
