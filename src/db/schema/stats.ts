import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { agencyRef } from './agencyRows.js';
import { areas } from './catalogue.js';
import { day, factSource, textRef, timestamps, uuidId } from './columns.js';

/**
 * Areas an agency has declared it handles in-house (egen drift / egen løsning), for the coverage matrix's "own"
 * arrangement. Without a declaration and without a subscription the matrix says "none known", never "own". Like
 * subscriptions, rows are never overwritten: a change ends a row and starts another, so history is kept. At most one
 * open row per agency and area. Written by the agency (factSource 'agency')
 * on its self-service page (src/resources/myAgency: setInHouseAreas), and by the loader and tests.
 */
export const agencyInHouseAreas = pgTable(
  'agency_in_house_areas',
  {
    id: uuidId(),
    agencyOrgnr: agencyRef(),
    areaSlug: textRef('area_slug', () => areas.slug, 'restrict'),
    declaredOn: day('declared_on').notNull(),
    endedOn: day('ended_on'),
    factSource: factSource('agency'),
    note: text('note'),
    createdBy: text('created_by'),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    index('agency_in_house_areas_area_idx').on(t.areaSlug),
    uniqueIndex('agency_in_house_areas_one_open_idx').on(t.agencyOrgnr, t.areaSlug).where(sql`${t.endedOn} is null`),
    check('agency_in_house_areas_dates_ordered', sql`${t.endedOn} is null or ${t.endedOn} >= ${t.declaredOn}`),
  ],
);
