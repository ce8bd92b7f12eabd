-- Issue 16 (statistics at 10 × scale on PostgreSQL). EXPLAIN ANALYZE of the statistics queries showed two full scans
-- of subscriptions that an index answers:
-- * activePairsSql's second branch (rows that end on or after the day, de-duplicated against open rows) filtered
--   `ended_on >= day` over every row, although such rows are few (an end date in the future): a partial index on
--   the dated ends finds them directly. Used by adoption (usage by size class and ministry) and recommendations.
-- * The trend page's undated count (`started_on is null`) and first year (`min(started_on)`) each read the whole
--   table: a plain index on started_on answers both (btree indexes keep NULLs; min() reads its first entry).
CREATE INDEX IF NOT EXISTS "subscriptions_ended_idx" ON "subscriptions" USING btree ("ended_on") WHERE "subscriptions"."ended_on" is not null;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "subscriptions_started_idx" ON "subscriptions" USING btree ("started_on");
