CREATE TABLE "agencies" (
	"orgnr" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" jsonb NOT NULL,
	"short_name" text,
	"parent_orgnr" text,
	"ministry_orgnr" text,
	"employees" integer,
	"employees_source" text,
	"employees_as_of" date,
	"org_form" text,
	"sector_code" text,
	"municipality_number" text,
	"municipality_name" text,
	"county_name" text,
	"postal_code" text,
	"city" text,
	"website" text,
	"email" text,
	"phone" text,
	"deleted_on" date,
	"fact_source" text DEFAULT 'register' NOT NULL,
	"source_note" text,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('norwegian', coalesce(name->>'nb','') || ' ' || coalesce(name->>'nn','') || ' ' || coalesce(name->>'en','') || ' ' || coalesce(short_name,''))) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agencies_orgnr_format" CHECK (orgnr ~ '^[0-9]{9}$'),
	CONSTRAINT "agencies_employees_nonnegative" CHECK ("agencies"."employees" is null or "agencies"."employees" >= 0)
);
--> statement-breakpoint
CREATE TABLE "areas" (
	"slug" text PRIMARY KEY NOT NULL,
	"name" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"gap_area" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "providers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" jsonb NOT NULL,
	"short_name" text,
	"orgnr" text,
	"model" text NOT NULL,
	"ministry_orgnr" text,
	"parent_provider_id" uuid,
	"description" jsonb NOT NULL,
	"website" text,
	"contact" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"fact_source" text DEFAULT 'report' NOT NULL,
	"source_ref" text,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('norwegian', coalesce(name->>'nb','') || ' ' || coalesce(name->>'en','') || ' ' || coalesce(short_name,''))) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_relations" (
	"service_id" uuid NOT NULL,
	"related_service_id" uuid NOT NULL,
	CONSTRAINT "service_relations_service_id_related_service_id_pk" PRIMARY KEY("service_id","related_service_id"),
	CONSTRAINT "service_relations_not_self" CHECK ("service_relations"."service_id" <> "service_relations"."related_service_id")
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"provider_id" uuid NOT NULL,
	"area_slug" text NOT NULL,
	"parent_service_id" uuid,
	"kind" text DEFAULT 'service' NOT NULL,
	"name" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	"model" text NOT NULL,
	"target_group" text NOT NULL,
	"target_ministry_orgnr" text,
	"target_description" jsonb,
	"obligation" text DEFAULT 'voluntary' NOT NULL,
	"financing" text[] DEFAULT '{}'::text[] NOT NULL,
	"financing_note" jsonb,
	"status" text DEFAULT 'active' NOT NULL,
	"launched_on" date,
	"planned_on" date,
	"phased_out_on" date,
	"service_levels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"support_channels" text[] DEFAULT '{}'::text[] NOT NULL,
	"how_to_join" jsonb DEFAULT '{"steps":[],"links":[]}'::jsonb NOT NULL,
	"website" text,
	"reported_users" integer,
	"reported_users_note" jsonb,
	"reported_users_year" integer,
	"keywords" text DEFAULT '' NOT NULL,
	"fact_source" text DEFAULT 'report' NOT NULL,
	"source_ref" text,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('norwegian', coalesce(name->>'nb','') || ' ' || coalesce(name->>'nn','') || ' ' || coalesce(name->>'en','')), 'A') || setweight(to_tsvector('norwegian', keywords), 'B') || setweight(to_tsvector('norwegian', coalesce(summary->>'nb','') || ' ' || coalesce(summary->>'en','')), 'C') || setweight(to_tsvector('norwegian', coalesce(description->>'nb','')), 'D')) STORED,
	"search_title" text GENERATED ALWAYS AS (lower(coalesce(name->>'nb','') || ' ' || coalesce(name->>'en','') || ' ' || keywords)) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "services_uptime_range" CHECK (("services"."service_levels"->>'uptimePercent') is null or (("services"."service_levels"->>'uptimePercent')::numeric between 0 and 100))
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_orgnr" text NOT NULL,
	"service_id" uuid NOT NULL,
	"tier_id" uuid,
	"started_on" date,
	"ended_on" date,
	"end_reason" text,
	"fact_source" text DEFAULT 'illustrative' NOT NULL,
	"note" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscriptions_dates_ordered" CHECK ("subscriptions"."ended_on" is null or "subscriptions"."started_on" is null or "subscriptions"."ended_on" >= "subscriptions"."started_on")
);
--> statement-breakpoint
CREATE TABLE "tiers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" jsonb NOT NULL,
	"description" jsonb,
	"kind" text DEFAULT 'tier' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"current" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_parent_orgnr_agencies_orgnr_fk" FOREIGN KEY ("parent_orgnr") REFERENCES "public"."agencies"("orgnr") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_ministry_orgnr_agencies_orgnr_fk" FOREIGN KEY ("ministry_orgnr") REFERENCES "public"."agencies"("orgnr") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "providers" ADD CONSTRAINT "providers_orgnr_agencies_orgnr_fk" FOREIGN KEY ("orgnr") REFERENCES "public"."agencies"("orgnr") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "providers" ADD CONSTRAINT "providers_ministry_orgnr_agencies_orgnr_fk" FOREIGN KEY ("ministry_orgnr") REFERENCES "public"."agencies"("orgnr") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "providers" ADD CONSTRAINT "providers_parent_provider_id_providers_id_fk" FOREIGN KEY ("parent_provider_id") REFERENCES "public"."providers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_relations" ADD CONSTRAINT "service_relations_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_relations" ADD CONSTRAINT "service_relations_related_service_id_services_id_fk" FOREIGN KEY ("related_service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_area_slug_areas_slug_fk" FOREIGN KEY ("area_slug") REFERENCES "public"."areas"("slug") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_parent_service_id_services_id_fk" FOREIGN KEY ("parent_service_id") REFERENCES "public"."services"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_target_ministry_orgnr_agencies_orgnr_fk" FOREIGN KEY ("target_ministry_orgnr") REFERENCES "public"."agencies"("orgnr") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_agency_orgnr_agencies_orgnr_fk" FOREIGN KEY ("agency_orgnr") REFERENCES "public"."agencies"("orgnr") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_tier_id_tiers_id_fk" FOREIGN KEY ("tier_id") REFERENCES "public"."tiers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tiers" ADD CONSTRAINT "tiers_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agencies_ministry_idx" ON "agencies" USING btree ("ministry_orgnr");--> statement-breakpoint
CREATE INDEX "agencies_kind_idx" ON "agencies" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "agencies_search_idx" ON "agencies" USING gin ("search_vector");--> statement-breakpoint
CREATE UNIQUE INDEX "providers_slug_idx" ON "providers" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "providers_search_idx" ON "providers" USING gin ("search_vector");--> statement-breakpoint
CREATE UNIQUE INDEX "services_slug_idx" ON "services" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "services_provider_idx" ON "services" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "services_area_idx" ON "services" USING btree ("area_slug");--> statement-breakpoint
CREATE INDEX "services_search_idx" ON "services" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "services_title_trgm_idx" ON "services" USING gin ("search_title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "subscriptions_service_idx" ON "subscriptions" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "subscriptions_agency_idx" ON "subscriptions" USING btree ("agency_orgnr");--> statement-breakpoint
CREATE UNIQUE INDEX "subscriptions_one_open_idx" ON "subscriptions" USING btree ("agency_orgnr","service_id") WHERE "subscriptions"."ended_on" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "tiers_service_slug_idx" ON "tiers" USING btree ("service_id","slug");