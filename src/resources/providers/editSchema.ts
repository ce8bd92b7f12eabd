import { Type } from 'typebox';
import { DELIVERY_MODELS, SLUG_PATTERN } from '../../domain/catalogue.js';
import { LocalizedTextSchema } from '../services/editSchema.js';
import { enumOf, nullable } from '../shared/schema.js';

/**
 * Providers and service areas as DFØ keeps them (issue 12), as TypeBox schemas: the API validates bodies with them
 * and the no-JS forms are generated from them (the service edit form's walk, src/resources/services/editForm.tsx).
 * Unknown fields are refused. The organisation number's MOD11 check digit is checked by the command
 * (src/domain/orgnr.ts), so a typed "974 760 673" is accepted and stored compact.
 */
const closed = { additionalProperties: false } as const;
const slug = Type.String({ pattern: SLUG_PATTERN, minLength: 2, maxLength: 80, description: 'The address (/leverandorer/<slug>, /omrader/<slug>).' });
const url = Type.String({ pattern: '^https?://[^\\s]+$', maxLength: 500 });

export const ProviderDocumentSchema = Type.Object(
  {
    slug,
    orgnr: nullable(Type.String({ maxLength: 20, description: 'Organisation number of the legal entity behind the provider (MOD11-checked).' })),
    name: LocalizedTextSchema(200),
    shortName: nullable(Type.String({ maxLength: 40 })),
    model: enumOf(DELIVERY_MODELS),
    description: LocalizedTextSchema(4000),
    website: nullable(url),
    contact: Type.Object(
      {
        email: nullable(Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$', maxLength: 200 })),
        phone: nullable(Type.String({ maxLength: 40 })),
        url: nullable(url),
      },
      closed,
    ),
  },
  { ...closed, $id: 'ProviderDocument' },
);

/** What only DFØ changes on a provider; its own editors keep the rest (names, description, contact, website). */
export const PROVIDER_ADMIN_FIELDS = ['slug', 'orgnr', 'model'] as const;

export const AreaDocumentSchema = Type.Object(
  {
    slug,
    name: LocalizedTextSchema(200),
    description: LocalizedTextSchema(2000),
    gapArea: Type.Boolean({ description: 'The 2020 report names this area as a gap.' }),
  },
  { ...closed, $id: 'AreaDocument' },
);

/** The provider and area sections of the forms, in order. */
export const PROVIDER_SECTIONS = [
  { key: 'identity', fields: ['name', 'shortName', 'slug', 'orgnr', 'model'] },
  { key: 'about', fields: ['description', 'website', 'contact'] },
] as const;
export const AREA_SECTIONS = [{ key: 'area', fields: ['name', 'description', 'slug', 'gapArea'] }] as const;
