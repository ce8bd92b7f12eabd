import { Type } from 'typebox';
import { FOLLOW_UP_STATES } from '../../domain/procurementLifecycle.js';
import { SIZE_CLASSES } from '../../domain/sizeClass.js';
import { enumOf, nullable, OrgRef } from '../shared/schema.js';

export const DeclarationParams = Type.Object({ id: Type.String({ maxLength: 60 }), orgnr: Type.String({ maxLength: 100 }) });

export const DeclarationBody = Type.Object({
  answers: Type.Record(Type.String({ maxLength: 60 }), Type.Union([Type.String({ maxLength: 5000 }), Type.Number(), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 })]), {
    description: "Answers to the procurement's questionnaire, keyed by question id (see the questionnaire in the procurement).",
  }),
});

export const FollowUpBody = Type.Object({
  state: enumOf(FOLLOW_UP_STATES),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
});

export const DeclarationSchema = Type.Object(
  {
    id: Type.String(),
    procurementId: Type.String(),
    agency: Type.Object({ orgnr: Type.String(), name: Type.String(), sizeClass: enumOf(SIZE_CLASSES), kind: Type.String() }),
    ministry: nullable(OrgRef),
    kind: enumOf(['opt_out', 'accession'] as const),
    answers: Type.Record(Type.String(), Type.Unknown()),
    submittedAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    withdrawnAt: nullable(Type.String({ format: 'date-time' })),
    followUp: Type.Optional(
      Type.Union([Type.Object({ state: enumOf(FOLLOW_UP_STATES), note: nullable(Type.String()), at: nullable(Type.String()), by: nullable(Type.String()) }), Type.Null()], {
        description: "The provider's follow-up of an opt-out (null until followed up). Only for the provider running the procurement and administrators; absent for agencies and ministries.",
      }),
    ),
  },
  { $id: 'Declaration' },
);
