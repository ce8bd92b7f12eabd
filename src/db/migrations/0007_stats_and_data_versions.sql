CREATE TABLE "data_versions" (
	"name" text PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agency_in_house_areas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_orgnr" text NOT NULL,
	"area_slug" text NOT NULL,
	"declared_on" date NOT NULL,
	"ended_on" date,
	"fact_source" text DEFAULT 'agency' NOT NULL,
	"note" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agency_in_house_areas_dates_ordered" CHECK ("agency_in_house_areas"."ended_on" is null or "agency_in_house_areas"."ended_on" >= "agency_in_house_areas"."declared_on")
);
--> statement-breakpoint
ALTER TABLE "agency_in_house_areas" ADD CONSTRAINT "agency_in_house_areas_agency_orgnr_agencies_orgnr_fk" FOREIGN KEY ("agency_orgnr") REFERENCES "public"."agencies"("orgnr") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_in_house_areas" ADD CONSTRAINT "agency_in_house_areas_area_slug_areas_slug_fk" FOREIGN KEY ("area_slug") REFERENCES "public"."areas"("slug") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agency_in_house_areas_area_idx" ON "agency_in_house_areas" USING btree ("area_slug");--> statement-breakpoint
CREATE UNIQUE INDEX "agency_in_house_areas_one_open_idx" ON "agency_in_house_areas" USING btree ("agency_orgnr","area_slug") WHERE "agency_in_house_areas"."ended_on" is null;