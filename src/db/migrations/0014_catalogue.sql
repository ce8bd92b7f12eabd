-- Hand-written (issue 12): editing the catalogue. The published version of a service stays in `services` (what
-- search, pages, statistics and the open-data export read); every published version is also kept whole in
-- `service_versions`, with who published it, when and which fields changed. A change is made in a draft (at most
-- one per service; a new service is only a draft until first published), with a revision for ETag/If-Match.
-- Renamed slugs keep answering through `service_slug_aliases` (301). DFØ can require review per provider.
ALTER TABLE "providers" ADD COLUMN "review_required" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "retired_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "version" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
CREATE TABLE "service_versions" (
	"service_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"document" jsonb NOT NULL,
	"changed_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by_id" text,
	"published_by_name" text NOT NULL,
	"note" text,
	CONSTRAINT "service_versions_service_id_number_pk" PRIMARY KEY("service_id","number"),
	CONSTRAINT "service_versions_number_positive" CHECK ("service_versions"."number" > 0)
);
--> statement-breakpoint
ALTER TABLE "service_versions" ADD CONSTRAINT "service_versions_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE TABLE "service_drafts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid,
	"provider_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"document" jsonb NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"review_comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_id" text,
	"updated_by_name" text NOT NULL,
	CONSTRAINT "service_drafts_state" CHECK ("service_drafts"."state" in ('draft', 'in_review', 'returned'))
);
--> statement-breakpoint
ALTER TABLE "service_drafts" ADD CONSTRAINT "service_drafts_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "service_drafts" ADD CONSTRAINT "service_drafts_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "service_drafts_service_idx" ON "service_drafts" USING btree ("service_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "service_drafts_new_slug_idx" ON "service_drafts" USING btree ("slug") WHERE "service_drafts"."service_id" is null;
--> statement-breakpoint
CREATE INDEX "service_drafts_provider_idx" ON "service_drafts" USING btree ("provider_id");
--> statement-breakpoint
CREATE TABLE "service_slug_aliases" (
	"slug" text PRIMARY KEY NOT NULL,
	"service_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "service_slug_aliases" ADD CONSTRAINT "service_slug_aliases_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE TRIGGER "service_versions_bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "service_versions" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
--> statement-breakpoint
CREATE TRIGGER "service_slug_aliases_bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "service_slug_aliases" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
