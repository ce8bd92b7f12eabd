-- Hand-written after the generated drop: data versions per domain replace the single catalogue_version row.
-- The bump runs in the writer's transaction (a row update, not a sequence), so readers never see a new version
-- before the data it stands for; see src/db/readCache.ts.
DROP TRIGGER IF EXISTS "agencies_bump_catalogue_version" ON "agencies";
--> statement-breakpoint
DROP TRIGGER IF EXISTS "areas_bump_catalogue_version" ON "areas";
--> statement-breakpoint
DROP TRIGGER IF EXISTS "providers_bump_catalogue_version" ON "providers";
--> statement-breakpoint
DROP TRIGGER IF EXISTS "services_bump_catalogue_version" ON "services";
--> statement-breakpoint
DROP TRIGGER IF EXISTS "tiers_bump_catalogue_version" ON "tiers";
--> statement-breakpoint
DROP TRIGGER IF EXISTS "service_relations_bump_catalogue_version" ON "service_relations";
--> statement-breakpoint
DROP TRIGGER IF EXISTS "subscriptions_bump_catalogue_version" ON "subscriptions";
--> statement-breakpoint
DROP FUNCTION IF EXISTS bump_catalogue_version();
--> statement-breakpoint
DROP TABLE "catalogue_version" CASCADE;
--> statement-breakpoint
INSERT INTO "data_versions" ("name", "version") VALUES ('catalogue', 0), ('acts', 0) ON CONFLICT ("name") DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "data_versions" SET "version" = "version" + 1, "changed_at" = now() WHERE "name" = TG_ARGV[0];
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "agencies_bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "agencies" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "agency_locations_bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "agency_locations" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "agency_in_house_areas_bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "agency_in_house_areas" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "areas_bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "areas" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "providers_bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "providers" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "services_bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "services" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "tiers_bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "tiers" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "service_relations_bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "service_relations" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "subscriptions_bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "subscriptions" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "procurements_bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "procurements" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('acts');
--> statement-breakpoint
CREATE TRIGGER "procurement_milestones_bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "procurement_milestones" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('acts');
--> statement-breakpoint
CREATE TRIGGER "declarations_bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "declarations" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('acts');
--> statement-breakpoint
CREATE TRIGGER "service_opt_outs_bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "service_opt_outs" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('acts');
