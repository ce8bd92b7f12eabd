-- Hand-written (drizzle-kit cannot express sequences bumped by triggers): a data version for the statistics cache.
-- Every statement that changes a table the statistics read advances the sequence; src/resources/stats/cache.ts
-- reads it (one cheap query) and drops its cached figures when it has moved. A sequence, not a counter row, so
-- concurrent writers never wait on each other; a rolled-back change only costs a cache miss.
CREATE SEQUENCE IF NOT EXISTS "stats_data_version";
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "stats_data_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('stats_data_version');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "subscriptions_stats_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "subscriptions" FOR EACH STATEMENT EXECUTE FUNCTION "stats_data_changed"();
--> statement-breakpoint
CREATE TRIGGER "agencies_stats_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "agencies" FOR EACH STATEMENT EXECUTE FUNCTION "stats_data_changed"();
--> statement-breakpoint
CREATE TRIGGER "services_stats_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "services" FOR EACH STATEMENT EXECUTE FUNCTION "stats_data_changed"();
--> statement-breakpoint
CREATE TRIGGER "tiers_stats_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "tiers" FOR EACH STATEMENT EXECUTE FUNCTION "stats_data_changed"();
--> statement-breakpoint
CREATE TRIGGER "areas_stats_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "areas" FOR EACH STATEMENT EXECUTE FUNCTION "stats_data_changed"();
--> statement-breakpoint
CREATE TRIGGER "providers_stats_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "providers" FOR EACH STATEMENT EXECUTE FUNCTION "stats_data_changed"();
--> statement-breakpoint
CREATE TRIGGER "agency_in_house_areas_stats_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "agency_in_house_areas" FOR EACH STATEMENT EXECUTE FUNCTION "stats_data_changed"();
