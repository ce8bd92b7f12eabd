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
