import { type Static, type TSchema, Type } from 'typebox';
import { Settings } from 'typebox/system';
import Value from 'typebox/value';
import * as vocab from '../../domain/catalogue.js';
import type { Language } from '../../domain/catalogue.js';
import type { ServiceDocument } from '../../domain/serviceDocument.js';
import { DRAFT_STATES } from '../../domain/serviceLifecycle.js';
import { MAX_PRICE_NOK, PRICE_UNITS } from '../../domain/servicePrice.js';
import { describeError } from '../../server/validationMessages.js';
import { enumOf } from '../shared/schema.js';

/**
 * The service as its editors write it (src/domain/serviceDocument.ts), as a TypeBox schema: the API validates
 * drafts with it and the edit form is generated from it (src/resources/services/editForm.tsx), so both accept
 * exactly the same fields. Unknown fields are refused, not dropped.
 */
const closed = { additionalProperties: false } as const;
const text = (maxLength: number) => Type.String({ maxLength });
export const LocalizedTextSchema = (maxLength: number, required = true) =>
  Type.Object(
    { nb: Type.String({ maxLength, ...(required ? { minLength: 1 } : {}) }), nn: Type.Optional(text(maxLength)), en: Type.Optional(text(maxLength)) },
    { ...closed, description: 'Text in bokmål (nb), nynorsk (nn) and English (en).' },
  );
const nullable = <T extends TSchema>(s: T) => Type.Union([s, Type.Null()]);
const PARTIAL_DATE = '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$';
const partialDate = nullable(Type.String({ pattern: PARTIAL_DATE, maxLength: 10, description: 'Year, year-month or a full ISO date.' }));
const url = Type.String({ pattern: '^https?://[^\\s]+$', maxLength: 500 });
const slug = Type.String({ pattern: vocab.SLUG_PATTERN, minLength: 2, maxLength: 80 });

export const TierDocumentSchema = Type.Object(
  {
    slug,
    name: LocalizedTextSchema(200),
    description: nullable(LocalizedTextSchema(2000, false)),
    kind: enumOf(['tier', 'addon'] as const),
    current: Type.Boolean(),
  },
  closed,
);

/** A price (CPSV-AP-NO `cv:Cost`): an amount in NOK per unit, for the service or one tier or price model. */
export const PriceDocumentSchema = Type.Object(
  {
    label: nullable(LocalizedTextSchema(200, false)),
    amount: Type.Number({ minimum: 0, maximum: MAX_PRICE_NOK, description: 'Norwegian kroner (NOK), at most two decimals.' }),
    unit: enumOf(PRICE_UNITS),
    note: nullable(LocalizedTextSchema(300, false)),
    validFrom: nullable(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', maxLength: 10, description: 'ISO date from which the price applies.' })),
  },
  closed,
);

export const ServiceDocumentSchema = Type.Object(
  {
    slug,
    kind: enumOf(vocab.SERVICE_KINDS),
    name: LocalizedTextSchema(200),
    summary: LocalizedTextSchema(600),
    description: LocalizedTextSchema(8000),
    area: Type.String({ pattern: vocab.SLUG_PATTERN, maxLength: 80, description: 'Service area slug.' }),
    model: enumOf(vocab.DELIVERY_MODELS),
    obligation: enumOf(vocab.OBLIGATIONS),
    targetGroup: enumOf(vocab.TARGET_GROUPS),
    targetDescription: nullable(LocalizedTextSchema(1000, false)),
    targetMinistry: nullable(Type.String({ pattern: '^[0-9]{9}$', description: 'Organisation number of the ministry whose sector may use it.' })),
    status: enumOf(vocab.SERVICE_STATUSES),
    launchedOn: partialDate,
    plannedOn: partialDate,
    phasedOutOn: partialDate,
    financing: Type.Array(enumOf(vocab.FINANCING_MODELS), { maxItems: vocab.FINANCING_MODELS.length }),
    financingNote: nullable(LocalizedTextSchema(2000, false)),
    prices: Type.Optional(Type.Array(PriceDocumentSchema, { maxItems: 30, description: 'What the provider charges, per unit and tier. Absent: the published prices stay.' })),
    tiers: Type.Array(TierDocumentSchema, { maxItems: 30 }),
    serviceLevels: Type.Object(
      {
        uptimePercent: nullable(Type.Number({ minimum: 0, maximum: 100 })),
        supportHours: nullable(LocalizedTextSchema(300, false)),
        responseTime: nullable(LocalizedTextSchema(300, false)),
        other: Type.Optional(Type.Array(LocalizedTextSchema(300, false), { maxItems: 20, description: 'Further promised service levels, one text each. Absent: the published ones stay.' })),
      },
      closed,
    ),
    supportChannels: Type.Array(enumOf(vocab.SUPPORT_CHANNELS), { maxItems: vocab.SUPPORT_CHANNELS.length }),
    howToJoin: Type.Object(
      {
        steps: Type.Array(LocalizedTextSchema(1000, false), { maxItems: 20 }),
        contact: nullable(
          Type.Object({ name: nullable(text(200)), email: nullable(Type.String({ pattern: '^$|^[^@\\s]+@[^@\\s]+$', maxLength: 200 })), phone: nullable(text(40)) }, closed),
        ),
        links: Type.Array(Type.Object({ label: LocalizedTextSchema(200, false), url }, closed), { maxItems: 20 }),
      },
      closed,
    ),
    website: nullable(url),
    reportedUsers: nullable(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    reportedUsersYear: nullable(Type.Integer({ minimum: 1990, maximum: 2100 })),
    reportedUsersNote: Type.Optional(nullable(LocalizedTextSchema(1000, false))),
    parent: nullable(Type.String({ pattern: vocab.SLUG_PATTERN, maxLength: 80, description: 'The main service this is part of (slug).' })),
    related: Type.Array(Type.String({ pattern: vocab.SLUG_PATTERN, maxLength: 80 }), { maxItems: 30, description: 'Related services (slugs).' }),
    keywords: text(500),
    sourceNote: nullable(text(1000)),
  },
  { ...closed, $id: 'ServiceDocument' },
);

// The schema and the domain's document are the same shape (a type error here when they drift apart).
const _sameShape: ServiceDocument = {} as Static<typeof ServiceDocumentSchema>;
void _sameShape;

export const DraftResponse = Type.Object(
  {
    service: Type.Union([Type.String(), Type.Null()], { description: 'The published slug; null for a service not yet published.' }),
    provider: Type.String(),
    state: enumOf(DRAFT_STATES.filter((s) => s !== 'published')),
    revision: Type.Integer({ description: 'Also the ETag ("r<revision>"); send it back in If-Match.' }),
    reviewRequired: Type.Boolean(),
    reviewComment: Type.Union([Type.String(), Type.Null()]),
    updatedAt: Type.String({ format: 'date-time' }),
    updatedBy: Type.String(),
    document: Type.Ref('ServiceDocument'),
  },
  { $id: 'ServiceDraft' },
);

export const NewServiceBody = Type.Object(
  { provider: Type.String({ pattern: vocab.SLUG_PATTERN, maxLength: 80, description: 'Provider slug.' }), document: Type.Ref('ServiceDocument') },
  closed,
);

export const ReviewBody = Type.Object({ comment: Type.Optional(Type.String({ maxLength: 2000 })) }, closed);

export const VersionSummary = Type.Object({
  number: Type.Integer(),
  publishedAt: Type.String({ format: 'date-time' }),
  publishedBy: Type.String(),
  changedFields: Type.Array(Type.String()),
  url: Type.String(),
});
export const VersionList = Type.Object({ service: Type.String(), current: Type.Integer(), items: Type.Array(VersionSummary) });
export const VersionDetail = Type.Object({
  number: Type.Integer(),
  publishedAt: Type.String({ format: 'date-time' }),
  publishedBy: Type.String(),
  changedFields: Type.Array(Type.String()),
  changes: Type.Array(Type.Object({ field: Type.String(), before: Type.Unknown(), after: Type.Unknown() }), { description: 'Field by field, against the version before.' }),
  document: Type.Ref('ServiceDocument'),
});
export const VersionParams = Type.Object({ slug: Type.String({ maxLength: 120 }), n: Type.Integer({ minimum: 1, maximum: 1_000_000 }) });

export interface FieldError {
  field: string;
  message: string;
}

const MAX_ERRORS = 200;

interface TbError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/**
 * The schema's errors for a value, one per field, in words of the language: "name.nb: must not be empty",
 * "website: wrong format", "colour: unknown field". Alternatives (a value or null, one of a list) are reported
 * once, as the allowed values or the non-null alternative's complaint.
 */
export function schemaErrors(schema: TSchema, value: unknown, lang: Language): FieldError[] {
  // TypeBox stops at 8 errors by default; a form can have more fields wrong than that, and each must be named.
  if (Settings.Get().maxErrors < MAX_ERRORS) Settings.Set({ maxErrors: MAX_ERRORS });
  const raw = Value.Errors(schema, value) as unknown as TbError[];
  const byPath = new Map<string, TbError[]>();
  for (const e of raw) {
    let path = e.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
    if (e.keyword === 'required' && Array.isArray(e.params.requiredProperties)) {
      for (const p of e.params.requiredProperties as string[]) add(byPath, path ? `${path}.${p}` : p, { ...e, keyword: 'required' });
      continue;
    }
    if (e.keyword === 'additionalProperties') continue; // reported per property by the `boolean` (schema is false) error
    if (e.keyword === 'boolean') e.keyword = 'additionalProperties';
    if (!path) path = 'input';
    add(byPath, path, e);
  }
  const out: FieldError[] = [];
  for (const [field, errors] of byPath) {
    const useful = errors.filter((e) => e.keyword !== 'anyOf' && !(e.keyword === 'type' && e.params.type === 'null'));
    const consts = useful.filter((e) => e.keyword === 'const');
    let message: string;
    if (useful.length > 0 && consts.length === useful.length) {
      message = describeError({ keyword: 'enum', instancePath: '', params: { allowedValues: consts.map((e) => e.params.allowedValue) } }, lang);
    } else {
      const e = useful.find((x) => x.keyword !== 'const') ?? errors[0]!;
      message = describeError({ keyword: e.keyword, instancePath: '', params: e.params, ...(e.message ? { message: e.message } : {}) }, lang);
    }
    out.push({ field, message });
  }
  return out;
}

function add(map: Map<string, TbError[]>, key: string, e: TbError) {
  const list = map.get(key) ?? [];
  list.push(e);
  map.set(key, list);
}
