import { type Static, Type } from 'typebox';
import type { Language } from '../../domain/catalogue.js';
import { NEED_STATUSES, NEED_URGENCIES, NEED_VISIBILITIES, type NeedStatus, type NeedUrgency, type NeedVisibility } from '../../domain/collaboration.js';
import { SIZE_CLASSES } from '../../domain/sizeClass.js';
import { messages } from '../../web/i18n/index.js';
import { checkEmail, collectErrors, text } from '../shared/input.js';
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

export interface NeedInput {
  area: string;
  title: string;
  description: string;
  urgency: NeedUrgency;
  visibility: NeedVisibility;
  contactName: string | null;
  contactEmail: string | null;
}

/** Checks a need's fields (JSON or form strings); every problem at once. The area is checked by the command. */
export function parseNeedInput(b: Record<string, unknown>, lang: Language): NeedInput {
  const t = messages[lang].need.errors;
  return collectErrors((err) => {
    const area = text(b.area);
    if (!area) err('area', t.area);
    const title = text(b.title);
    if (title.length < 5 || title.length > 200) err('title', t.title);
    const description = text(b.description);
    if (description.length < 10 || description.length > 4000) err('description', t.description);
    const urgency = text(b.urgency);
    if (!(NEED_URGENCIES as readonly string[]).includes(urgency)) err('urgency', t.urgency);
    const visibility = text(b.visibility);
    if (!(NEED_VISIBILITIES as readonly string[]).includes(visibility)) err('visibility', t.visibility);
    const contactEmail = checkEmail(b.contactEmail, 'contactEmail', lang, err);
    return {
      area,
      title,
      description,
      urgency: urgency as NeedUrgency,
      visibility: visibility as NeedVisibility,
      contactName: text(b.contactName).slice(0, 120) || null,
      contactEmail,
    };
  });
}

export interface NeedStatusInput {
  status: NeedStatus;
  resolution: string | null;
  service: string | undefined;
  network: string | undefined;
}

export function parseNeedStatus(b: Record<string, unknown>, lang: Language): NeedStatusInput {
  const t = messages[lang].need.errors;
  return collectErrors((err) => {
    const status = text(b.status);
    if (!(NEED_STATUSES as readonly string[]).includes(status)) err('status', t.status);
    const resolution = text(b.resolution);
    if (resolution.length > 2000) err('resolution', t.resolution);
    return { status: status as NeedStatus, resolution: resolution || null, service: text(b.service) || undefined, network: text(b.network) || undefined };
  });
}
