import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { users } from './access.js';
import { providers, services } from './catalogue.js';
import { instant } from './columns.js';
import { importRuns } from './imports.js';

/**
 * The last time someone confirmed a service's entry is still right ("mark as reviewed" on the data quality page).
 * One row per service; a later review replaces it (the audit log keeps every one).
 */
export const serviceReviews = pgTable('service_reviews', {
  serviceId: uuid('service_id')
    .primaryKey()
    .references(() => services.id, { onDelete: 'cascade' }),
  reviewedAt: instant('reviewed_at').notNull(),
  reviewedByUserId: uuid('reviewed_by_user_id').references(() => users.id, { onDelete: 'set null' }),
  reviewedByName: text('reviewed_by_name').notNull(),
});

/**
 * The latest result of checking a web address the catalogue links to (`npm run check-links`, never during a page
 * request). One row per address, so a provider's website linked from twenty services is checked once.
 */
export const linkChecks = pgTable('link_checks', {
  url: text('url').primaryKey(),
  checkedAt: instant('checked_at').notNull(),
  ok: boolean('ok').notNull(),
  /** The final HTTP status, null when no answer came (timeout, DNS, refused). */
  httpStatus: integer('http_status'),
  error: text('error'),
});

/** A provider's own CPSV-AP-NO catalogue, registered by DFØ, which the portal harvests (`npm run harvest`). */
export const harvestSources = pgTable(
  'harvest_sources',
  {
    providerId: uuid('provider_id')
      .primaryKey()
      .references(() => providers.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    registeredAt: instant('registered_at').notNull().defaultNow(),
    registeredByName: text('registered_by_name').notNull(),
    /** The latest harvest (an import_runs row of kind 'harvest'), succeeded or failed. */
    lastRunId: uuid('last_run_id').references(() => importRuns.id, { onDelete: 'set null' }),
  },
  (t) => [check('harvest_sources_url_format', sql`${t.url} ~ '^https?://'`)],
);
