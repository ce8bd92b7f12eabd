import { Type } from 'typebox';
import { FOLLOW_UP_STATES } from '../../domain/procurementLifecycle.js';
import { SIZE_CLASSES } from '../../domain/sizeClass.js';
import { AsOfProperty } from '../stats/asOf.js';
import { enumOf, Lang, nullable, OrgRef, Ref } from '../shared/schema.js';

const Reason = nullable(Type.Object({ code: Type.String(), label: Type.String() }, { description: 'null: no reason given (the reason is optional).' }));

export const FollowUpSchema = Type.Object({ state: enumOf(FOLLOW_UP_STATES), note: nullable(Type.String()), at: nullable(Type.String({ format: 'date-time' })), by: nullable(Type.String()) });

export const NonUseSchema = Type.Object(
  {
    id: Type.String(),
    service: Ref,
    agency: OrgRef,
    reason: Reason,
    details: nullable(Type.String()),
    mayContact: nullable(Type.Boolean()),
    declaredAt: Type.String({ format: 'date-time' }),
    followUp: Type.Optional(
      Type.Union([FollowUpSchema, Type.Null()], {
        description: "The provider's follow-up and internal note (null until followed up). Only for the provider of the service and administrators; absent for agencies and ministries.",
      }),
    ),
  },
  { $id: 'NonUse' },
);

export const NonUseList = Type.Object({ items: Type.Array(Type.Ref('NonUse')), total: Type.Integer() });

export const FollowUpBody = Type.Object({ state: Type.String({ maxLength: 40, description: FOLLOW_UP_STATES.join(' | ') }), note: Type.Optional(Type.String({ maxLength: 5000 })) });

const Count = nullable(Type.Integer({ description: 'null: hidden by the small-group rule (fewer than 5).' }));

export const NonUseStatsSchema = Type.Object(
  {
    asOf: Type.String({ description: 'The day the figures are for (Oslo time).' }),
    note: Type.String(),
    total: Count,
    agencies: Count,
    withoutReason: Count,
    reasons: Type.Array(Type.Object({ code: nullable(Type.String()), label: Type.String(), count: Count })),
    bySize: Type.Array(Type.Object({ sizeClass: enumOf(SIZE_CLASSES), count: Count })),
    byMinistry: Type.Array(Type.Object({ ministry: nullable(OrgRef), count: Count })),
    byService: Type.Array(Type.Object({ service: Ref, total: Count, withoutReason: Count })),
  },
  { $id: 'StatsNonUse' },
);

export const StatsNonUseQuery = Type.Object({ lang: Lang, asOf: AsOfProperty });
