import { type Static, Type } from 'typebox';
import { NEED_STATUSES, NEED_URGENCIES, NEED_VISIBILITIES, type NeedStatus, type NeedUrgency, type NeedVisibility } from '../../domain/collaboration.js';
import { SIZE_CLASSES } from '../../domain/sizeClass.js';
import { type Contact, oneOf, parser, sized } from '../shared/fields.js';
import { checkEmail, text } from '../shared/input.js';
import { enumOf, Lang, nullable, Ref } from '../shared/schema.js';

export const NeedIdParams = Type.Object({ id: Type.String({ maxLength: 60 }) });

export const NeedListQuery = Type.Object({
  area: Type.Optional(Type.String({ maxLength: 80, description: 'Slug of a service area.' })),
  agency: Type.Optional(Type.String({ maxLength: 20, description: "Organisation number: only this agency's needs." })),
  status: Type.Optional(enumOf(NEED_STATUSES, 'open (default), met or withdrawn.')),
  lang: Lang,
});

const AgencyInNeed = Type.Object({
  orgnr: Type.String(),
  name: Type.String(),
  sizeClass: enumOf(SIZE_CLASSES),
  municipality: nullable(Type.String()),
  county: nullable(Type.String()),
});

export const NeedSchema = Type.Object(
  {
    id: Type.String(),
    agency: AgencyInNeed,
    area: Ref,
    title: Type.String(),
    description: Type.String(),
    urgency: enumOf(NEED_URGENCIES),
    visibility: enumOf(NEED_VISIBILITIES, 'agencies: every signed-in agency, provider and ministry sees it; restricted: only the agency, its ministry and DFØ.'),
    status: enumOf(NEED_STATUSES),
    resolution: nullable(Type.String()),
    metBy: Type.Object({ service: nullable(Ref), network: nullable(Ref) }),
    contact: Type.Object({ name: nullable(Type.String()), email: nullable(Type.String()) }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    closedAt: nullable(Type.String({ format: 'date-time' })),
    url: Type.String(),
  },
  { $id: 'Need' },
);

export const NeedMatchesSchema = Type.Object(
  {
    services: Type.Array(
      Type.Object({
        slug: Type.String(),
        name: Type.String(),
        provider: Ref,
        eligibility: enumOf(['yes', 'unknown'] as const, 'unknown: a group scheme or an agreement between agencies; ask the provider.'),
        inUse: Type.Boolean({ description: 'The agency already uses it.' }),
      }),
    ),
    networks: Type.Array(Type.Object({ slug: Type.String(), name: Type.String(), county: nullable(Type.String()), members: Type.Integer() })),
    similar: Type.Array(
      Type.Object({
        need: Type.Ref('Need'),
        score: Type.Integer({ minimum: 0, maximum: 100 }),
        reasons: Type.Array(enumOf(['same_municipality', 'same_county', 'same_ministry', 'same_size', 'neighbouring_size'] as const)),
      }),
    ),
  },
  { $id: 'NeedMatches' },
);

export const NeedBody = Type.Object({
  agency: Type.String({ maxLength: 20, description: 'Organisation number of the agency with the need; you must be its editor.' }),
  area: Type.String({ maxLength: 80 }),
  title: Type.String({ maxLength: 200 }),
  description: Type.String({ maxLength: 4000 }),
  urgency: enumOf(NEED_URGENCIES),
  visibility: enumOf(NEED_VISIBILITIES),
  contactName: Type.Optional(Type.String({ maxLength: 120 })),
  contactEmail: Type.Optional(Type.String({ maxLength: 254 })),
});

export const NeedStatusBody = Type.Object({
  status: enumOf(NEED_STATUSES),
  resolution: Type.Optional(Type.String({ maxLength: 2000, description: 'How it was met, or why it is withdrawn.' })),
  service: Type.Optional(Type.String({ maxLength: 120, description: 'met: slug of the service that met it.' })),
  network: Type.Optional(Type.String({ maxLength: 120, description: 'met: slug of the network that met it.' })),
});
export type NeedStatusBody = Static<typeof NeedStatusBody>;

export interface NeedInput extends Contact {
  area: string;
  title: string;
  description: string;
  urgency: NeedUrgency;
  visibility: NeedVisibility;
}

/** Checks a need's fields (JSON or form strings); every problem at once. The area is checked by the command. */
export const parseNeedInput = parser('need', (b, t, err, lang): NeedInput => ({
  area: sized(b, 'area', 1, Infinity, err, t.area),
  title: sized(b, 'title', 5, 200, err, t.title),
  description: sized(b, 'description', 10, 4000, err, t.description),
  urgency: oneOf(b, 'urgency', NEED_URGENCIES, err, t.urgency),
  visibility: oneOf(b, 'visibility', NEED_VISIBILITIES, err, t.visibility),
  contactName: text(b.contactName).slice(0, 120) || null,
  contactEmail: checkEmail(b.contactEmail, 'contactEmail', lang, err),
}));

export interface NeedStatusInput {
  status: NeedStatus;
  resolution: string | null;
  service: string | undefined;
  network: string | undefined;
}

export const parseNeedStatus = parser('need', (b, t, err): NeedStatusInput => ({
  status: oneOf(b, 'status', NEED_STATUSES, err, t.status),
  resolution: sized(b, 'resolution', 0, 2000, err, t.resolution) || null,
  service: text(b.service) || undefined,
  network: text(b.network) || undefined,
}));
