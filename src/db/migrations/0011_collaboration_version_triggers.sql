-- Hand-written: the public pages that show networks, a service's gains and its closed surveys are cached per
-- the catalogue data version (src/server/pageCache.ts), so the tables they read bump it too (bump_data_version from 0008). Survey
-- responses do not: the public sees a survey's results only once it has closed, when responses can no longer change.
CREATE TRIGGER "networks_bump_catalogue_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "networks" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "network_areas_bump_catalogue_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "network_areas" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "network_members_bump_catalogue_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "network_members" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "surveys_bump_catalogue_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "surveys" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "survey_services_bump_catalogue_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "survey_services" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "gain_indicators_bump_catalogue_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "gain_indicators" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "gain_measurements_bump_catalogue_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "gain_measurements" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
