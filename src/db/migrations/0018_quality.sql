CREATE TABLE "service_reviews" (
	"service_id" uuid PRIMARY KEY NOT NULL,
	"reviewed_at" timestamp with time zone NOT NULL,
	"reviewed_by_user_id" uuid,
	"reviewed_by_name" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "service_reviews" ADD CONSTRAINT "service_reviews_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_reviews" ADD CONSTRAINT "service_reviews_reviewed_by_user_id_users_id_fk" FOREIGN KEY ("reviewed_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE TABLE "link_checks" (
	"url" text PRIMARY KEY NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"ok" boolean NOT NULL,
	"http_status" integer,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "harvest_sources" (
	"provider_id" uuid PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"registered_by_name" text NOT NULL,
	"last_run_id" uuid,
	CONSTRAINT "harvest_sources_url_format" CHECK ("harvest_sources"."url" ~ '^https?://')
);
--> statement-breakpoint
ALTER TABLE "harvest_sources" ADD CONSTRAINT "harvest_sources_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "harvest_sources" ADD CONSTRAINT "harvest_sources_last_run_id_import_runs_id_fk" FOREIGN KEY ("last_run_id") REFERENCES "public"."import_runs"("id") ON DELETE set null ON UPDATE no action;
