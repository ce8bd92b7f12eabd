import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ServiceDocument } from '../../domain/serviceDocument.js';
import type { DraftState } from '../../domain/serviceLifecycle.js';
import { providers, services } from './catalogue.js';
import { instant, timestamps, uuidId, uuidRef } from './columns.js';

/**
 * Editing the catalogue (migration 0014). The published version of a service stays in `services`; every version
 * published through the portal is also kept whole here, with who published it, when and which fields changed.
 */
export const serviceVersions = pgTable(
  'service_versions',
  {
    serviceId: uuidRef('service_id', () => services.id, 'cascade'),
    number: integer('number').notNull(),
    document: jsonb('document').$type<ServiceDocument>().notNull(),
    changedFields: text('changed_fields').array().notNull().default(sql`'{}'::text[]`),
    publishedAt: instant('published_at').notNull().defaultNow(),
    publishedById: text('published_by_id'),
    publishedByName: text('published_by_name').notNull(),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.number] }), check('service_versions_number_positive', sql`${t.number} > 0`)],
);

/**
 * At most one draft per service (and drafts of new services, with no service yet). `revision` goes up with every
 * save: it is the draft's ETag, so a save based on an older revision is refused (412), never silently merged.
 */
export const serviceDrafts = pgTable(
  'service_drafts',
  {
    id: uuidId(),
    serviceId: uuid('service_id').references(() => services.id, { onDelete: 'cascade' }),
    providerId: uuidRef('provider_id', () => providers.id, 'cascade'),
    slug: text('slug').notNull(),
    document: jsonb('document').$type<ServiceDocument>().notNull(),
    state: text('state').$type<Exclude<DraftState, 'published'>>().notNull().default('draft'),
    revision: integer('revision').notNull().default(1),
    reviewComment: text('review_comment'),
    ...timestamps,
    updatedById: text('updated_by_id'),
    updatedByName: text('updated_by_name').notNull(),
  },
  (t) => [
    uniqueIndex('service_drafts_service_idx').on(t.serviceId),
    uniqueIndex('service_drafts_new_slug_idx').on(t.slug).where(sql`${t.serviceId} is null`),
    index('service_drafts_provider_idx').on(t.providerId),
    check('service_drafts_state', sql`${t.state} in ('draft', 'in_review', 'returned')`),
  ],
);

/** Former slugs of renamed services: the old address answers 301 to the new one. */
export const serviceSlugAliases = pgTable('service_slug_aliases', {
  slug: text('slug').primaryKey(),
  serviceId: uuidRef('service_id', () => services.id, 'cascade'),
  createdAt: instant('created_at').notNull().defaultNow(),
});
