-- Hand-written (issue 16, load6): the data-version bump moves from the end of each writing statement to the commit.
-- A statement-level AFTER trigger updated the domain's one `data_versions` row as soon as the statement ran, so the
-- row stayed locked for the rest of the writer's transaction (the audit event, the event and its job, every client
-- round trip of them): concurrent writers of one domain queued behind each other for the whole of it (bench:load,
-- 200 unpaced clients on PostgreSQL: a third of the pool waiting on that lock, writes' p99 ~2 s). Now a row-level
-- constraint trigger, DEFERRABLE INITIALLY DEFERRED, bumps at commit, once per transaction and domain (a
-- transaction-local setting marks the domain bumped, so a statement of many rows queues many cheap events but
-- updates the row once): the lock is held only from the commit's trigger phase to the commit itself. Readers still
-- never see a version before its data (the bump commits with it). TRUNCATE has no row events: a statement trigger
-- still bumps at once for it. Statements that change no rows no longer bump.
CREATE OR REPLACE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  -- A row event runs at commit: the first of the transaction bumps each of its domains, the rest find them marked.
  at_commit boolean := TG_LEVEL = 'ROW';
  dom text;
  next_version bigint;
BEGIN
  FOREACH dom IN ARRAY TG_ARGV LOOP
    CONTINUE WHEN at_commit AND current_setting('ft_data_version_bumped.' || dom, true) = 'yes';
    UPDATE "data_versions" SET "version" = "version" + 1, "changed_at" = now() WHERE "name" = dom RETURNING "version" INTO next_version;
    PERFORM pg_notify('data_versions', dom || ' ' || next_version::text);
    IF at_commit THEN
      PERFORM set_config('ft_data_version_bumped.' || dom, 'yes', true);
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER "agencies_bump_data_version" ON "agencies";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "agencies_bump_data_version" AFTER INSERT OR UPDATE OR DELETE ON "agencies" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "agencies_bump_data_version_truncate" AFTER TRUNCATE ON "agencies" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
DROP TRIGGER "agency_in_house_areas_bump_data_version" ON "agency_in_house_areas";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "agency_in_house_areas_bump_data_version" AFTER INSERT OR UPDATE OR DELETE ON "agency_in_house_areas" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "agency_in_house_areas_bump_data_version_truncate" AFTER TRUNCATE ON "agency_in_house_areas" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
DROP TRIGGER "agency_locations_bump_data_version" ON "agency_locations";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "agency_locations_bump_data_version" AFTER INSERT OR UPDATE OR DELETE ON "agency_locations" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "agency_locations_bump_data_version_truncate" AFTER TRUNCATE ON "agency_locations" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
DROP TRIGGER "api_clients_bump_data_version" ON "api_clients";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "api_clients_bump_data_version" AFTER INSERT OR UPDATE OR DELETE ON "api_clients" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('auth');
--> statement-breakpoint
CREATE TRIGGER "api_clients_bump_data_version_truncate" AFTER TRUNCATE ON "api_clients" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('auth');
--> statement-breakpoint
DROP TRIGGER "areas_bump_data_version" ON "areas";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "areas_bump_data_version" AFTER INSERT OR UPDATE OR DELETE ON "areas" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "areas_bump_data_version_truncate" AFTER TRUNCATE ON "areas" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
DROP TRIGGER "declarations_bump_data_version" ON "declarations";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "declarations_bump_data_version" AFTER INSERT OR UPDATE OR DELETE ON "declarations" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('acts');
--> statement-breakpoint
CREATE TRIGGER "declarations_bump_data_version_truncate" AFTER TRUNCATE ON "declarations" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('acts');
--> statement-breakpoint
DROP TRIGGER "gain_indicators_bump_catalogue_version" ON "gain_indicators";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "gain_indicators_bump_catalogue_version" AFTER INSERT OR UPDATE OR DELETE ON "gain_indicators" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "gain_indicators_bump_catalogue_version_truncate" AFTER TRUNCATE ON "gain_indicators" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
DROP TRIGGER "gain_measurements_bump_catalogue_version" ON "gain_measurements";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "gain_measurements_bump_catalogue_version" AFTER INSERT OR UPDATE OR DELETE ON "gain_measurements" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "gain_measurements_bump_catalogue_version_truncate" AFTER TRUNCATE ON "gain_measurements" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
DROP TRIGGER "network_areas_bump_catalogue_version" ON "network_areas";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "network_areas_bump_catalogue_version" AFTER INSERT OR UPDATE OR DELETE ON "network_areas" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "network_areas_bump_catalogue_version_truncate" AFTER TRUNCATE ON "network_areas" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
DROP TRIGGER "network_members_bump_catalogue_version" ON "network_members";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "network_members_bump_catalogue_version" AFTER INSERT OR UPDATE OR DELETE ON "network_members" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "network_members_bump_catalogue_version_truncate" AFTER TRUNCATE ON "network_members" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
DROP TRIGGER "networks_bump_catalogue_version" ON "networks";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "networks_bump_catalogue_version" AFTER INSERT OR UPDATE OR DELETE ON "networks" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "networks_bump_catalogue_version_truncate" AFTER TRUNCATE ON "networks" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
DROP TRIGGER "procurement_milestones_bump_data_version" ON "procurement_milestones";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "procurement_milestones_bump_data_version" AFTER INSERT OR UPDATE OR DELETE ON "procurement_milestones" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('acts', 'procurements');
--> statement-breakpoint
CREATE TRIGGER "procurement_milestones_bump_data_version_truncate" AFTER TRUNCATE ON "procurement_milestones" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('acts', 'procurements');
--> statement-breakpoint
DROP TRIGGER "procurements_bump_data_version" ON "procurements";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "procurements_bump_data_version" AFTER INSERT OR UPDATE OR DELETE ON "procurements" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('acts', 'procurements');
--> statement-breakpoint
CREATE TRIGGER "procurements_bump_data_version_truncate" AFTER TRUNCATE ON "procurements" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('acts', 'procurements');
--> statement-breakpoint
DROP TRIGGER "providers_bump_data_version" ON "providers";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "providers_bump_data_version" AFTER INSERT OR UPDATE OR DELETE ON "providers" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "providers_bump_data_version_truncate" AFTER TRUNCATE ON "providers" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
DROP TRIGGER "role_assignments_bump_data_version" ON "role_assignments";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "role_assignments_bump_data_version" AFTER INSERT OR UPDATE OR DELETE ON "role_assignments" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('auth');
--> statement-breakpoint
CREATE TRIGGER "role_assignments_bump_data_version_truncate" AFTER TRUNCATE ON "role_assignments" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('auth');
--> statement-breakpoint
DROP TRIGGER "service_opt_outs_bump_data_version" ON "service_opt_outs";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "service_opt_outs_bump_data_version" AFTER INSERT OR UPDATE OR DELETE ON "service_opt_outs" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('acts');
--> statement-breakpoint
CREATE TRIGGER "service_opt_outs_bump_data_version_truncate" AFTER TRUNCATE ON "service_opt_outs" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('acts');
--> statement-breakpoint
DROP TRIGGER "service_prices_bump_data_version" ON "service_prices";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "service_prices_bump_data_version" AFTER INSERT OR UPDATE OR DELETE ON "service_prices" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "service_prices_bump_data_version_truncate" AFTER TRUNCATE ON "service_prices" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
DROP TRIGGER "service_relations_bump_data_version" ON "service_relations";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "service_relations_bump_data_version" AFTER INSERT OR UPDATE OR DELETE ON "service_relations" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "service_relations_bump_data_version_truncate" AFTER TRUNCATE ON "service_relations" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
DROP TRIGGER "service_slug_aliases_bump_data_version" ON "service_slug_aliases";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "service_slug_aliases_bump_data_version" AFTER INSERT OR UPDATE OR DELETE ON "service_slug_aliases" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "service_slug_aliases_bump_data_version_truncate" AFTER TRUNCATE ON "service_slug_aliases" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
DROP TRIGGER "service_versions_bump_data_version" ON "service_versions";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "service_versions_bump_data_version" AFTER INSERT OR UPDATE OR DELETE ON "service_versions" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "service_versions_bump_data_version_truncate" AFTER TRUNCATE ON "service_versions" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
DROP TRIGGER "services_bump_data_version" ON "services";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "services_bump_data_version" AFTER INSERT OR UPDATE OR DELETE ON "services" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "services_bump_data_version_truncate" AFTER TRUNCATE ON "services" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
DROP TRIGGER "sessions_bump_data_version" ON "sessions";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "sessions_bump_data_version" AFTER DELETE OR UPDATE OF token_hash, user_id, csrf_token, expires_at ON "sessions" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('auth');
--> statement-breakpoint
CREATE TRIGGER "sessions_bump_data_version_truncate" AFTER TRUNCATE ON "sessions" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('auth');
--> statement-breakpoint
DROP TRIGGER "subscriptions_bump_data_version" ON "subscriptions";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "subscriptions_bump_data_version" AFTER INSERT OR UPDATE OR DELETE ON "subscriptions" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "subscriptions_bump_data_version_truncate" AFTER TRUNCATE ON "subscriptions" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
DROP TRIGGER "survey_services_bump_catalogue_version" ON "survey_services";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "survey_services_bump_catalogue_version" AFTER INSERT OR UPDATE OR DELETE ON "survey_services" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "survey_services_bump_catalogue_version_truncate" AFTER TRUNCATE ON "survey_services" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
DROP TRIGGER "surveys_bump_catalogue_version" ON "surveys";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "surveys_bump_catalogue_version" AFTER INSERT OR UPDATE OR DELETE ON "surveys" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "surveys_bump_catalogue_version_truncate" AFTER TRUNCATE ON "surveys" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
DROP TRIGGER "tiers_bump_data_version" ON "tiers";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "tiers_bump_data_version" AFTER INSERT OR UPDATE OR DELETE ON "tiers" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "tiers_bump_data_version_truncate" AFTER TRUNCATE ON "tiers" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
DROP TRIGGER "users_bump_data_version" ON "users";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "users_bump_data_version" AFTER INSERT OR UPDATE OR DELETE ON "users" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('auth');
--> statement-breakpoint
CREATE TRIGGER "users_bump_data_version_truncate" AFTER TRUNCATE ON "users" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('auth');
