import { Type } from 'typebox';
import { FACT_SOURCES } from '../../domain/catalogue.js';
import { enumOf, nullable, Ref } from '../shared/schema.js';

export const UsageParams = Type.Object({ orgnr: Type.String({ maxLength: 100 }) });
export const UsageServiceParams = Type.Object({ orgnr: Type.String({ maxLength: 100 }), service: Type.String({ maxLength: 120 }) });

export const UsageRowSchema = Type.Object(
  {
    id: Type.String(),
    service: Ref,
    provider: Ref,
    tier: nullable(Ref),
    startedOn: nullable(Type.String()),
    endedOn: nullable(Type.String()),
    endReason: nullable(Type.String()),
    current: Type.Boolean(),
    factSource: enumOf(FACT_SOURCES),
  },
  { $id: 'UsageRow' },
);

export const UsagePutBody = Type.Object({
  tier: Type.Optional(Type.String({ maxLength: 120, description: 'Slug of the tier (service model); must be one of the service’s.' })),
  since: Type.Optional(Type.String({ maxLength: 10, description: 'yyyy-mm-dd; default today. For a tier change: the first day in the new tier.' })),
});

export const UsageDeleteBody = Type.Object({
  endedOn: Type.Optional(Type.String({ maxLength: 10, description: 'yyyy-mm-dd; default today.' })),
  reason: Type.Optional(Type.String({ maxLength: 200 })),
});
