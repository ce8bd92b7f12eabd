-- Hand-written: every data-version bump is also announced with NOTIFY, so an app node that listens can keep the
-- versions in memory instead of reading them on every request (src/db/versionFeed.ts; PGlite does, because its one
-- in-process session sees every commit). The trigger function now takes several domains: procurements and their
-- milestones bump `procurements` as well as `acts`, so a procurement's details stay cached while declarations change;
-- users, role assignments, API clients and ended sessions bump `auth`, which keys the cache of signed-in principals
-- (src/auth/sessionCache.ts). A new session is not in anyone's cache, and the once-a-minute touch of `last_seen_at`
-- changes nothing a cached entry decides on (it is looked up in the database again when its own copy is a minute old),
-- so inserts and touches do not bump it: with many people signed in, they would empty the cache constantly. Any other
-- change to a session (ending it early, say) does.
INSERT INTO "data_versions" ("name", "version") VALUES ('auth', 0), ('procurements', 0) ON CONFLICT ("name") DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  domain text;
  bumped bigint;
BEGIN
  FOREACH domain IN ARRAY TG_ARGV LOOP
    UPDATE "data_versions" SET "version" = "version" + 1, "changed_at" = now() WHERE "name" = domain RETURNING "version" INTO bumped;
    PERFORM pg_notify('data_versions', domain || ' ' || bumped::text);
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS "procurements_bump_data_version" ON "procurements";
--> statement-breakpoint
CREATE TRIGGER "procurements_bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "procurements" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('acts', 'procurements');
--> statement-breakpoint
DROP TRIGGER IF EXISTS "procurement_milestones_bump_data_version" ON "procurement_milestones";
--> statement-breakpoint
CREATE TRIGGER "procurement_milestones_bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "procurement_milestones" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('acts', 'procurements');
--> statement-breakpoint
CREATE TRIGGER "sessions_bump_data_version" AFTER UPDATE OF "token_hash", "user_id", "csrf_token", "expires_at" OR DELETE OR TRUNCATE ON "sessions" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('auth');
--> statement-breakpoint
CREATE TRIGGER "users_bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "users" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('auth');
--> statement-breakpoint
CREATE TRIGGER "role_assignments_bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "role_assignments" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('auth');
--> statement-breakpoint
CREATE TRIGGER "api_clients_bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "api_clients" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('auth');
