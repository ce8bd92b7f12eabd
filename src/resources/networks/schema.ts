import { type Static, Type } from 'typebox';
import type { LocalizedText } from '../../domain/catalogue.js';
import { NETWORK_KINDS, type NetworkKind } from '../../domain/collaboration.js';
import { type Contact, oneOf, parser, sized, withEnglish } from '../shared/fields.js';
import { checkEmail, text } from '../shared/input.js';
import { isCounty, municipalityByNumber } from '../shared/places.js';
import { enumOf, Lang, nullable, OrgRef, Ref } from '../shared/schema.js';

export const NetworkListQuery = Type.Object({
  kind: Type.Optional(enumOf(NETWORK_KINDS, 'Kind of network.')),
  area: Type.Optional(Type.String({ maxLength: 80, description: 'Slug of a service area.' })),
  county: Type.Optional(Type.String({ maxLength: 60, description: 'County name, e.g. Vestland.' })),
  member: Type.Optional(Type.String({ maxLength: 20, description: 'Organisation number: only networks the agency is a member of.' })),
  lang: Lang,
});
export type NetworkListQuery = Static<typeof NetworkListQuery>;

export const NetworkSchema = Type.Object(
  {
    slug: Type.String(),
    kind: enumOf(NETWORK_KINDS),
    name: Type.String(),
    description: Type.String(),
    areas: Type.Array(Ref),
    county: nullable(Type.String()),
    municipality: nullable(Type.Object({ number: Type.String(), name: Type.String() })),
    meetingPlace: nullable(Type.String()),
    facilitator: nullable(Ref),
    ministry: nullable(OrgRef),
    contact: Type.Object({ name: nullable(Type.String()), email: nullable(Type.String()) }),
    service: nullable(Ref),
    members: Type.Integer({ description: 'Current members.' }),
    factSource: Type.String(),
    url: Type.String(),
  },
  { $id: 'Network' },
);

export const NetworkDetailSchema = Type.Object(
  {
    ...NetworkSchema.properties,
    memberList: Type.Array(Type.Object({ orgnr: Type.String(), name: Type.String(), since: Type.String({ format: 'date-time' }) })),
  },
  { $id: 'NetworkDetail' },
);

/** Creating or changing a network (JSON; the page form sends the same names as strings, areas repeated). */
export const NetworkBody = Type.Object({
  name: Type.String({ maxLength: 200 }),
  nameEn: Type.Optional(Type.String({ maxLength: 200 })),
  kind: enumOf(NETWORK_KINDS),
  description: Type.String({ maxLength: 4000 }),
  areas: Type.Union([Type.Array(Type.String({ maxLength: 80 }), { maxItems: 20 }), Type.String({ maxLength: 80 })], { description: 'Slugs of service areas (at least one).' }),
  facilitator: Type.Optional(Type.String({ maxLength: 120, description: 'Slug of the facilitating provider; required unless you are an administrator.' })),
  county: Type.Optional(Type.String({ maxLength: 60 })),
  municipality: Type.Optional(Type.String({ maxLength: 4, description: 'Municipality number (4 digits).' })),
  meetingPlace: Type.Optional(Type.String({ maxLength: 200 })),
  ministry: Type.Optional(Type.String({ maxLength: 20, description: 'Sector collaborations: the ministry, by organisation number.' })),
  contactName: Type.Optional(Type.String({ maxLength: 120 })),
  contactEmail: Type.Optional(Type.String({ maxLength: 254 })),
  service: Type.Optional(Type.String({ maxLength: 120, description: 'Slug of the catalogue entry for this kind of collaboration.' })),
});

export const NetworkSlugParams = Type.Object({ slug: Type.String({ maxLength: 120 }) });
export const MemberParams = Type.Object({ slug: Type.String({ maxLength: 120 }), orgnr: Type.String({ maxLength: 20 }) });

export interface NetworkInput extends Contact {
  name: LocalizedText;
  kind: NetworkKind;
  description: LocalizedText;
  areas: string[];
  facilitator: string | undefined;
  countyName: string | null;
  municipalityNumber: string | null;
  municipalityName: string | null;
  meetingPlace: string | null;
  ministry: string | undefined;
  service: string | undefined;
}

/** Checks a network's fields (JSON or form strings); every problem at once, as a 400 naming the fields. */
export const parseNetworkInput = parser('network', (b, t, err, lang): NetworkInput => {
  const name = sized(b, 'name', 3, 200, err, t.name);
  const kind = oneOf(b, 'kind', NETWORK_KINDS, err, t.kind);
  const description = sized(b, 'description', 10, Infinity, err, t.description);
  const areas = [b.areas].flat().map(text).filter(Boolean);
  if (areas.length === 0) err('areas', t.areas);
  const county = text(b.county);
  if (county && !isCounty(county)) err('county', t.county(county));
  const municipalityNumber = text(b.municipality);
  const municipality = municipalityNumber ? municipalityByNumber(municipalityNumber) : undefined;
  if (municipalityNumber && !municipality) err('municipality', t.municipality);
  else if (municipality && county && municipality.county !== county) err('municipality', t.municipalityCounty(municipality.name, county));
  const contactEmail = checkEmail(b.contactEmail, 'contactEmail', lang, err);
  return {
    name: withEnglish(b, 'name', name),
    kind,
    description: { nb: description },
    areas: [...new Set(areas)],
    facilitator: text(b.facilitator) || undefined,
    countyName: county || municipality?.county || null,
    municipalityNumber: municipality?.number ?? null,
    municipalityName: municipality?.name ?? null,
    meetingPlace: text(b.meetingPlace) || null,
    ministry: text(b.ministry) || undefined,
    contactName: text(b.contactName) || null,
    contactEmail,
    service: text(b.service) || undefined,
  };
});
