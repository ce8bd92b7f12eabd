CREATE TABLE "gain_indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"name" jsonb NOT NULL,
	"unit" text NOT NULL,
	"better_when" text NOT NULL,
	"baseline_value" double precision NOT NULL,
	"baseline_period" text NOT NULL,
	"baseline_description" jsonb NOT NULL,
	"source" text NOT NULL,
	"method" text NOT NULL,
	"fact_source" text DEFAULT 'provider' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gain_indicators_period" CHECK (baseline_period ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$')
);
--> statement-breakpoint
CREATE TABLE "gain_measurements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" uuid NOT NULL,
	"period" text NOT NULL,
	"value" double precision NOT NULL,
	"note" text,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" text NOT NULL,
	CONSTRAINT "gain_measurements_period" CHECK (period ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$')
);
--> statement-breakpoint
CREATE TABLE "idea_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"idea_id" uuid NOT NULL,
	"agency_orgnr" text,
	"provider_id" uuid,
	"author_name" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idea_status_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"idea_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text,
	"at" timestamp with time zone NOT NULL,
	"by_name" text NOT NULL,
	"provider_id" uuid
);
--> statement-breakpoint
CREATE TABLE "idea_votes" (
	"idea_id" uuid NOT NULL,
	"agency_orgnr" text NOT NULL,
	"voted_at" timestamp with time zone NOT NULL,
	"voted_by" text NOT NULL,
	CONSTRAINT "idea_votes_idea_id_agency_orgnr_pk" PRIMARY KEY("idea_id","agency_orgnr")
);
--> statement-breakpoint
CREATE TABLE "ideas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"service_id" uuid,
	"provider_id" uuid,
	"area_slug" text,
	"agency_orgnr" text NOT NULL,
	"proposed_by" text NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"status_changed_at" timestamp with time zone NOT NULL,
	"fact_source" text DEFAULT 'agency' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ideas_improvement_has_service" CHECK ("ideas"."kind" <> 'improvement' or "ideas"."service_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_orgnr" text NOT NULL,
	"area_slug" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"urgency" text NOT NULL,
	"visibility" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolution" text,
	"met_by_service_id" uuid,
	"met_by_network_id" uuid,
	"contact_name" text,
	"contact_email" text,
	"created_by" text NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "needs_orgnr_format" CHECK (agency_orgnr ~ '^[0-9]{9}$'),
	CONSTRAINT "needs_closed_when_not_open" CHECK (("needs"."status" = 'open') = ("needs"."closed_at" is null))
);
--> statement-breakpoint
CREATE TABLE "network_areas" (
	"network_id" uuid NOT NULL,
	"area_slug" text NOT NULL,
	CONSTRAINT "network_areas_network_id_area_slug_pk" PRIMARY KEY("network_id","area_slug")
);
--> statement-breakpoint
CREATE TABLE "network_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"agency_orgnr" text NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"joined_by" text NOT NULL,
	"left_at" timestamp with time zone,
	"left_by" text,
	CONSTRAINT "network_members_orgnr_format" CHECK (agency_orgnr ~ '^[0-9]{9}$')
);
--> statement-breakpoint
CREATE TABLE "networks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"kind" text NOT NULL,
	"name" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	"facilitator_provider_id" uuid,
	"ministry_orgnr" text,
	"county_name" text,
	"municipality_number" text,
	"municipality_name" text,
	"meeting_place" text,
	"contact_name" text,
	"contact_email" text,
	"service_id" uuid,
	"fact_source" text DEFAULT 'provider' NOT NULL,
	"source_ref" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"agency_orgnr" text NOT NULL,
	"answers" jsonb NOT NULL,
	"employees" integer,
	"ministry_area" text,
	"submitted_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"submitted_by" text NOT NULL,
	CONSTRAINT "survey_responses_orgnr_format" CHECK (agency_orgnr ~ '^[0-9]{9}$')
);
--> statement-breakpoint
CREATE TABLE "survey_services" (
	"survey_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	CONSTRAINT "survey_services_survey_id_service_id_pk" PRIMARY KEY("survey_id","service_id")
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_id" uuid NOT NULL,
	"template" text NOT NULL,
	"audience" text DEFAULT 'service_users' NOT NULL,
	"title" jsonb NOT NULL,
	"questionnaire_id" uuid NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"created_by" text NOT NULL,
	"fact_source" text DEFAULT 'provider' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "surveys_dates_ordered" CHECK ("surveys"."closes_on" >= "surveys"."opens_on")
);
--> statement-breakpoint
ALTER TABLE "gain_indicators" ADD CONSTRAINT "gain_indicators_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gain_measurements" ADD CONSTRAINT "gain_measurements_indicator_id_gain_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."gain_indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_comments" ADD CONSTRAINT "idea_comments_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_comments" ADD CONSTRAINT "idea_comments_agency_orgnr_agencies_orgnr_fk" FOREIGN KEY ("agency_orgnr") REFERENCES "public"."agencies"("orgnr") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_comments" ADD CONSTRAINT "idea_comments_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_status_events" ADD CONSTRAINT "idea_status_events_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_status_events" ADD CONSTRAINT "idea_status_events_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_votes" ADD CONSTRAINT "idea_votes_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_votes" ADD CONSTRAINT "idea_votes_agency_orgnr_agencies_orgnr_fk" FOREIGN KEY ("agency_orgnr") REFERENCES "public"."agencies"("orgnr") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_area_slug_areas_slug_fk" FOREIGN KEY ("area_slug") REFERENCES "public"."areas"("slug") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_agency_orgnr_agencies_orgnr_fk" FOREIGN KEY ("agency_orgnr") REFERENCES "public"."agencies"("orgnr") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_agency_orgnr_agencies_orgnr_fk" FOREIGN KEY ("agency_orgnr") REFERENCES "public"."agencies"("orgnr") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_area_slug_areas_slug_fk" FOREIGN KEY ("area_slug") REFERENCES "public"."areas"("slug") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_met_by_service_id_services_id_fk" FOREIGN KEY ("met_by_service_id") REFERENCES "public"."services"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_met_by_network_id_networks_id_fk" FOREIGN KEY ("met_by_network_id") REFERENCES "public"."networks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_areas" ADD CONSTRAINT "network_areas_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_areas" ADD CONSTRAINT "network_areas_area_slug_areas_slug_fk" FOREIGN KEY ("area_slug") REFERENCES "public"."areas"("slug") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_agency_orgnr_agencies_orgnr_fk" FOREIGN KEY ("agency_orgnr") REFERENCES "public"."agencies"("orgnr") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "networks" ADD CONSTRAINT "networks_facilitator_provider_id_providers_id_fk" FOREIGN KEY ("facilitator_provider_id") REFERENCES "public"."providers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "networks" ADD CONSTRAINT "networks_ministry_orgnr_agencies_orgnr_fk" FOREIGN KEY ("ministry_orgnr") REFERENCES "public"."agencies"("orgnr") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "networks" ADD CONSTRAINT "networks_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_agency_orgnr_agencies_orgnr_fk" FOREIGN KEY ("agency_orgnr") REFERENCES "public"."agencies"("orgnr") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_services" ADD CONSTRAINT "survey_services_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_services" ADD CONSTRAINT "survey_services_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_questionnaire_id_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."questionnaires"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gain_indicators_service_idx" ON "gain_indicators" USING btree ("service_id");--> statement-breakpoint
CREATE UNIQUE INDEX "gain_measurements_period_idx" ON "gain_measurements" USING btree ("indicator_id","period");--> statement-breakpoint
CREATE INDEX "idea_comments_idea_idx" ON "idea_comments" USING btree ("idea_id","created_at");--> statement-breakpoint
CREATE INDEX "idea_status_events_idea_idx" ON "idea_status_events" USING btree ("idea_id","at");--> statement-breakpoint
CREATE INDEX "idea_votes_agency_idx" ON "idea_votes" USING btree ("agency_orgnr");--> statement-breakpoint
CREATE INDEX "ideas_service_idx" ON "ideas" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "ideas_provider_idx" ON "ideas" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "ideas_status_idx" ON "ideas" USING btree ("status");--> statement-breakpoint
CREATE INDEX "needs_area_status_idx" ON "needs" USING btree ("area_slug","status");--> statement-breakpoint
CREATE INDEX "needs_agency_idx" ON "needs" USING btree ("agency_orgnr");--> statement-breakpoint
CREATE INDEX "network_areas_area_idx" ON "network_areas" USING btree ("area_slug");--> statement-breakpoint
CREATE UNIQUE INDEX "network_members_one_current_idx" ON "network_members" USING btree ("network_id","agency_orgnr") WHERE "network_members"."left_at" is null;--> statement-breakpoint
CREATE INDEX "network_members_agency_idx" ON "network_members" USING btree ("agency_orgnr");--> statement-breakpoint
CREATE UNIQUE INDEX "networks_slug_idx" ON "networks" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "networks_kind_idx" ON "networks" USING btree ("kind");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_one_per_agency_idx" ON "survey_responses" USING btree ("survey_id","agency_orgnr");--> statement-breakpoint
CREATE INDEX "survey_responses_agency_idx" ON "survey_responses" USING btree ("agency_orgnr");--> statement-breakpoint
CREATE INDEX "survey_services_service_idx" ON "survey_services" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "surveys_provider_idx" ON "surveys" USING btree ("provider_id");