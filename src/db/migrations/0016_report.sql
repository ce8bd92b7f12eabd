-- Issue 17, item 1: the provider follows up an agency's voluntary non-use of a service (to_contact → contacted →
-- resolved) with a note that stays internal to the provider; the agency and its ministry never see it.
ALTER TABLE "service_opt_outs" ADD COLUMN "follow_up" text;--> statement-breakpoint
ALTER TABLE "service_opt_outs" ADD COLUMN "follow_up_note" text;--> statement-breakpoint
ALTER TABLE "service_opt_outs" ADD COLUMN "follow_up_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "service_opt_outs" ADD COLUMN "follow_up_by" text;--> statement-breakpoint
ALTER TABLE "service_opt_outs" ADD CONSTRAINT "service_opt_outs_follow_up" CHECK ("follow_up" is null or "follow_up" in ('to_contact', 'contacted', 'resolved'));
--> statement-breakpoint
-- Issue 17, item 3: an agency outside a sector or group service's target group asks its provider for access.
CREATE TABLE "access_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL REFERENCES "public"."services"("id") ON DELETE cascade,
	"agency_orgnr" text NOT NULL REFERENCES "public"."agencies"("orgnr") ON DELETE restrict,
	"need" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"answer_note" text,
	"requested_at" timestamp with time zone NOT NULL,
	"requested_by" text NOT NULL,
	"answered_at" timestamp with time zone,
	"answered_by" text,
	CONSTRAINT "access_requests_state" CHECK ("state" in ('pending', 'granted', 'declined', 'waiting_list')),
	CONSTRAINT "access_requests_orgnr_format" CHECK ("agency_orgnr" ~ '^[0-9]{9}$'),
	CONSTRAINT "access_requests_declined_reason" CHECK ("state" <> 'declined' or "answer_note" is not null)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "access_requests_one_open_idx" ON "access_requests" ("service_id", "agency_orgnr") WHERE "state" in ('pending', 'waiting_list');
--> statement-breakpoint
CREATE INDEX "access_requests_agency_idx" ON "access_requests" ("agency_orgnr");
--> statement-breakpoint
-- Issue 17, item 2: public questions and answers on a procurement in consultation. The asking agency is kept for the
-- provider; what is published (the question and its answer) never names it.
CREATE TABLE "procurement_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procurement_id" uuid NOT NULL REFERENCES "public"."procurements"("id") ON DELETE cascade,
	"agency_orgnr" text NOT NULL REFERENCES "public"."agencies"("orgnr") ON DELETE restrict,
	"question" text NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	"asked_by" text NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_by" text,
	CONSTRAINT "procurement_questions_orgnr_format" CHECK ("agency_orgnr" ~ '^[0-9]{9}$')
);
--> statement-breakpoint
CREATE INDEX "procurement_questions_procurement_idx" ON "procurement_questions" ("procurement_id", "asked_at");
