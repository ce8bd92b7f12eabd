-- Issue 17, item 2 (early involvement): a needs survey before a procurement is a survey linked to it, answered by the
-- procurement's eligible agencies; one per procurement.
ALTER TABLE "surveys" ADD COLUMN "procurement_id" uuid REFERENCES "public"."procurements"("id") ON DELETE cascade;
--> statement-breakpoint
CREATE UNIQUE INDEX "surveys_one_needs_survey_idx" ON "surveys" ("procurement_id") WHERE "procurement_id" is not null;
--> statement-breakpoint
-- Statens innkjøpsråd's recommendation and DFØ's decision as dated milestones with a document.
CREATE TABLE "procurement_early_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procurement_id" uuid NOT NULL REFERENCES "public"."procurements"("id") ON DELETE cascade,
	"kind" text NOT NULL,
	"decided_on" date NOT NULL,
	"outcome" text NOT NULL,
	"summary" text,
	"document_title" text NOT NULL,
	"document_url" text,
	"document_ref" text,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" text NOT NULL,
	CONSTRAINT "procurement_early_milestones_kind" CHECK ("kind" in ('council_recommendation', 'decision')),
	CONSTRAINT "procurement_early_milestones_document" CHECK ("document_url" is not null or "document_ref" is not null)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "procurement_early_milestones_one_idx" ON "procurement_early_milestones" ("procurement_id", "kind");
--> statement-breakpoint
-- Issue 17, item 4 (the report's 3.3): an agency's baseline on the task a service takes over (hours a month, cost a
-- year, FTEs), and later its result; one row per agency and service. The service's figures are sums over agencies
-- with the small-group rule, never one agency's numbers.
CREATE TABLE "agency_baselines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL REFERENCES "public"."services"("id") ON DELETE cascade,
	"agency_orgnr" text NOT NULL REFERENCES "public"."agencies"("orgnr") ON DELETE restrict,
	"baseline_period" text NOT NULL,
	"baseline" jsonb NOT NULL,
	"baseline_note" text,
	"baseline_recorded_at" timestamp with time zone NOT NULL,
	"baseline_recorded_by" text NOT NULL,
	"result_period" text,
	"result" jsonb,
	"result_note" text,
	"result_recorded_at" timestamp with time zone,
	"result_recorded_by" text,
	CONSTRAINT "agency_baselines_orgnr_format" CHECK ("agency_orgnr" ~ '^[0-9]{9}$'),
	CONSTRAINT "agency_baselines_result_whole" CHECK (("result" is null) = ("result_period" is null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "agency_baselines_one_idx" ON "agency_baselines" ("service_id", "agency_orgnr");
--> statement-breakpoint
CREATE INDEX "agency_baselines_agency_idx" ON "agency_baselines" ("agency_orgnr");
